"""The public transparency page: reach and outcomes by district, for one academic year.

Changes pooled over schools have intervals clustered by school (``reports.stats_pooled``), as
on the dashboard. The same rollups and the same stored suppression pattern as the commissioner dashboard
(``reports.published_pattern``: one pattern for every page, so nothing hidden on one page is
shown or can be worked out on another), and then every count of pupils rounded to the nearest
5 (``round_public``). Rates are worked out from the rounded counts, so a rate gives away no more
than the counts beside it; means are shown to 1 decimal. No school is named and there is no
drill-down below a district.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from reports.dashboard_breakdowns import Category, build_breakdown
from reports.dashboard_cells import cell, district_area, load_pattern, own_area
from reports.dashboard_changes import SCALE_DECIMALS, make_change
from reports.dashboard_queries import (
    DashboardFilters,
    ProgressSums,
    eligible_by_district,
    filtered,
    progress_by_school,
    scales_by_school,
)
from reports.dashboard_rows import BreakdownRow, Cells
from reports.dashboard_scales import scale_info, scale_label
from reports.disclosure import SUPPRESSED, Shown, legend, round_public, threshold
from reports.disclosure_cube import scale_measure
from reports.eligibility import RULE
from reports.models import ProgressRollup, RollupRefresh
from reports.pairs_left_out import ORDER_UNKNOWN_REASON, WRONG_ORDER_REASON, LeftOut, pairs_left_out
from reports.protocol_left_out import REASON as OFF_PROTOCOL_REASON
from reports.protocol_left_out import OffProtocol, off_protocol_left_out
from reports.published_pattern import PagePattern
from reports.readings import NOT_CAUSE, NOT_DEFINED, count_text, percent_text
from schools.models import District


@dataclass(frozen=True)
class PublicRow:
    label: str
    eligible: int
    schools: int
    no_schools: bool
    reached: str
    completed: str
    completed_rate: str
    pairs: str
    knowledge: str
    knowledge_ci: str
    knowledge_interval: str


@dataclass(frozen=True)
class PublicScale:
    label: str
    range_text: str
    pairs: str
    change: str
    ci: str
    interval: str


@dataclass(frozen=True)
class Transparency:
    year: int | None
    rows: tuple[PublicRow, ...]
    total: PublicRow
    scales: tuple[PublicScale, ...]
    refreshed_at: datetime.datetime | None
    legend: str
    threshold: int
    pairs_left_out: tuple[LeftOut, ...] = ()
    off_protocol: OffProtocol | None = None
    off_protocol_reason: str = OFF_PROTOCOL_REASON
    # The newest refresh's suppression pattern is still being worked out: every figure is hidden.
    preparing: bool = False
    eligibility_rule: str = RULE
    not_cause: str = NOT_CAUSE
    wrong_order_reason: str = WRONG_ORDER_REASON
    order_unknown_reason: str = ORDER_UNKNOWN_REASON


def published_years() -> list[int]:
    """Academic years with figures, newest first (one query)."""
    years = ProgressRollup.objects.order_by().values_list("academic_year", flat=True).distinct()
    return sorted(years, reverse=True)


def rounded(value: Shown) -> str:
    """A shown count rounded to the nearest 5, as text; a hidden one stays hidden."""
    return value if isinstance(value, str) else count_text(round_public(value))


def build_transparency(*, year: int | None) -> Transparency:
    """Every figure of the transparency page for one academic year (None: no figures yet)."""
    filters = DashboardFilters(academic_year=year)
    districts = list(District.objects.order_by("name"))
    schools = progress_by_school(filters) if year is not None else []
    eligible = eligible_by_district(filters)
    total = ProgressSums()
    by_district: dict = {}
    for row in schools:
        total.add(row.sums)
        by_district.setdefault(row.district_id, ProgressSums()).add(row.sums)
    present = set(eligible) | set(by_district)
    categories = [Category(d.pk, d.name, eligible=eligible.get(d.pk, 0)) for d in districts if d.pk in present]
    if None in present:
        categories.append(Category(None, "No district recorded", eligible=eligible.get(None, 0)))
    pattern = load_pattern(filters)
    own = cell(own_area(filters), filters)
    table = build_breakdown(
        key="public",
        title="By district",
        caption="by district",
        category_heading="District",
        categories=categories,
        sums=by_district,
        total=total,
        count_schools=True,
        known_zeros=True,
        show_schools=True,
        total_label="All districts",
        total_eligible=sum(eligible.values()),
        cells=Cells(pattern, lambda key: cell(district_area(key), filters), own),
    )
    refresh = RollupRefresh.objects.last_full()
    return Transparency(
        year=year,
        rows=tuple(_public_row(row) for row in table.rows),
        total=_public_row(table.total),
        scales=tuple(_public_scales(filters, pattern, own) if year is not None else ()),
        refreshed_at=(refresh.finished_at or refresh.started_at) if refresh else None,
        legend=legend(),
        threshold=threshold(),
        preparing=pattern.preparing,
        pairs_left_out=pairs_left_out(
            filtered(ProgressRollup.objects.all(), filters), pattern=pattern, key=own, public=True
        )
        if year is not None
        else (),
        off_protocol=off_protocol_left_out(
            filtered(ProgressRollup.objects.all(), filters), pattern=pattern, key=own, public=True
        )
        if year is not None
        else None,
    )


def _public_row(row: BreakdownRow) -> PublicRow:
    def count(value: Shown) -> str:
        return NOT_DEFINED if row.no_schools else rounded(value)

    return PublicRow(
        label=row.label,
        eligible=row.eligible or 0,
        schools=row.schools or 0,
        no_schools=row.no_schools,
        reached=count(row.assigned),
        completed=count(row.completed),
        completed_rate=NOT_DEFINED if row.no_schools else public_rate(row.completed, row.assigned),
        pairs=count(row.pairs),
        knowledge=NOT_DEFINED if row.no_schools else row.knowledge.text,
        knowledge_ci=NOT_DEFINED if row.no_schools else row.knowledge.ci_text,
        knowledge_interval="" if row.no_schools else row.knowledge.interval_kind,
    )


def public_rate(numerator: Shown, denominator: Shown) -> str:
    """A rate from the rounded counts as shown (hidden when either is), a whole percentage."""
    if isinstance(numerator, str) or isinstance(denominator, str):
        return SUPPRESSED
    top, bottom = round_public(numerator), round_public(denominator)
    return percent_text(top / bottom) if bottom else NOT_DEFINED


def _public_scales(filters: DashboardFilters, pattern: PagePattern, own: tuple) -> list[PublicScale]:
    sums = scales_by_school(filters)
    info = scale_info([key for key, _ in sums])
    found = []
    for (survey_key, scale), scale_sums in sorted(sums.items()):
        n = scale_sums.change.n
        pairs = pattern.shown(own, scale_measure(survey_key, scale, "pairs"), n)
        change = make_change(scale_sums.change, pairs, scale_sums.school_groups, SCALE_DECIMALS)
        known = info.get((survey_key, scale))
        found.append(
            PublicScale(
                label=scale_label(scale),
                range_text=f"{known.minimum} to {known.maximum}" if known and known.minimum is not None else "",
                pairs=rounded(pairs),
                change=change.text,
                ci=change.ci_text,
                interval=change.interval_kind,
            )
        )
    return found
