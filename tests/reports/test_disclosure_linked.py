"""Suppression across linked tables: no hidden cell can be worked out from all the pages together."""

import random

import pytest

from reports import disclosure_audit
from reports.disclosure_audit import pinned_cells
from reports.disclosure_linked import Line, protect

from .disclosure_checks import full_grid, recoverable_cells

T = 10


def as_pairs(lines):
    return [(line.total, line.parts) for line in lines]


def check(values, lines, hidden, threshold=T):
    """No hidden cell is pinned, and each line's hidden parts carry the threshold when its total is shown."""
    shown = set(values) - hidden
    assert not recoverable_cells(values, as_pairs(lines), shown)
    for line in lines:
        hidden_parts = [values.get(key, 0) for key in line.parts if key in hidden]
        assert len([key for key in line.entries if key in hidden]) != 1
        if hidden_parts and line.total not in hidden:
            assert sum(hidden_parts) >= threshold


def test_a_school_hidden_in_its_district_is_hidden_on_its_own_page_too():
    # One cell per school serves both the district's table and the school's own page.
    values = {"A": 100, "B": 7, "C": 50, "district": 157}
    lines = [Line("district", ("A", "B", "C"))]
    found = protect(values, lines, {"B"}, threshold=T)
    assert found.hidden == {"B", "C"}
    check(values, lines, found.hidden)


def test_a_district_hidden_in_the_county_protects_its_schools_too():
    values = {"county": 285, "D1": 180, "D2": 45, "D3": 60, "s1": 30, "s2": 30, "t1": 15, "t2": 15, "t3": 15}
    lines = [
        Line("county", ("D1", "D2", "D3")),
        Line("D3", ("s1", "s2")),
        Line("D2", ("t1", "t2", "t3")),
    ]
    found = protect(values, lines, {"D3"}, threshold=T)
    check(values, lines, found.hidden)
    # D3 is the county less D1 and D2: D2 is hidden, and so is one of D2's schools, or D2 would be their sum.
    assert {"D3", "D2"} <= found.hidden
    assert found.hidden & {"t1", "t2", "t3"} and found.hidden & {"s1", "s2"}


def test_hidden_zeros_cannot_be_pinned_by_counts_being_at_least_zero():
    values = {"total": 60, "a": 60, "b": 0, "c": 0}
    lines = [Line("total", ("a", "b", "c"))]
    found = protect(values, lines, {"b", "c"}, threshold=T)
    assert found.hidden == {"a", "b", "c"}
    check(values, lines, found.hidden)


def grid_lines(counts):
    grid = full_grid(counts)
    rows, columns = len(grid), len(grid[0])
    values = {(i, j): grid[i][j] for i in range(rows) for j in range(columns)}
    lines = [Line((i, columns - 1), tuple((i, j) for j in range(columns - 1))) for i in range(rows)]
    lines += [Line((rows - 1, j), tuple((i, j) for i in range(rows - 1))) for j in range(columns)]
    return values, lines


@pytest.mark.parametrize("seed", range(3))
def test_random_tables_as_linked_lines_never_leak(seed):
    rng = random.Random(seed)
    for _ in range(10):
        counts = [
            [rng.choice([0, 1, 4, 9, 12, 30, 80]) for _ in range(rng.randint(1, 4))] for _ in range(rng.randint(1, 4))
        ]
        counts = [row[: len(counts[0])] + [5] * (len(counts[0]) - len(row)) for row in counts]
        values, lines = grid_lines(counts)
        primary = {key for key, value in values.items() if value < T}
        found = protect(values, lines, primary, threshold=T)
        assert primary <= found.hidden
        check(values, lines, found.hidden)


def test_both_audits_agree_on_which_cells_are_pinned(monkeypatch):
    rng = random.Random(7)
    compared = 0
    for _ in range(40):
        counts = [[rng.choice([0, 0, 3, 12, 40]) for _ in range(3)] for _ in range(3)]
        values, lines = grid_lines(counts)
        hidden = [key for key, value in values.items() if value < 10 or rng.random() < 0.2]
        touching = [line for line in lines if any(key in hidden for key in line.entries)]
        if not hidden or not touching:
            continue
        by_range = set(pinned_cells(hidden, touching, values))
        monkeypatch.setattr(disclosure_audit, "RANGE_AUDIT_LIMIT", 0)
        by_direction = set(pinned_cells(hidden, touching, values))
        monkeypatch.undo()
        assert by_range == by_direction, counts
        compared += 1
    assert compared > 20


def test_a_fixed_cell_is_never_hidden_to_protect_another():
    # 4 is hidden; the smallest other entry of its line (the fixed 20) is published for good, so 30 goes instead.
    values = {"total": 54, "a": 4, "b": 20, "c": 30}
    lines = [Line("total", ("a", "b", "c"))]

    assert protect(values, lines, ["a"], threshold=10).hidden == {"a", "b"}
    assert protect(values, lines, ["a"], threshold=10, fixed={"b"}).hidden == {"a", "c"}
