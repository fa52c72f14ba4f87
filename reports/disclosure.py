"""Statistical disclosure control for every commissioner, public and export table.

The rule: a figure about fewer than ``settings.SUPPRESSION_THRESHOLD`` pupils
(default 10, read at call time) or fewer than ``MIN_SCHOOLS`` schools is
hidden (primary suppression); further figures are hidden so that no hidden one
can be worked out from totals (secondary suppression); counts in public
outputs are then rounded to the nearest 5. Hidden figures are shown as
``SUPPRESSED`` ("c"), with ``legend()`` beside the table.

A true zero is a count below the threshold and is hidden like any other small
count: a visible 0 would tell readers that nobody in that group did something.

Counts in a table are taken to add up: each row and column total is the sum
of its cells, so a category such as "not recorded" must be a column of its own.

How secondary suppression works in ``suppress_table``: the cells and their
totals form one grid; each row and each column of it, totals included, is a
line whose cells add up to its total. Hidden entries are the unknowns.
Repeat until nothing changes:

1. A line with exactly one hidden entry gives it away (total minus the
   visible entries): hide the smallest other entry in that line, a cell
   before a total when they tie.
2. A line whose total is shown tells readers what its hidden entries add up
   to: if that is fewer than the threshold (all zeros, or "Other + Not
   recorded" being one pupil), it is a small count in itself, and the mean or
   rate of that group would follow from the total's. Hide the line's smallest
   positive entry until the hidden entries carry at least the threshold.
3. Lines can be added and subtracted: with rows and columns as nodes and
   hidden entries as edges, a hidden entry can be worked out exactly when it
   lies on no cycle (a bridge), even if every line holds two hidden entries.
   For each bridge, hide the smallest entry joining its two sides.
4. Where hidden zeros remain, the floor of 0 can still pin a value on a
   cycle (a cycle can only turn if every entry it lowers is above 0). Any
   entry left with a single possible value has the smallest visible entry
   of its row or column hidden too (see ``reports.disclosure_audit``).

The tests audit the result independently with a linear programme per hidden
entry (least and greatest value given everything shown).

``suppress_series`` applies rules 1 and 2 to a single list with its total.

References: Cox, L. H. (1980) Suppression methodology and statistical
disclosure control, JASA 75, 377-385; Hundepool, A. et al. (2012) Statistical
Disclosure Control, Wiley, chapters 4-5 (secondary cell suppression and
auditing a suppression pattern); ONS (2006) Guidance on disclosure control
for tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from reports.disclosure_audit import Grid, Position, bridge_sides, bridges, pinned_entries

SUPPRESSED = "c"
MIN_SCHOOLS = 3

Shown = int | str


def threshold() -> int:
    """The smallest number of pupils a published figure may be about (read from settings each call)."""
    return int(settings.SUPPRESSION_THRESHOLD)


def why_hidden() -> str:
    """Why a figure is hidden, in the words every page, card and download uses (the one place they are kept)."""
    return f"it is under {threshold()} pupils or {MIN_SCHOOLS} schools, or it could be used to work out a hidden figure"


def legend() -> str:
    """The explanation printed beside every table that can contain ``SUPPRESSED``."""
    return f"{SUPPRESSED}: hidden because {why_hidden()}"


def is_disclosive(pupils: int, schools: int | None = None) -> bool:
    """Primary rule: fewer than the threshold of pupils, or fewer than 3 schools when schools count.

    ``schools`` is None for a table where the school is not a secret (a
    school's own report); then only the pupil count matters.
    """
    return pupils < threshold() or (schools is not None and schools < MIN_SCHOOLS)


def is_moved_by_a_few(count: int, before: int, limit: int) -> bool:
    """The time rule: a count 1 to ``limit`` - 1 away from the value shown before gives those few pupils away
    (``reports.publication`` each night, ``reports.audit_ties`` against a frozen report's figure)."""
    return 0 < abs(count - before) < limit


def round_public(count: int, base: int = 5) -> int:
    """Round a count to the nearest multiple of ``base`` for public outputs.

    Halves go up (with base 10, 15 becomes 20); with the default base 5 a
    whole count is never exactly halfway. Round only counts that survived
    suppression: rounding is not a substitute for it.
    """
    if base <= 0:
        raise ValueError(f"The rounding base must be positive; got {base}.")
    if count < 0:
        raise ValueError(f"Counts cannot be negative; got {count}.")
    return (count + base // 2) // base * base


@dataclass(frozen=True)
class Cell:
    """One figure for publication and who is behind it.

    ``value`` is what would be shown (a rate, a mean, a count); ``pupils`` is
    how many pupils it is about (the denominator of a rate, the n of a mean);
    ``schools`` is how many schools they are in, or None when that does not
    matter.
    """

    value: float | None
    pupils: int
    schools: int | None = None

    def shown(self) -> float | str | None:
        """The value, or ``SUPPRESSED`` when the primary rule hides it."""
        return SUPPRESSED if is_disclosive(self.pupils, self.schools) else self.value


@dataclass(frozen=True)
class SuppressedTable:
    """A count table ready to show: cells and totals, with hidden entries as ``SUPPRESSED``.

    ``grid`` has one more row (the column totals) and one more column (the
    row totals) than the table; ``grid[-1][-1]`` is the grand total.
    ``hidden`` holds every hidden (row, column) of the grid; ``primary`` the
    ones hidden by the primary rule, the rest protect them. True values of
    hidden entries are not kept.
    """

    grid: tuple[tuple[Shown, ...], ...]
    hidden: frozenset[Position]
    primary: frozenset[Position]

    @property
    def cells(self) -> list[list[Shown]]:
        return [list(row[:-1]) for row in self.grid[:-1]]

    @property
    def row_totals(self) -> list[Shown]:
        return [row[-1] for row in self.grid[:-1]]

    @property
    def column_totals(self) -> list[Shown]:
        return list(self.grid[-1][:-1])

    @property
    def grand_total(self) -> Shown:
        return self.grid[-1][-1]

    def rounded(self, base: int = 5) -> SuppressedTable:
        """The same table with every shown count rounded by ``round_public``, for public outputs."""
        grid = tuple(tuple(v if isinstance(v, str) else round_public(v, base) for v in row) for row in self.grid)
        return SuppressedTable(grid=grid, hidden=self.hidden, primary=self.primary)


def suppress_table(
    counts: Sequence[Sequence[int]],
    schools: Sequence[Sequence[int]] | None = None,
    *,
    row_total_schools: Sequence[int] | None = None,
    column_total_schools: Sequence[int] | None = None,
    grand_total_schools: int | None = None,
) -> SuppressedTable:
    """Primary and secondary suppression of a table of pupil counts with its totals.

    ``counts[i][j]`` is the number of pupils in row i and column j; totals
    are computed here. ``schools``, when given, is the number of schools
    behind each cell; the totals' school counts default to the largest in
    their line (a lower bound, so the rule errs towards hiding) unless given.
    See the module docstring for the rules.
    """
    values = _extended_grid(counts)
    school_grid = _school_grid(values, schools, row_total_schools, column_total_schools, grand_total_schools)
    primary = {
        (i, j)
        for i, row in enumerate(values)
        for j, value in enumerate(row)
        if is_disclosive(value, None if school_grid is None else school_grid[i][j])
    }
    hidden = set(primary)
    _protect(values, hidden)
    grid = tuple(
        tuple(SUPPRESSED if (i, j) in hidden else value for j, value in enumerate(row)) for i, row in enumerate(values)
    )
    return SuppressedTable(grid=grid, hidden=frozenset(hidden), primary=frozenset(primary))


def suppress_figures(
    figures: Sequence[Sequence[Cell]], denominators: SuppressedTable
) -> list[list[float | str | None]]:
    """Rates and means laid out like a suppressed count table, hidden where their count is.

    ``figures`` has the shape of the table's cells, or of its whole grid
    (cells plus totals). A figure is hidden when its denominator count is
    hidden (so a hidden count cannot be recovered as rate x denominator, nor
    a hidden mean from the weighted totals) or when it fails the primary rule
    itself (a mean over fewer answered pupils than the count).
    """
    rows, columns = len(denominators.grid), len(denominators.grid[0])
    shapes = {(rows - 1, columns - 1), (rows, columns)}
    shape = (len(figures), len(figures[0]) if figures else 0)
    if shape not in shapes or any(len(row) != shape[1] for row in figures):
        raise ValueError(f"Figures of shape {shape} do not fit a table of {rows - 1} x {columns - 1} cells.")
    return [
        [SUPPRESSED if (i, j) in denominators.hidden else figure.shown() for j, figure in enumerate(row)]
        for i, row in enumerate(figures)
    ]


@dataclass(frozen=True)
class SuppressedSeries:
    """One list of counts and its total, ready to show (e.g. uptake by district and the county)."""

    values: tuple[Shown, ...]
    total: Shown

    def rounded(self, base: int = 5) -> SuppressedSeries:
        """The same series with shown counts rounded by ``round_public``, for public outputs."""

        def rounded(value: Shown) -> Shown:
            return value if isinstance(value, str) else round_public(value, base)

        return SuppressedSeries(values=tuple(rounded(v) for v in self.values), total=rounded(self.total))


def suppress_series(
    counts: Sequence[int], schools: Sequence[int] | None = None, *, total_schools: int | None = None
) -> SuppressedSeries:
    """Suppress a single list of counts with its total (the total is computed here).

    Primary rule on every count and the total; then, while one entry alone is
    hidden, hide the smallest other (a count before the total); while the
    total is shown and the hidden counts add up to fewer than the threshold,
    hide the smallest positive count. ``total_schools`` defaults to the
    largest school count.
    """
    _check_counts([counts])
    if schools is not None and len(schools) != len(counts):
        raise ValueError(f"Got {len(counts)} counts but {len(schools)} school numbers.")
    entries = [*counts, sum(counts)]
    entry_schools: list[int | None] = (
        [None] * len(entries)
        if schools is None
        else [*schools, total_schools if total_schools is not None else max(schools, default=0)]
    )
    hidden = {(0, k) for k, (v, s) in enumerate(zip(entries, entry_schools, strict=True)) if is_disclosive(v, s)}
    line = [(0, k) for k in range(len(entries))]
    while _close_line([entries], hidden, line):
        pass
    shown = [SUPPRESSED if (0, k) in hidden else v for k, v in enumerate(entries)]
    return SuppressedSeries(values=tuple(shown[:-1]), total=shown[-1])


def _check_counts(counts: Sequence[Sequence[int]]) -> None:
    if not counts or not counts[0]:
        raise ValueError("A table needs at least one row and one column.")
    if any(len(row) != len(counts[0]) for row in counts):
        raise ValueError("Every row of a table needs the same number of cells.")
    if any(not isinstance(v, int) or v < 0 for row in counts for v in row):
        raise ValueError("Counts must be whole numbers of at least 0.")


def _extended_grid(counts: Sequence[Sequence[int]]) -> Grid:
    _check_counts(counts)
    grid = [[*row, sum(row)] for row in counts]
    grid.append([sum(column) for column in zip(*grid, strict=True)])
    return grid


def _school_grid(
    values: Grid,
    schools: Sequence[Sequence[int]] | None,
    row_totals: Sequence[int] | None,
    column_totals: Sequence[int] | None,
    grand_total: int | None,
) -> Grid | None:
    if schools is None:
        return None
    rows, columns = len(values) - 1, len(values[0]) - 1
    if len(schools) != rows or any(len(row) != columns for row in schools):
        raise ValueError(f"The school numbers must have the table's shape, {rows} x {columns}.")
    by_row = list(row_totals) if row_totals is not None else [max(row) for row in schools]
    by_column = list(column_totals) if column_totals is not None else [max(c) for c in zip(*schools, strict=True)]
    if len(by_row) != rows or len(by_column) != columns:
        raise ValueError("Give one school number per row total and per column total.")
    overall = grand_total if grand_total is not None else max(by_row + by_column)
    return [[*row, by_row[i]] for i, row in enumerate(schools)] + [[*by_column, overall]]


def _lines(grid: Grid) -> list[list[Position]]:
    """Every row and column of the grid, totals included; each line's last entry is its total."""
    rows, columns = len(grid), len(grid[0])
    return [[(i, j) for j in range(columns)] for i in range(rows)] + [
        [(i, j) for i in range(rows)] for j in range(columns)
    ]


def _complement(grid: Grid, hidden: set[Position], candidates: Sequence[Position]) -> Position | None:
    """The entry to hide next: the smallest visible one, a cell before a total, then the first."""
    last_row, last_column = len(grid) - 1, len(grid[0]) - 1
    visible = [p for p in candidates if p not in hidden]
    if not visible:
        return None
    return min(visible, key=lambda p: (grid[p[0]][p[1]], p[0] == last_row or p[1] == last_column, p))


def _close_line(grid: Grid, hidden: set[Position], line: list[Position]) -> bool:
    """Rules 1 and 2 for one line; True when an entry was hidden."""
    hidden_here = [p for p in line if p in hidden]
    choice: Position | None = None
    if len(hidden_here) == 1:
        choice = _complement(grid, hidden, line)
    elif hidden_here and line[-1] not in hidden and sum(grid[i][j] for i, j in hidden_here) < threshold():
        choice = _complement(grid, hidden, [p for p in line if grid[p[0]][p[1]] > 0])
    if choice is None:
        return False
    hidden.add(choice)
    return True


def _protect(grid: Grid, hidden: set[Position]) -> None:
    """Secondary suppression: hide entries one at a time until no hidden entry can be worked out."""
    lines = _lines(grid)
    while True:
        if any(_close_line(grid, hidden, line) for line in lines):
            continue
        found = bridges(hidden)
        if found:
            side_a, side_b = bridge_sides(hidden, found[0])
            joining = [
                (i, j)
                for i in range(len(grid))
                for j in range(len(grid[0]))
                if (("r", i) in side_a and ("c", j) in side_b) or (("r", i) in side_b and ("c", j) in side_a)
            ]
            choice = _complement(grid, hidden, joining)
            if choice is not None:
                hidden.add(choice)
                continue
        pinned = pinned_entries(grid, hidden)
        if not pinned:
            return
        i, j = pinned[0]
        choice = _complement(grid, hidden, [*lines[i], *lines[len(grid) + j]])
        if choice is None:
            choice = _complement(grid, hidden, [p for line in lines for p in line])
        if choice is None:
            return
        hidden.add(choice)
