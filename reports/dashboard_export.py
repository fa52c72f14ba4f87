"""The commissioner's tables as an export: uptake by district and by module, from the rollups,
and the outcome tables of the dashboard (``reports.outcome_export``).

Every count is shown as the refresh's one stored suppression pattern has it
(``reports.published_pattern``), the pattern the dashboard's pages show, so nothing
hidden on a page can be read or worked out from the file. Counts are not rounded: these files are for
the commissioner's office, not for publication; round them with
``round_public`` before publishing.

Only rollup tables are read (a handful of grouped queries), never answer rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Sum

from reports import disclosure_cube as cube
from reports.disclosure import Shown, legend, suppress_series
from reports.export_files import Sheet
from reports.models import ProgressRollup
from reports.outcome_export import outcome_sheets
from reports.published_pattern import PagePattern, page_pattern

# (rollup field, heading); the cell's measure is the cube's name for the field (``cube.PROGRESS_FIELDS``).
MEASURES: list[tuple[str, str]] = [
    ("pupils_assigned", "Pupils assigned"),
    ("pupils_started", "Started"),
    ("pupils_completed", "Completed (reached the end)"),
    ("pupils_passed", "Passed at the first try (in the evaluation)"),
]
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class UptakeRow:
    label: str
    schools: int
    counts: tuple[Shown, ...]


@dataclass(frozen=True)
class UptakeTable:
    """Counts per group (district or module) and the total, in ``MEASURES`` order, suppressed."""

    title: str
    row_heading: str
    rows: tuple[UptakeRow, ...]
    total: UptakeRow

    @property
    def header(self) -> list[str]:
        return [self.row_heading, "Schools", *(label for _, label in MEASURES)]

    def as_rows(self) -> list[list[object]]:
        return [[row.label, row.schools, *row.counts] for row in (*self.rows, self.total)]


@dataclass(frozen=True)
class DashboardFilters:
    academic_year: int | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> DashboardFilters:
        value = data.get("academic_year")
        return cls(academic_year=int(value) if isinstance(value, int | str) and value != "" else None)

    def as_dict(self) -> dict[str, int]:
        return {} if self.academic_year is None else {"academic_year": self.academic_year}

    def rollups(self) -> QuerySet[ProgressRollup]:
        rows = ProgressRollup.objects.filter(pupils_assigned__gt=0)
        if self.academic_year is not None:
            rows = rows.filter(academic_year=self.academic_year)
        return rows


def grouped_uptake(rollups: QuerySet[ProgressRollup], *, group: str, label: str) -> tuple[list[dict], int]:
    """Raw counts per group (``label``, ``schools`` and each measure) and the number of schools overall.

    Two queries. A group's school count is the number of schools with pupils
    assigned in it; the overall count is of distinct schools, not added up.
    """
    sums = {name: Sum(name) for name, _ in MEASURES}
    grouped = [
        {
            "group": row[group],
            "label": row[label] or NOT_RECORDED,
            "schools": row["schools"],
            **{name: row[name] for name, _ in MEASURES},
        }
        for row in rollups.values(group, label)
        .annotate(schools=Count("school", distinct=True), **sums)
        .order_by(label, group)
    ]
    total_schools = rollups.aggregate(schools=Count("school", distinct=True))["schools"]
    return grouped, total_schools


def suppressed_uptake(
    groups: Sequence[Mapping], total_schools: int, *, title: str, row_heading: str, total_label: str
) -> UptakeTable:
    """Suppress each measure across the groups (and their total) with ``suppress_series``: a table on its own,
    for the audit report's frozen half-year snapshot, whose periods are not cells of the dashboard's set."""
    columns: list[tuple[Shown, ...]] = []
    totals: list[Shown] = []
    schools = [row["schools"] for row in groups]
    for name, _ in MEASURES:
        counts = [row[name] for row in groups]
        series = suppress_series(counts or [0], schools or [0], total_schools=total_schools)
        columns.append(series.values if groups else ())
        totals.append(series.total)
    rows = tuple(
        UptakeRow(label=row["label"], schools=row["schools"], counts=tuple(column[i] for column in columns))
        for i, row in enumerate(groups)
    )
    return UptakeTable(
        title=title,
        row_heading=row_heading,
        rows=rows,
        total=UptakeRow(label=total_label, schools=total_schools, counts=tuple(totals)),
    )


def pattern_uptake(
    groups: Sequence[Mapping],
    total_schools: int,
    *,
    title: str,
    row_heading: str,
    total_label: str,
    pattern: PagePattern,
    cell: Callable[[object], tuple],
    total_cell: tuple,
) -> UptakeTable:
    """Each measure of the groups (``cell`` gives a group's cell) and their total, as the stored pattern shows them."""
    names = {field: name for name, field in cube.PROGRESS_FIELDS.items()}
    rows = tuple(
        UptakeRow(
            label=row["label"],
            schools=row["schools"],
            counts=tuple(pattern.shown(cell(row["group"]), names[field], row[field] or 0) for field, _ in MEASURES),
        )
        for row in groups
    )
    totals = tuple(
        pattern.shown(total_cell, names[field], sum(row[field] or 0 for row in groups)) for field, _ in MEASURES
    )
    return UptakeTable(
        title=title,
        row_heading=row_heading,
        rows=rows,
        total=UptakeRow(label=total_label, schools=total_schools, counts=totals),
    )


DISTRICTS = {"title": "Uptake by district", "row_heading": "District", "total_label": "All districts"}
MODULES = {"title": "Uptake by module", "row_heading": "Module", "total_label": "All modules"}


def _cell(year: int | None, *, area: tuple[str, str] = (cube.COUNTY, ""), module: Any = cube.ALL) -> tuple:
    return (*area, year or cube.ALL, cube.ALL, module, cube.ALL, cube.EVERY_GENDER)


def uptake_by_district(rollups: QuerySet[ProgressRollup], year: int | None = None) -> UptakeTable:
    groups, schools = grouped_uptake(rollups, group="school__district_id", label="school__district__name")
    pattern = page_pattern(module=cube.ALL, year_group=cube.ALL, areas=[(cube.COUNTY, "")], kinds=[cube.DISTRICT])
    return pattern_uptake(
        groups,
        schools,
        pattern=pattern,
        cell=lambda group: _cell(year, area=(cube.DISTRICT, cube.NO_DISTRICT if group is None else str(group))),
        total_cell=_cell(year),
        **DISTRICTS,
    )


def uptake_by_module(rollups: QuerySet[ProgressRollup], year: int | None = None) -> UptakeTable:
    groups, schools = grouped_uptake(rollups, group="module_id", label="module__title")
    pattern = page_pattern(module=None, year_group=cube.ALL, areas=[(cube.COUNTY, "")])
    return pattern_uptake(
        groups,
        schools,
        pattern=pattern,
        cell=lambda group: _cell(year, module=group),
        total_cell=_cell(year),
        **MODULES,
    )


def _notes(filters: DashboardFilters, generated_at: datetime.datetime) -> list[list[str]]:
    return [
        ["Generated at", generated_at.astimezone(datetime.UTC).isoformat(timespec="seconds")],
        ["Academic year", str(filters.academic_year) if filters.academic_year is not None else "All"],
        ["Suppression", legend()],
        ["Rounding", "Counts are not rounded. Round them to the nearest 5 before publishing."],
        ["Counting", "Counts are of pupils per module assigned: a pupil with two modules counts in each."],
        ["Completed and passed", "Completed means reached the end of the module; passed means met the quiz score."],
        [
            "Outcomes",
            "Knowledge and attitude change as the county dashboard shows them: intervals clustered by school for "
            "figures that pool schools (pupil-level for one school's), no p-value below 10 schools, the attitude "
            "scales' p-values Holm-adjusted across the scales. A change before and after is not proof of cause.",
        ],
    ]


def dashboard_sheets(filters: DashboardFilters, *, generated_at: datetime.datetime) -> list[Sheet]:
    """The export's tables, read from the rollups now (four queries, and three for each table's pattern)."""
    rollups = filters.rollups()
    year = filters.academic_year
    tables = [uptake_by_district(rollups, year), uptake_by_module(rollups, year)]
    sheets = [
        Sheet(
            table.title,
            table.title.lower().replace(" ", "_") + ".csv",
            table.header,
            table.as_rows(),
            counts_for_progress=True,
        )
        for table in tables
    ]
    sheets.extend(outcome_sheets(filters.academic_year))
    sheets.append(Sheet("Notes", "notes.csv", ["item", "value"], _notes(filters, generated_at)))
    return sheets
