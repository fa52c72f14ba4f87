"""Comparing two nights' published figures gives away no pupil (``reports.publication``)."""

import pytest

from reports import disclosure_cube as cube
from reports.models import RefreshStatus, RollupRefresh, ShownCounts
from reports.publication import (
    keep_shown,
    last_shown,
    lines_moved_by_a_few,
    moved_by_a_few,
    protect_over_time,
    shown_after,
)

from .disclosure_checks import recoverable_cells

T = 10
YEAR, TERM, MODULE, YEAR_GROUP = 2026, 1, 7, 9
SCHOOLS = {
    name: cube.SchoolInfo(district="1", phase="Secondary", kind="Academy", fsm="low", locality="urban")
    for name in ("1", "2", "3", "4")
}
PAIRS = cube.PROGRESS_MEASURES.index("pairs")


def night(pairs_by_school: dict[str, int], last: dict | None = None):
    """One night's published pairs cells: (values, hidden, values last shown once published).

    Each school has 40 pupils assigned, half of them girls; ``pairs`` of them (half girls) have a
    knowledge pair.
    """
    rows = []
    for school, pairs in pairs_by_school.items():
        for gender, share in (("female", pairs // 2), ("male", pairs - pairs // 2)):
            counts = [20, 20, 20, 20, 20, share, 0] + [0] * (len(cube.PROGRESS_MEASURES) - 7)
            rows.append((school, YEAR, TERM, MODULE, YEAR_GROUP, gender, *counts))
    full = cube.progress_table(rows, SCHOOLS)
    table = cube.Table(("pairs",))  # The pairs measure alone, to keep the test quick.
    table.values = {key: [counts[PAIRS]] for key, counts in full.values.items()}
    table.schools = {key: [counts[PAIRS]] for key, counts in full.schools.items()}
    protections, shown = protect_over_time(table, SCHOOLS, T, names=["pairs"], last_shown={"pairs": last or {}})
    values = {key: counts[0] for key, counts in table.values.items()}
    return values, protections["pairs"].hidden, shown["pairs"], cube.lines_of(table.values, SCHOOLS)


def school(name: str) -> tuple:
    return (cube.SCHOOL, name, cube.ALL, cube.ALL, cube.ALL, cube.ALL, cube.EVERY_GENDER)


COUNTY = (cube.COUNTY, "", cube.ALL, cube.ALL, cube.ALL, cube.ALL, cube.EVERY_GENDER)


def test_moved_by_a_few_compares_with_the_value_last_shown():
    last = {"a": 11, "b": 11, "c": 11, "d": 11}
    values = {"a": 12, "b": 21, "c": 11, "d": 2, "new": 12}
    assert moved_by_a_few(values, last, T) == {"a", "d"}


def test_a_hidden_cell_keeps_the_value_last_shown_over_the_nights_it_is_hidden():
    assert shown_after({"a": 12, "b": 30}, {"a"}, {"a": 11, "b": 25, "gone": 4}) == {"a": 11, "b": 30, "gone": 4}


def test_n_going_from_11_to_12_overnight_does_not_give_away_the_12th_pupil():
    first, hidden_first, shown, _ = night({"1": 11, "2": 30, "3": 25, "4": 40})
    assert school("1") not in hidden_first and first[school("1")] == 11

    second, hidden, _, lines = night({"1": 12, "2": 30, "3": 25, "4": 40}, shown)
    # The school's pairs, and every figure containing them that was shown, moved by one pupil: hidden.
    assert school("1") in hidden and COUNTY in hidden
    # Nothing shown on the second night pins the school's 12 (so 12 x mean - 11 x mean cannot be worked out) ...
    shown_second = set(second) - hidden
    assert school("1") not in recoverable_cells(second, [(line.total, line.parts) for line in lines], shown_second)
    # ... nor does any line's hidden sum read on both nights differ by a few pupils.
    for line in lines:
        hidden_here = [key for key in line.entries if key in hidden]
        if hidden_here and all(key in shown for key in hidden_here):

            def readable(count, line=line, hidden_here=hidden_here):
                return sum(count.get(key, 0) * (-1 if key == line.total else 1) for key in hidden_here)

            assert not 0 < abs(readable(second) - readable(shown)) < T, line


def test_the_cell_is_shown_again_once_it_has_moved_by_the_threshold():
    _, _, shown, _ = night({"1": 11, "2": 30, "3": 25, "4": 40})
    for pairs in (12, 16, 20):
        values, hidden, shown, _ = night({"1": pairs, "2": 30, "3": 25, "4": 40}, shown)
        assert school("1") in hidden, pairs
        assert shown[school("1")] == 11, "compared with the value last shown, not last night's"
    values, hidden, shown, _ = night({"1": 21, "2": 30, "3": 25, "4": 40}, shown)
    assert school("1") not in hidden and values[school("1")] == 21


def test_a_night_with_a_batch_of_changes_hides_nothing_more():
    _, hidden_first, shown, _ = night({"1": 11, "2": 30, "3": 25, "4": 40})
    _, hidden, _, _ = night({"1": 21, "2": 40, "3": 35, "4": 50}, shown)
    assert hidden == hidden_first


def test_a_hidden_pair_whose_sum_moved_by_one_hides_another_part():
    # The total is shown and moved by 15; a hid for moving by one and b to protect it: a + b moved by one.
    values = {"a": 12, "b": 20, "c": 45, "t": 77}
    last = {"a": 11, "b": 20, "c": 31, "t": 62}
    lines = [cube.Line("t", ("a", "b", "c"))]
    assert lines_moved_by_a_few(values, lines, {"a", "b"}, last, T) == {"c"}
    assert lines_moved_by_a_few(values, lines, {"a", "b", "c"}, last, T) == set()


@pytest.mark.django_db
def test_kept_counts_are_read_back_for_the_next_night_and_older_ones_dropped():
    refreshes = [RollupRefresh.objects.create(started_at=f"2026-12-0{day}T02:30Z", full=True) for day in (1, 2, 3)]
    RollupRefresh.objects.update(status=RefreshStatus.SUCCEEDED)
    for n, refresh in enumerate(refreshes):
        keep_shown(refresh_id=refresh.pk, shown={"pairs": {school("1"): 11 + n}})
    assert last_shown() == {"pairs": {school("1"): 13}}
    assert last_shown(before_refresh_id=refreshes[2].pk) == {"pairs": {school("1"): 12}}
    assert set(ShownCounts.objects.values_list("refresh_id", flat=True)) == {refreshes[1].pk, refreshes[2].pk}
    keep_shown(refresh_id=refreshes[2].pk, shown={"pairs": {school("1"): 13}})
    assert ShownCounts.objects.count() == 2
