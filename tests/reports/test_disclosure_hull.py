"""Hidden cells pinned through counts being at least 0, found with one linear programme and linear algebra."""

import random

from reports.disclosure_audit import determined_cells, line_system, pinned_cells
from reports.disclosure_hull import always_zero, pinned_on_hull
from reports.disclosure_linked import Line, protect

from .disclosure_checks import recoverable_cells
from .test_disclosure_linked import as_pairs, grid_lines

# b + d = 8 (T1 shown), d = c + 8 (g shown), E = d + e = 20 (E shown): each line holds two hidden cells and
# the lines leave one direction free (b and e up, c and d down), so no adding and subtracting pins anything.
# But the first less the second says b + c = 0, so b = c = 0 (counts are at least 0), then d = 8 and e = 12.
CHAIN_VALUES = {"T1": 8, "b": 0, "d": 8, "c": 0, "g": 8, "E": 20, "e": 12}
CHAIN_LINES = [Line("T1", ("b", "d")), Line("d", ("c", "g")), Line("E", ("d", "e"))]


def test_two_hidden_zeros_whose_line_leaves_them_nothing_are_always_zero():
    # T = 5 and a = 5 are shown: b + c = 0.
    values = {"T": 5, "a": 5, "b": 0, "c": 0}
    lines = [Line("T", ("a", "b", "c"))]
    a, b = line_system(["b", "c"], lines, values)

    assert always_zero(a, b, [0, 1]) == [0, 1]
    assert pinned_on_hull(["b", "c"], lines, values) == ["b", "c"]
    assert determined_cells(["b", "c"], lines) == []


def test_a_hidden_zero_with_room_to_grow_is_not_always_zero():
    # T = 5 and a = 3 shown: b + c = 2, and b (0 in truth) could be 1 or 2.
    values = {"T": 5, "a": 3, "b": 0, "c": 2}
    lines = [Line("T", ("a", "b", "c"))]
    a, b = line_system(["b", "c"], lines, values)

    assert always_zero(a, b, [0]) == []
    assert pinned_on_hull(["b", "c"], lines, values) == []


def test_two_lines_together_pin_zeros_and_then_the_cells_beside_them():
    cells = ["b", "c", "d", "e"]
    a, b = line_system(cells, CHAIN_LINES, CHAIN_VALUES)

    assert always_zero(a, b, [0, 1]) == [0, 1]
    assert pinned_on_hull(cells, CHAIN_LINES, CHAIN_VALUES) == cells
    assert determined_cells(cells, CHAIN_LINES) == []
    assert set(pinned_cells(cells, CHAIN_LINES, CHAIN_VALUES)) == set(cells)


def test_a_group_above_the_audit_limit_is_protected_against_counts_being_at_least_zero():
    # audit_limit=0 sends every group to the cheaper audit a county-sized group gets.
    found = protect(CHAIN_VALUES, CHAIN_LINES, {"b", "c", "d", "e"}, threshold=5, audit_limit=0)

    assert found.linear_only > 0 and found.audited == 0
    assert not recoverable_cells(CHAIN_VALUES, as_pairs(CHAIN_LINES), set(CHAIN_VALUES) - found.hidden)


def test_the_hull_audit_agrees_with_each_cells_least_and_greatest_value():
    rng = random.Random(11)
    compared = pinned_seen = 0
    for _ in range(40):
        counts = [[rng.choice([0, 0, 0, 3, 12, 40]) for _ in range(3)] for _ in range(rng.randint(2, 4))]
        values, lines = grid_lines(counts)
        hidden = [key for key, value in values.items() if value < 10 or rng.random() < 0.3]
        touching = [line for line in lines if any(key in hidden for key in line.entries)]
        if not hidden or not touching:
            continue
        expected = set(pinned_cells(hidden, touching, values))
        assert set(pinned_on_hull(hidden, touching, values)) == expected, counts
        compared += 1
        pinned_seen += len(expected)
    assert compared > 20 and pinned_seen > 20
