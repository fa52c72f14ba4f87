"""The commissioner dashboard: every figure for an area (the county, a district or a school).

``build_dashboard`` reads only the rollup tables and School, District and Survey
rows (``reports.dashboard_queries``), in a fixed number of queries whatever the
filter or the size of the area, and returns plain dataclasses with disclosure
control applied (``reports.dashboard_breakdowns``): nothing in them is about a
single pupil, and every figure about fewer than the threshold of pupils (or,
above school level, fewer than 3 schools) is hidden.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from courses.models import ModulePage
from reports.arm_comparison import NOT_RANDOMISED, ArmFigure, arm_figures
from reports.dashboard_analysts import ALL_MODULES
from reports.dashboard_attrition import Attrition, attrition_section
from reports.dashboard_breakdowns import Breakdown
from reports.dashboard_cells import cell, district_area, load_pattern, own_area, publishes_places
from reports.dashboard_equity import fsm_table, gender_table, locality_table
from reports.dashboard_evidence import Evidence, evidence_for
from reports.dashboard_headline import Headline, Knowledge, headline_section, knowledge_section
from reports.dashboard_places import district_table, school_table
from reports.dashboard_queries import (
    DashboardFilters,
    ProgressSums,
    eligible_by_district,
    filtered,
    progress_by_school,
    progress_grouped,
)
from reports.dashboard_questions import questions_compared
from reports.dashboard_rows import Cells
from reports.dashboard_scales import SurveyScales, by_survey, scale_figures
from reports.dashboard_subgroups import CONFIRMATORY, EXPLORATORY
from reports.dashboard_trend import trend_table
from reports.disclosure import legend, threshold
from reports.disclosure_cube import SCHOOL as SCHOOL_CELL
from reports.eligibility import RULE, is_eligible
from reports.models import ProgressRollup, RollupRefresh
from reports.pairs_left_out import ORDER_UNKNOWN_REASON, WRONG_ORDER_REASON, LeftOut, pairs_left_out
from reports.protocol_left_out import REASON as OFF_PROTOCOL_REASON
from reports.protocol_left_out import OffProtocol, off_protocol_left_out
from reports.readings import NOT_CAUSE, NOT_SHOWN, PUBLISHED_EFFECTS
from schools.models import District, School

COUNTY, DISTRICT, SCHOOL = "county", "district", "school"


@dataclass(frozen=True)
class Dashboard:
    level: str
    area: str
    headline: Headline
    knowledge: Knowledge
    surveys: tuple[SurveyScales, ...]
    places: Breakdown | None
    equity: tuple[Breakdown, ...]
    trend: Breakdown
    evidence: tuple[Evidence, ...]
    comparison: tuple[ArmFigure, ...]
    refreshed_at: datetime.datetime | None
    legend: str
    threshold: int
    pairs_left_out: tuple[LeftOut, ...] = ()
    off_protocol: OffProtocol | None = None
    off_protocol_reason: str = OFF_PROTOCOL_REASON
    # Said once under the comparisons, not under each of them.
    comparison_not_shown: str = NOT_RANDOMISED
    attrition: Attrition | None = None
    # The newest refresh's suppression pattern is still being worked out: every figure is hidden.
    preparing: bool = False
    eligibility_rule: str = RULE
    not_cause: str = NOT_CAUSE
    not_shown: str = NOT_SHOWN
    exploratory: str = EXPLORATORY
    confirmatory: str = CONFIRMATORY
    published_effects: str = PUBLISHED_EFFECTS
    wrong_order_reason: str = WRONG_ORDER_REASON
    order_unknown_reason: str = ORDER_UNKNOWN_REASON


def build_dashboard(
    *,
    filters: DashboardFilters,
    districts: Sequence[District],
    school: School | None = None,
    district_link: Callable[[District], str] = lambda district: "",
    school_link: Callable[[School], str] = lambda school: "",
) -> Dashboard:
    """Every figure of the dashboard for the filters, in the county, the filters' district or one school.

    ``districts`` are all districts (already read for the filter form); the links
    give each district's and school's drill-down address.
    """
    level = SCHOOL if school is not None else DISTRICT if filters.district is not None else COUNTY
    count_schools = school is None
    schools = progress_by_school(filters, school=school)
    total = _add_up(row.sums for row in schools)
    if school is None:
        eligible = eligible_by_district(filters)
        eligible_total = sum(eligible.values())
    else:
        eligible, eligible_total = {}, int(is_eligible(school))
    # Every count shown is as the refresh's one stored pattern has it (``reports.published_pattern``).
    pattern = load_pattern(filters, school=school, school_ids=[row.school_id for row in schools])
    area = own_area(filters, school)
    own = cell(area, filters)
    by_gender, _ = progress_grouped(filters, "gender", school=school)
    by_term, all_terms = progress_grouped(filters.without_period(), "academic_year", "term", school=school)
    module = _module_title(filters)
    scales = scale_figures(
        filters, school=school, count_schools=count_schools, module=module, pattern=pattern, cell=own
    )
    refresh = RollupRefresh.objects.last_full()

    headline = headline_section(total, eligible_total, count_schools, Cells(pattern, lambda key: own, own))
    knowledge_evidence = evidence_for(
        label=f"{module or ALL_MODULES}: knowledge quiz score",
        outcome="knowledge",
        sums=total.knowledge,
        school_groups=total.knowledge_school_groups,
        change=headline.total.knowledge,
        count_schools=count_schools,
    )
    places = None
    equity = []
    if level == COUNTY and publishes_places(filters):
        district_cells = Cells(pattern, lambda k: cell(district_area(k), filters), own)
        places = district_table(schools, total, eligible, districts, district_link, district_cells)
        equity = [
            fsm_table(schools, total, pattern, filters, own),
            locality_table(schools, total, pattern, filters, own),
        ]
    elif level == DISTRICT:
        places = school_table(
            schools, total, filters, school_link, Cells(pattern, lambda k: cell((SCHOOL_CELL, str(k)), filters), own)
        )
    equity.append(gender_table(by_gender, total, count_schools, Cells(pattern, lambda k: cell(area, filters, k), own)))
    period = filters.without_period()
    trend_cells = Cells(pattern, lambda k: cell(area, _in_term(period, k)), cell(area, period))
    return Dashboard(
        level=level,
        area=_area(level, filters, districts, school),
        headline=headline,
        knowledge=knowledge_section(headline.total, module or ALL_MODULES, questions_compared(filters, school=school)),
        surveys=tuple(by_survey(scales)),
        places=places,
        equity=tuple(equity),
        trend=trend_table(by_term, all_terms, count_schools, trend_cells),
        evidence=(knowledge_evidence, *(figure.evidence for figure in scales)),
        comparison=arm_figures(filters, programme_schools=schools, school=school, pattern=pattern, key=own),
        refreshed_at=(refresh.finished_at or refresh.started_at) if refresh else None,
        legend=legend(),
        threshold=threshold(),
        preparing=pattern.preparing,
        pairs_left_out=pairs_left_out(
            filtered(ProgressRollup.objects.all(), filters, school=school), pattern=pattern, key=own
        ),
        off_protocol=off_protocol_left_out(
            filtered(ProgressRollup.objects.all(), filters, school=school), pattern=pattern, key=own
        ),
        attrition=attrition_section(
            filters=filters,
            districts=districts,
            school=school,
            district_link=district_link,
            school_link=school_link,
            pattern=pattern,
        ),
    )


def _in_term(filters: DashboardFilters, period: tuple[int, int]) -> DashboardFilters:
    """The filters narrowed to one (academic year, term) of the trend."""
    return dataclasses.replace(filters, academic_year=period[0], term=period[1])


def _add_up(groups) -> ProgressSums:
    total = ProgressSums()
    for sums in groups:
        total.add(sums)
    return total


def _area(level: str, filters: DashboardFilters, districts: Sequence[District], school: School | None) -> str:
    if school is not None:
        return school.name
    if filters.district is not None:
        return filters.district.name
    authorities = sorted({district.local_authority.name for district in districts})
    return " and ".join(authorities) if authorities else "All areas"


def _module_title(filters: DashboardFilters) -> str | None:
    """The title of the module the filters chose (one query), or None for every module."""
    if filters.module_id is None:
        return None
    return ModulePage.objects.filter(pk=filters.module_id).values_list("title", flat=True).first()
