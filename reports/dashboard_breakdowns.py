"""Breakdown tables of uptake and knowledge change, with disclosure control applied, and their charts.

The rules (``reports.disclosure``): each count in a breakdown is suppressed as a
series with its total (primary and secondary suppression), with the number of
schools behind it; a rate is shown only when both its counts are; a mean change
only when its number of pairs is. A category with no school taking part is a
known zero (which schools take part is not personal) and is shown as NOT_DEFINED,
outside the series. On a single school's page the school is named, so only the
pupil threshold applies (``count_schools=False``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reports.charts import BarChart, ChartRow, bar_chart
from reports.dashboard_queries import ProgressSums
from reports.dashboard_rows import SERIES, BreakdownRow, Cells, primary_count, row_for, series_count
from reports.disclosure import Shown, suppress_series
from reports.readings import number_text, percent_text


@dataclass(frozen=True)
class Category:
    key: object
    label: str
    link: str = ""
    eligible: int | None = None


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    caption: str
    category_heading: str
    rows: tuple[BreakdownRow, ...]
    total: BreakdownRow
    show_schools: bool
    completion_chart: BarChart
    knowledge_chart: BarChart
    # Each group's difference in change from a reference group (``reports.dashboard_subgroups``).
    differences: tuple = ()


def build_breakdown(
    *,
    key: str,
    title: str,
    caption: str,
    category_heading: str,
    categories: Sequence[Category],
    sums: dict,
    total: ProgressSums,
    count_schools: bool,
    known_zeros: bool,
    show_schools: bool = False,
    total_label: str = "Total",
    total_eligible: int | None = None,
    cells: Cells | None = None,
) -> Breakdown:
    """Suppress and lay out one breakdown of uptake and knowledge change.

    ``sums`` maps each category key to its ProgressSums (missing: none). With
    ``known_zeros`` a category without a school taking part is shown as NOT_DEFINED
    and kept out of the suppression (districts, bands); without it every
    category takes part in the series (gender, where a zero is about pupils).
    The categories must add up to ``total``. With ``cells`` every count is shown as the stored
    pattern has it (the linked set's one pattern); without, the table is suppressed on its own.
    """
    empty = ProgressSums()
    kept = [c for c in categories if not known_zeros or sums.get(c.key, empty).schools > 0]
    shown: dict[str, tuple[tuple[Shown, ...], Shown]] = {}
    for row_name, sums_name, schools_name in SERIES:
        if cells is not None:
            shown[row_name] = (
                tuple(
                    cells.pattern.shown(cells.key(c.key), row_name, series_count(sums.get(c.key, empty), sums_name))
                    for c in kept
                ),
                cells.pattern.shown(cells.total, row_name, series_count(total, sums_name)),
            )
            continue
        if not kept:
            shown[row_name] = ((), primary_count(total, sums_name, schools_name, count_schools))
            continue
        counts = [series_count(sums.get(c.key, empty), sums_name) for c in kept]
        schools = [getattr(sums.get(c.key, empty), schools_name) for c in kept] if count_schools else None
        series = suppress_series(counts, schools, total_schools=getattr(total, schools_name) if count_schools else None)
        shown[row_name] = (series.values, series.total)

    position = {c.key: i for i, c in enumerate(kept)}
    rows = []
    for category in categories:
        source = sums.get(category.key, empty)
        if category.key not in position:
            rows.append(
                BreakdownRow(
                    label=category.label, link=category.link, eligible=category.eligible, schools=0, no_schools=True
                )
            )
            continue
        i = position[category.key]
        values = {name: shown[name][0][i] for name, _, _ in SERIES}
        rows.append(row_for(category.label, values, source, link=category.link, eligible=category.eligible))
    total_row = row_for(total_label, {name: shown[name][1] for name, _, _ in SERIES}, total, eligible=total_eligible)
    return Breakdown(
        key=key,
        title=title,
        caption=caption,
        category_heading=category_heading,
        rows=tuple(rows),
        total=total_row,
        show_schools=show_schools,
        completion_chart=completion_chart(key, f"Pupils who completed the module, {caption}", rows),
        knowledge_chart=knowledge_chart(key, f"Change in quiz scores, {caption}", rows),
    )


def completion_chart(key: str, title: str, rows: Sequence[BreakdownRow]) -> BarChart:
    """Completion rates with their intervals; categories without schools are left to the table."""
    chart_rows = [
        ChartRow(
            row.label,
            row.completed_rate.value,
            row.completed_rate.text,
            None if row.completed_rate.hidden else row.completed_rate.low,
            None if row.completed_rate.hidden else row.completed_rate.high,
        )
        for row in rows
        if not row.no_schools
    ]
    return bar_chart(key=f"{key}-completion", title=title, rows=chart_rows, tick_format=percent_text, domain=(0.0, 1.0))


def knowledge_chart(key: str, title: str, rows: Sequence[BreakdownRow]) -> BarChart:
    chart_rows = []
    for row in rows:
        if row.no_schools:
            continue
        result = row.knowledge.result
        finite = result is not None and math.isfinite(result.mean_diff)
        chart_rows.append(
            ChartRow(
                row.label,
                result.mean_diff if finite and result else None,
                row.knowledge.text,
                result.ci_low if finite and result else None,
                result.ci_high if finite and result else None,
            )
        )
    return bar_chart(
        key=f"{key}-knowledge", title=title, rows=chart_rows, tick_format=lambda v: number_text(v, 0, signed=True)
    )
