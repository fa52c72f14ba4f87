"""When commissioner figures change: once a night, and never by a few pupils at a time.

The dashboard (county, district, school, every filter), its exports and the transparency page
show the rollups and their suppression pattern (``reports.published_pattern``). Two rules keep
a reader who compares what is shown at two moments from learning about a few pupils:

1. Cadence. The rollups are rebuilt, and so published, once a night (``reports.tasks``): never
   during the day, when a refresh could differ from the one before by one pupil's answers, nor
   straight after one pupil's data is erased. The audit report is frozen per half-year.
2. Time. Comparing two nights is differencing, like comparing a filtered view with its parent:
   a cell whose count went from 11 to 12 gives away the 12th pupil (12 x the new mean less
   11 x the old one is that pupil's score). So a cell whose count has moved by 1 to
   threshold - 1 since the value last shown for it is hidden that night: it is one more
   primary cell of the night's pattern, so secondary suppression protects it like any other.
   It stays hidden until its count is at least the threshold away from the value last shown,
   which is kept over the nights the cell is hidden. A cell never shown before needs no such
   rule: while it was small the primary rules hid it. Rates and means follow their count.
3. Time, within a line. A line's hidden entries can be added up from what it shows (a total
   less its shown parts), on both nights. When every hidden entry of a line was shown before,
   and that sum has moved by 1 to threshold - 1 since, the smallest shown part of the line is
   hidden too, until no line's hidden sum has moved by a few.
4. Known from before. A cell whose count equals the value last shown for it is known to anyone
   who kept that page, whether or not tonight's pattern shows it. So every such cell not hidden
   by a primary rule is fixed (``unchanged_cells``): shown, and never chosen to protect another,
   as the figures of the frozen audit reports are (``reports.audit_ties``), and so is every cell
   the fixed ones give on their own (``reports.audit_ties.known_from``). A term cell a frozen
   report hides (its figure of that one term) stays hidden as the report hides it. The night's exact audit
   then covers combinations of several lines across nights: one night showing Ashford 30, the
   next hiding it unchanged while showing the county and Thanet, would otherwise give Canterbury
   as the county less Thanet less Ashford's 30 of the night before.

Not caught: a cell's count staying the same while its pupils change (one leaves, another
joins): the time rule compares counts, not pupils.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, cast

from reports import disclosure_cube as cube
from reports.audit_ties import Ties, is_report_cell, known_from, tie_lines, year_lines
from reports.disclosure import is_moved_by_a_few
from reports.disclosure_flow import RELATIONS, families
from reports.disclosure_linked import Line, Protection, protect
from reports.publication_models import ShownCounts

# A cell of the linked set (``reports.disclosure_cube``), or any hashable key in tests.
Key = Any
# measure -> cell -> the count last shown
Shown = dict[str, dict[Key, int]]


def moved_by_a_few(values: Mapping[Key, int], last_shown: Mapping[Key, int], threshold: int) -> set[Key]:
    """The cells whose count is 1 to ``threshold`` - 1 away from the value last shown for them (rule 2)."""
    return {key for key, value in values.items() if is_moved_by_a_few(value, last_shown.get(key, value), threshold)}


def unchanged_cells(values: Mapping[Key, int], last_shown: Mapping[Key, int], primary: set[Key]) -> set[Key]:
    """Rule 4: the cells whose count is the value last shown for them, but those a primary rule hides."""
    return {key for key, value in values.items() if key not in primary and last_shown.get(key) == value}


def shown_after(values: Mapping[Key, int], hidden: set[Key], last_shown: Mapping[Key, int]) -> dict[Key, int]:
    """The value last shown of each cell once this pattern is published: its count where shown, else the
    value shown before (kept over the nights a cell is hidden or not published at all)."""
    found = {key: value for key, value in last_shown.items() if key in hidden or key not in values}
    found.update((key, value) for key, value in values.items() if key not in hidden)
    return found


def protect_over_time(
    table: cube.Table,
    schools: dict[str, cube.SchoolInfo],
    threshold: int,
    *,
    names: Sequence[str],
    last_shown: Mapping[str, Mapping[Key, int]],
    ties: Ties | None = None,
) -> tuple[dict[str, Protection], Shown]:
    """Each measure's primary cells and the cells moved by a few since last shown, protected together.
    Measures linked within a cell (``reports.disclosure_flow``) are protected as one set: a key is then
    (measure, cell). ``names`` are the table's measures as the pattern stores them; returns each one's
    protection and the values last shown once it is published. ``ties`` are the frozen audit reports'
    figures (``reports.audit_ties``): cells of the set, never in what is returned."""
    lines = cube.lines_of(table.values, schools)
    found: dict[str, Protection] = {}
    shown: Shown = {}
    for family in families(table.measures):
        values: dict[Key, int] = {}
        before: dict[Key, int] = {}
        primary: set[Key] = set()
        for n in family:
            name = names[n]
            values.update(((name, key), counts[n]) for key, counts in table.values.items())
            before.update(((name, key), count) for key, count in last_shown.get(name, {}).items())
            primary |= {(name, key) for key in cube.primary(table, lines, n, threshold)}
        primary |= moved_by_a_few(values, before, threshold)
        linked = _family_lines(lines, [names[n] for n in family], [table.measures[n] for n in family], table.values)
        fixed = unchanged_cells(values, before, primary)
        implied: list[Line] = []
        hidden_by_reports: set[Key] = set()
        if ties is not None:
            reports = ties.of(names[n] for n in family)
            report_lines, report_fixed = tie_lines(reports, values, primary, threshold)
            linked += report_lines
            # A report's hidden figure of one term is that term's cell: hidden here too, as the report hides it.
            hidden_by_reports = {
                line.parts[0] for line in report_lines if line.total in reports.hidden and len(line.parts) == 1
            }
            fixed = (fixed - primary - hidden_by_reports) | report_fixed
            implied = year_lines(reports, values, report_lines)
        known_from([*linked, *implied], fixed, primary | hidden_by_reports)
        while True:
            protection = protect(values, linked, primary, threshold=threshold, fixed=fixed)
            # A figure a frozen report shows, or one unchanged since shown, is known for good: hiding it
            # tonight would protect nothing.
            more = lines_moved_by_a_few(values, linked, protection.hidden, before, threshold) - fixed
            if not more:
                break
            primary = primary | protection.hidden | more
        after = shown_after(values, protection.hidden, before)
        # Every key of the family's protection is (measure, cell); the reports' figures are not the set's to keep.
        hidden_keys = [cast(tuple[str, Key], key) for key in protection.hidden if not is_report_cell(key)]
        primary_keys = [cast(tuple[str, Key], key) for key in protection.primary if not is_report_cell(key)]
        for position, n in enumerate(family):
            name = names[n]
            found[name] = dataclasses.replace(
                protection,
                hidden={key for measure, key in hidden_keys if measure == name},
                primary=frozenset(key for measure, key in primary_keys if measure == name),
                audited=protection.audited if position == 0 else 0,
                linear_only=protection.linear_only if position == 0 else 0,
            )
            shown[name] = {
                key: count
                for (measure, key), count in after.items()
                if measure == name and not is_report_cell((measure, key))
            }
    return found, shown


def _family_lines(lines: Sequence[Line], names: Sequence[str], measures: Sequence[str], cells) -> list[Line]:
    """Each measure's lines across cells, then the lines within each cell (``reports.disclosure_flow.RELATIONS``)."""
    linked = [Line((name, line.total), tuple((name, part) for part in line.parts)) for name in names for line in lines]
    stored = dict(zip(measures, names, strict=True))
    for total, parts in RELATIONS:
        if total in stored and all(part in stored for part in parts):
            linked.extend(Line((stored[total], key), tuple((stored[part], key) for part in parts)) for key in cells)
    return linked


def lines_moved_by_a_few(
    values: Mapping[Key, int],
    lines: Sequence[Line],
    hidden: set[Key],
    last_shown: Mapping[Key, int],
    threshold: int,
) -> set[Key]:
    """Rule 3: for each line whose hidden entries were all shown before and whose readable sum of them
    (the hidden parts less the total when it is hidden too) has moved by 1 to ``threshold`` - 1, the
    smallest shown part (a positive one first), or the total when every part is hidden."""
    more: set[Key] = set()
    for line in lines:
        hidden_here = [key for key in line.entries if key in hidden]
        if not hidden_here or any(key not in last_shown for key in hidden_here):
            continue

        now, before = _readable(values, line, hidden_here), _readable(last_shown, line, hidden_here)
        if not is_moved_by_a_few(now, before, threshold):
            continue
        parts = [key for key in line.parts if key not in hidden]
        if parts:
            more.add(min(parts, key=lambda key: (values.get(key, 0) == 0, values.get(key, 0), repr(key))))
        elif line.total not in hidden:
            more.add(line.total)
    return more


def _readable(count: Mapping[Key, int], line: Line, hidden: Sequence[Key]) -> int:
    """What a line tells of its hidden entries: their parts added up, less the total when it is hidden too."""
    return sum(count.get(key, 0) * (-1 if key == line.total else 1) for key in hidden)


def last_shown(*, before_refresh_id: int | None = None) -> Shown:
    """The values last shown, as kept with the newest refresh published before ``before_refresh_id``
    (None: the newest of all). Empty before the first publication. One query."""
    kept = ShownCounts.objects.order_by("-refresh_id")
    if before_refresh_id is not None:
        kept = kept.filter(refresh_id__lt=before_refresh_id)
    row = kept.values_list("counts", flat=True).first()
    if not row:
        return {}
    return {measure: {tuple(cell[:-1]): cell[-1] for cell in cells} for measure, cells in row.items()}


def keep_shown(*, refresh_id: int, shown: Mapping[str, Mapping[Key, int]]) -> None:
    """Keep the values last shown with the refresh that published them, for the next night's rule.
    Rows older than the one before are dropped: only those two are ever read. Idempotent for one refresh."""
    counts = {
        measure: [[*key, value] for key, value in sorted(cells.items(), key=repr)] for measure, cells in shown.items()
    }
    ShownCounts.objects.update_or_create(refresh_id=refresh_id, defaults={"counts": counts})
    older = ShownCounts.objects.filter(refresh_id__lt=refresh_id).order_by("-refresh_id")
    ShownCounts.objects.filter(refresh_id__in=list(older.values_list("refresh_id", flat=True)[1:])).delete()
