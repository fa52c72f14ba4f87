"""Disclosure control: no hidden figure can be worked out from what a table shows."""

import random

import pytest

from reports.disclosure import (
    MIN_SCHOOLS,
    SUPPRESSED,
    Cell,
    SuppressedSeries,
    SuppressedTable,
    is_disclosive,
    legend,
    round_public,
    suppress_figures,
    suppress_series,
    suppress_table,
)
from tests.reports.disclosure_checks import full_grid, lines, lone_hidden_entries, recoverable_entries


@pytest.fixture(autouse=True)
def _default_threshold(settings):
    settings.SUPPRESSION_THRESHOLD = 10


def assert_safe(counts, table: SuppressedTable, threshold=10):
    true_grid = full_grid(counts)
    shown = [list(row) for row in table.grid]
    assert len(shown) == len(true_grid) and all(len(a) == len(b) for a, b in zip(shown, true_grid, strict=True))
    for i, row in enumerate(true_grid):
        for j, value in enumerate(row):
            if value < threshold:
                assert shown[i][j] == SUPPRESSED, f"small count {value} at {(i, j)} is shown"
            if shown[i][j] != SUPPRESSED:
                assert shown[i][j] == value, "a shown figure must be the true one"
    assert table.primary <= table.hidden
    assert not lone_hidden_entries(shown), "a hidden entry is alone in its row or column"
    for line in lines(true_grid):
        hidden = [true_grid[i][j] for i, j in line if shown[i][j] == SUPPRESSED]
        if hidden and shown[line[-1][0]][line[-1][1]] != SUPPRESSED:
            assert sum(hidden) >= threshold, f"the hidden entries of {line} add up to a small count"
    assert not recoverable_entries(true_grid, shown), "a hidden entry can be worked out"


def primary_only(counts, threshold=10):
    return [[SUPPRESSED if v < threshold else v for v in row] for row in full_grid(counts)]


# The checkers themselves catch leaks -------------------------------------------------------


def test_primary_suppression_alone_leaks_through_the_row_total():
    counts = [[20, 3, 40], [30, 25, 35], [45, 50, 55]]
    naive = primary_only(counts)
    # Row 0 shows 20, c, 40 and total 63: the hidden cell is 63 - 20 - 40 = 3.
    assert naive[0] == [20, SUPPRESSED, 40, 63]
    assert lone_hidden_entries(naive) == {(0, 1)}
    assert recoverable_entries(full_grid(counts), naive) == {(0, 1)}
    table = suppress_table(counts)
    assert_safe(counts, table)


def test_primary_suppression_alone_leaks_through_the_column_total():
    counts = [[20, 30], [4, 30], [40, 50]]
    naive = primary_only(counts)
    # Column 0 shows 20, c, 40 and total 64: the hidden cell is 4. Row 1 leaks it too.
    assert recoverable_entries(full_grid(counts), naive) == {(1, 0)}
    table = suppress_table(counts)
    assert_safe(counts, table)
    assert table.cells[1] == [SUPPRESSED, SUPPRESSED]


def test_two_hidden_per_line_is_not_enough_when_lines_combine():
    counts = [
        [3, 4, 50, 60],
        [5, 6, 7, 70],
        [80, 90, 8, 9],
        [85, 95, 2, 1],
    ]
    naive = primary_only(counts)
    # Every row and column now holds at least two hidden cells, yet rows 0 and 1 hide 7 + 18 = 25,
    # of which columns 0 and 1 hide 8 + 10 = 18, so the cell in row 1, column 2 is 25 - 18 = 7.
    assert not lone_hidden_entries(naive)
    assert recoverable_entries(full_grid(counts), naive) == {(1, 2)}
    assert_safe(counts, suppress_table(counts))


def test_hidden_zeros_are_given_away_when_the_rest_of_the_line_adds_up():
    counts = [[0, 0, 15], [20, 25, 30], [35, 40, 45]]
    naive = primary_only(counts)
    # Row 0 shows c, c, 15 and total 15: both hidden cells must be 0.
    assert recoverable_entries(full_grid(counts), naive) == {(0, 0), (0, 1)}
    table = suppress_table(counts)
    assert_safe(counts, table)
    assert table.cells[0] == [SUPPRESSED, SUPPRESSED, SUPPRESSED]


# Secondary suppression ------------------------------------------------------------------------


def test_hidden_zeros_on_a_loop_are_still_protected():
    # Found by search: after the line and bridge rules every hidden entry lies on a loop, but the
    # loops through the zeros can only turn one way, so some hidden entries would still have a
    # single possible value; the last rule hides more until none does.
    for counts in ([[0, 12, 0], [0, 40, 40]], [[12, 40, 0], [40, 3, 20], [20, 0, 20]]):
        assert_safe(counts, suppress_table(counts))


def test_row_with_exactly_one_small_cell_hides_the_smallest_other_cell():
    counts = [[20, 5, 40, 90], [60, 70, 80, 95], [65, 75, 85, 99]]
    table = suppress_table(counts)
    assert_safe(counts, table)
    assert table.primary == {(0, 1)}
    # Row 0's smallest other cell is 20; column 1's is 70; row 1 then needs its smallest other, 60.
    assert table.hidden == {(0, 1), (0, 0), (1, 1), (1, 0)}
    assert table.row_totals == [155, 305, 324]
    assert table.column_totals == [145, 150, 205, 284]
    assert table.grand_total == 784


def test_row_whose_only_complement_is_its_total():
    # One column: each row is a cell and its total, the same number, so the total must go too.
    counts = [[4], [30], [40]]
    table = suppress_table(counts)
    assert_safe(counts, table)
    assert table.grid[0] == (SUPPRESSED, SUPPRESSED)
    assert table.grid[1][0] == SUPPRESSED, "the column needs a second hidden cell"
    assert table.grand_total == 74


def test_secondary_suppression_cascades_across_rows_and_columns():
    counts = [
        [5, 20, 90, 91],
        [21, 92, 22, 93],
        [94, 23, 95, 24],
        [96, 97, 25, 26],
    ]
    table = suppress_table(counts)
    assert_safe(counts, table)
    assert table.primary == {(0, 0)}
    # 5 pulls in 20 (row 0) and 21 (column 0); 21 pulls in 22 (row 1), 20 pulls in 23 (column 1),
    # then 24 (row 2), 25 (column 2) and 26 (row 3): one loop through every row and column.
    assert table.hidden == {(0, 0), (0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 2), (3, 3)}
    assert table.row_totals == [206, 228, 236, 244]


def test_small_column_total_is_protected_in_the_totals_row():
    counts = [[2, 40, 50], [3, 60, 70], [4, 80, 90]]
    table = suppress_table(counts)
    assert_safe(counts, table)
    # Column 0 totals 9, so the totals row needs a second hidden entry; the grand total stays.
    assert table.column_totals[0] == SUPPRESSED
    assert table.column_totals.count(SUPPRESSED) >= 2 or table.grand_total == SUPPRESSED
    assert table.grand_total == 399


def test_all_small_table_hides_everything_but_a_large_enough_grand_total():
    counts = [[1, 2, 3], [2, 1, 4]]
    table = suppress_table(counts)
    assert_safe(counts, table)
    assert table.grand_total == 13
    assert all(v == SUPPRESSED for row in table.grid for v in row[:-1])
    tiny = suppress_table([[1, 2], [0, 3]])
    assert all(v == SUPPRESSED for row in tiny.grid for v in row)


def test_zero_cells_are_suppressed_like_any_small_count():
    counts = [[0, 30, 40], [25, 35, 45]]
    table = suppress_table(counts)
    assert_safe(counts, table)
    assert (0, 0) in table.primary
    assert table.cells[0][0] == SUPPRESSED


def test_nothing_is_hidden_when_every_count_is_large():
    counts = [[10, 20], [30, 40]]
    table = suppress_table(counts)
    assert table.hidden == frozenset()
    assert table.grid == ((10, 20, 30), (30, 40, 70), (40, 60, 100))


def test_fewer_than_three_schools_is_suppressed_whatever_the_pupil_count():
    counts = [[50, 60, 70], [80, 90, 100]]
    schools = [[2, 5, 6], [7, 8, 9]]
    table = suppress_table(counts, schools)
    assert_safe(counts, table)
    assert table.primary == {(0, 0)}
    assert table.cells[0][0] == SUPPRESSED
    totals = suppress_table(counts, schools, row_total_schools=[2, 9], column_total_schools=[8, 9, 9])
    assert (0, 3) in totals.primary, "a row total drawn from only 2 schools is hidden too"


def test_threshold_comes_from_settings_at_call_time(settings):
    counts = [[7, 40], [30, 50]]
    settings.SUPPRESSION_THRESHOLD = 5
    assert suppress_table(counts).hidden == frozenset()
    assert "under 5 pupils" in legend()
    settings.SUPPRESSION_THRESHOLD = 35
    table = suppress_table(counts)
    assert_safe(counts, table, threshold=35)
    assert {(0, 0), (1, 0)} <= table.primary
    assert legend().startswith("c: hidden because it is under 35 pupils or 3 schools")


def test_legend_text():
    assert (
        legend()
        == "c: hidden because it is under 10 pupils or 3 schools, or it could be used to work out a hidden figure"
    )
    assert SUPPRESSED == "c" and MIN_SCHOOLS == 3


@pytest.mark.parametrize("seed", range(8))
def test_random_tables_never_leak(seed):
    rng = random.Random(seed)
    for _ in range(15):
        rows, columns = rng.randint(1, 6), rng.randint(1, 6)
        small_share = rng.choice([0.1, 0.3, 0.6, 0.9])
        counts = [
            [rng.randint(0, 12) if rng.random() < small_share else rng.randint(10, 150) for _ in range(columns)]
            for _ in range(rows)
        ]
        assert_safe(counts, suppress_table(counts))


def test_random_tables_with_school_counts_never_leak():
    rng = random.Random(99)
    for _ in range(40):
        rows, columns = rng.randint(2, 5), rng.randint(2, 5)
        counts = [[rng.randint(5, 80) for _ in range(columns)] for _ in range(rows)]
        schools = [[rng.randint(1, 6) for _ in range(columns)] for _ in range(rows)]
        table = suppress_table(counts, schools)
        assert_safe(counts, table)
        for i in range(rows):
            for j in range(columns):
                if schools[i][j] < 3:
                    assert table.cells[i][j] == SUPPRESSED


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ([], "at least one row"),
        ([[]], "at least one row"),
        ([[1, 2], [3]], "same number of cells"),
        ([[1, -2]], "at least 0"),
        ([[1.5, 2]], "whole numbers"),
    ],
)
def test_suppress_table_rejects_bad_counts(counts, message):
    with pytest.raises(ValueError, match=message):
        suppress_table(counts)


def test_suppress_table_rejects_school_numbers_of_another_shape():
    with pytest.raises(ValueError, match="shape"):
        suppress_table([[10, 20]], [[3]])
    with pytest.raises(ValueError, match="per row total"):
        suppress_table([[10, 20]], [[3, 4]], row_total_schools=[3, 4])


# Rates, means and single lists ---------------------------------------------------------------


def test_rates_are_hidden_where_their_denominator_is():
    enrolled = [[20, 5, 40], [30, 25, 35]]
    table = suppress_table(enrolled)
    completed = [[15, 5, 30], [20, 20, 30]]
    rates = [
        [Cell(value=c / e, pupils=e) for c, e in zip(c_row, e_row, strict=True)]
        for c_row, e_row in zip(completed, enrolled, strict=True)
    ]
    shown = suppress_figures(rates, table)
    for i, row in enumerate(shown):
        for j, value in enumerate(row):
            if (i, j) in table.hidden:
                assert value == SUPPRESSED
            else:
                assert value == pytest.approx(completed[i][j] / enrolled[i][j])
    assert shown[0][1] == SUPPRESSED
    assert shown[0][0] == SUPPRESSED, "the complement's rate would give the count away too"


def test_means_with_few_answers_are_hidden_even_when_the_count_is_shown():
    table = suppress_table([[40, 50]])
    means = [[Cell(value=3.2, pupils=8), Cell(value=3.9, pupils=45)]]
    assert suppress_figures(means, table) == [[SUPPRESSED, 3.9]]
    few_schools = [[Cell(value=3.2, pupils=40, schools=2), Cell(value=3.9, pupils=45, schools=4)]]
    assert suppress_figures(few_schools, table) == [[SUPPRESSED, 3.9]]


def test_figures_for_the_whole_grid_include_totals():
    table = suppress_table([[40, 4], [30, 60]])
    # 4 pulls in 40 (row 0) and 60 (column 1); 40 pulls in 30 (column 0): all four cells go, totals stay.
    assert table.hidden == {(0, 0), (0, 1), (1, 0), (1, 1)}
    figures = [[Cell(value=float(j), pupils=100) for j in range(3)] for _ in range(3)]
    assert suppress_figures(figures, table) == [
        [SUPPRESSED, SUPPRESSED, 2.0],
        [SUPPRESSED, SUPPRESSED, 2.0],
        [0.0, 1.0, 2.0],
    ]
    with pytest.raises(ValueError, match="do not fit"):
        suppress_figures([[Cell(value=1.0, pupils=50)]], table)
    with pytest.raises(ValueError, match="do not fit"):
        suppress_figures([[Cell(value=1.0, pupils=50)] * 2, [Cell(value=1.0, pupils=50)]], table)


def test_cell_shows_its_value_only_above_the_threshold():
    assert Cell(value=0.5, pupils=10).shown() == 0.5
    assert Cell(value=0.5, pupils=9).shown() == SUPPRESSED
    assert Cell(value=None, pupils=40, schools=3).shown() is None
    assert is_disclosive(100, 2)
    assert not is_disclosive(100, None)


def test_series_with_one_small_district_hides_the_next_smallest():
    series = suppress_series([30, 4, 50, 60])
    assert series.values == (SUPPRESSED, SUPPRESSED, 50, 60)
    assert series.total == 144


def test_series_with_small_total_hides_everything():
    assert suppress_series([3, 4]) == SuppressedSeries(values=(SUPPRESSED, SUPPRESSED), total=SUPPRESSED)
    only = suppress_series([5])
    assert only.values == (SUPPRESSED,) and only.total == SUPPRESSED
    assert suppress_series([30]).values == (30,)


def test_series_where_only_the_total_can_protect():
    # One district over the threshold, one below: hiding the small one alone leaks it from the total,
    # and the other district then leaks it too, so both go and the county total stays.
    series = suppress_series([40, 3])
    assert series.values == (SUPPRESSED, SUPPRESSED)
    assert series.total == 43


def test_series_hidden_counts_carry_at_least_the_threshold():
    # Hiding 1 and 0 alone would say that "Other" and "Not recorded" are one pupil between them.
    series = suppress_series([60, 55, 1, 0])
    assert series.values == (60, SUPPRESSED, SUPPRESSED, SUPPRESSED)
    assert series.total == 116


def test_series_hidden_zeros_are_not_given_away():
    series = suppress_series([30, 0, 0, 60])
    assert series.values == (SUPPRESSED, SUPPRESSED, SUPPRESSED, 60)
    assert series.total == 90


def test_series_with_school_numbers():
    series = suppress_series([40, 50, 60], [2, 5, 6])
    assert series.values == (SUPPRESSED, SUPPRESSED, 60)
    assert suppress_series([40, 50], [4, 5], total_schools=2).total == SUPPRESSED
    with pytest.raises(ValueError, match="school numbers"):
        suppress_series([40, 50], [4])


def test_random_series_never_leak():
    rng = random.Random(5)
    for _ in range(300):
        counts = [rng.choice([0, 1, 3, 6, 9, 12, 25, 80]) for _ in range(rng.randint(1, 8))]
        series = suppress_series(counts)
        shown = [*series.values, series.total]
        hidden = [k for k, v in enumerate(shown) if v == SUPPRESSED]
        assert len(hidden) != 1
        for value, seen in zip([*counts, sum(counts)], shown, strict=True):
            assert seen == SUPPRESSED if value < 10 else seen in (SUPPRESSED, value)
        if hidden and series.total != SUPPRESSED:
            assert sum(counts[k] for k in hidden) >= 10, "the hidden counts would be a small group of their own"


# Rounding -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "rounded"), [(0, 0), (2, 0), (3, 5), (7, 5), (10, 10), (12, 10), (13, 15), (147, 145), (148, 150)]
)
def test_round_public_to_nearest_five(count, rounded):
    assert round_public(count) == rounded


def test_round_public_halves_go_up():
    assert round_public(15, base=10) == 20
    assert round_public(25, base=10) == 30
    assert round_public(14, base=10) == 10
    assert round_public(7, base=1) == 7


def test_round_public_rejects_bad_input():
    with pytest.raises(ValueError, match="negative"):
        round_public(-1)
    with pytest.raises(ValueError, match="base"):
        round_public(10, base=0)


def test_rounded_tables_keep_suppression_and_round_the_rest():
    table = suppress_table([[21, 5, 43], [37, 66, 88]])
    public = table.rounded()
    assert public.hidden == table.hidden
    for row, public_row in zip(table.grid, public.grid, strict=True):
        for value, public_value in zip(row, public_row, strict=True):
            assert public_value == (SUPPRESSED if value == SUPPRESSED else round_public(value))
    series = suppress_series([21, 4, 38]).rounded()
    assert series.values == (SUPPRESSED, SUPPRESSED, 40)
    assert series.total == 65
