"""The dashboard's outcome tables as export sheets: knowledge and attitude change, as the dashboard shows them.

The figures come from the county dashboard itself (``reports.dashboard.build_dashboard``)
for the export's academic year, so a number in the file is the number on the page, hidden
where the page hides it, with the same intervals: clustered by school for every figure that
pools schools (``reports.stats_pooled``), p-values only from 10 schools, the attitude scales'
p-values Holm-adjusted across the scales.
"""

from __future__ import annotations

from collections.abc import Iterator

from reports.dashboard import Dashboard, build_dashboard
from reports.dashboard_breakdowns import Breakdown
from reports.dashboard_queries import DashboardFilters
from reports.dashboard_rows import BreakdownRow
from reports.export_files import Sheet
from schools.models import District

KNOWLEDGE_HEADER = [
    "Table",
    "Group",
    "Pupils with both quizzes",
    "Mean before (out of 100)",
    "Mean after (out of 100)",
    "Change",
    "95% CI low",
    "95% CI high",
    "Interval",
]
SCALE_HEADER = [
    "Module",
    "Survey",
    "Scale",
    "Range",
    "Pupils with both surveys",
    "Mean before",
    "Mean after",
    "Change",
    "95% CI low",
    "95% CI high",
    "Interval",
    "p-value (Holm-adjusted across scales)",
    "d_z (95% CI)",
    "Cronbach's alpha (95% CI)",
]


def county_board(academic_year: int | None) -> Dashboard:
    """The county dashboard for the year (None: every year), as a commissioner would see it."""
    return build_dashboard(
        filters=DashboardFilters(academic_year=academic_year), districts=list(District.objects.order_by("name"))
    )


def _knowledge_row(table: str, row: BreakdownRow) -> list[object]:
    change = row.knowledge
    return [
        table,
        row.label,
        row.pairs_text,
        change.pre_text,
        change.post_text,
        change.text,
        change.ci_low_text,
        change.ci_high_text,
        change.interval_kind,
    ]


def _knowledge_rows(board: Dashboard) -> Iterator[list[object]]:
    yield _knowledge_row("Area", board.knowledge.total)
    breakdowns: list[Breakdown] = [*([board.places] if board.places else []), *board.equity, board.trend]
    for breakdown in breakdowns:
        for row in (*breakdown.rows, breakdown.total):
            if not row.no_schools:
                yield _knowledge_row(breakdown.title, row)


def _scale_rows(board: Dashboard) -> Iterator[list[object]]:
    for survey in board.surveys:
        for scale in survey.scales:
            change, line = scale.change, scale.analyst
            alpha = scale.alpha_text if scale.alpha_hidden else f"{scale.alpha_text} ({scale.alpha_ci_text})"
            yield [
                line.module,
                survey.title,
                scale.label,
                scale.range_text,
                scale.pairs_text,
                change.pre_text,
                change.post_text,
                change.text,
                change.ci_low_text,
                change.ci_high_text,
                change.interval_kind,
                line.p,
                line.d_z,
                alpha,
            ]


def outcome_sheets(academic_year: int | None) -> list[Sheet]:
    """Knowledge change (the area, and each breakdown of the page) and attitude change per scale."""
    board = county_board(academic_year)
    return [
        Sheet("Knowledge change", "knowledge_change.csv", KNOWLEDGE_HEADER, list(_knowledge_rows(board))),
        Sheet("Attitude change", "attitude_change.csv", SCALE_HEADER, list(_scale_rows(board))),
    ]
