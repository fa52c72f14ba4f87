"""The dashboard's trend: uptake and knowledge change by the term the module was assigned."""

from __future__ import annotations

from reports.dashboard_breakdowns import Breakdown, Category, build_breakdown
from reports.dashboard_queries import ProgressSums
from reports.dashboard_rows import Cells
from reports.terms import Term


def term_label(academic_year: int, term: int) -> str:
    """A term by the calendar year it falls in, e.g. Autumn 2025, Spring 2026."""
    year = academic_year if term == Term.AUTUMN else academic_year + 1
    return f"{Term(term).label} {year}"


def trend_table(by_term: dict, total: ProgressSums, count_schools: bool, cells: Cells) -> Breakdown:
    keys = sorted(by_term)
    return build_breakdown(
        key="trend",
        title="Trend by term",
        caption="by term the module was assigned",
        category_heading="Term",
        categories=[Category(key, term_label(*key)) for key in keys],
        sums=by_term,
        total=total,
        count_schools=count_schools,
        known_zeros=True,
        total_label="All terms",
        cells=cells,
    )
