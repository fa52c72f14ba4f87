"""The commissioner dashboard: every figure for an area (the county, a district or a school).

``build_dashboard`` reads only the rollup tables and School, District and Survey
rows (``reports.dashboard_queries``), in a fixed number of queries whatever the
filter or the size of the area, and returns plain dataclasses with disclosure
control applied (``reports.dashboard_figures``): nothing in them is about a
single pupil, and every figure about fewer than the threshold of pupils (or,
above school level, fewer than 3 schools) is hidden.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import Q

from courses.models import ModulePage
from reports.arm_comparison import ArmFigure, arm_figures
from reports.charts import BarChart, ChartRow, bar_chart
from reports.dashboard_analysts import ALL_MODULES, AnalystLine, analyst_line
from reports.dashboard_attrition import Attrition, attrition_section
from reports.dashboard_cells import cell, district_area, load_pattern, own_area, publishes_places
from reports.dashboard_evidence import Evidence, evidence_for
from reports.dashboard_figures import (
    KNOWLEDGE_DECIMALS,
    Breakdown,
    BreakdownRow,
    Category,
    Cells,
    Rate,
    build_breakdown,
    headline_row,
    make_rate,
)
from reports.dashboard_queries import (
    DashboardFilters,
    ProgressSums,
    SchoolProgress,
    eligible_by_district,
    filtered,
    progress_by_school,
    progress_grouped,
)
from reports.dashboard_scales import SurveyScales, by_survey, scale_figures
from reports.dashboard_subgroups import EXPLORATORY, with_differences
from reports.disclosure import SUPPRESSED, legend, threshold
from reports.disclosure_cube import FSM, LOCALITY
from reports.disclosure_cube import SCHOOL as SCHOOL_CELL
from reports.eligibility import RULE, eligible_q, is_eligible
from reports.models import ProgressRollup, RollupRefresh
from reports.pairs_left_out import ORDER_UNKNOWN_REASON, WRONG_ORDER_REASON, LeftOut, pairs_left_out
from reports.published_pattern import PagePattern
from reports.readings import (
    NOT_CAUSE,
    NOT_SHOWN,
    PUBLISHED_EFFECTS,
    Reading,
    change_reading,
    number_text,
    rate_reading,
    schools_reading,
)
from reports.rollup_bands import FsmBand, Locality, fsm_band, locality
from reports.terms import Term
from schools.models import District, Gender, School

COUNTY, DISTRICT, SCHOOL = "county", "district", "school"


@dataclass(frozen=True)
class Headline:
    """Uptake for the whole area: schools taking part of those eligible, and pupils."""

    eligible_schools: int
    schools_taking_part: int
    other_schools: int
    school_rate: Rate
    total: BreakdownRow
    schools_reading: str
    started_reading: str
    completed_reading: str
    passed_reading: str


@dataclass(frozen=True)
class Knowledge:
    total: BreakdownRow
    reading: Reading
    chart: BarChart
    analyst: AnalystLine

    @property
    def analysts(self) -> tuple[AnalystLine, ...]:
        return (self.analyst,)


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
    attrition: Attrition | None = None
    eligibility_rule: str = RULE
    not_cause: str = NOT_CAUSE
    not_shown: str = NOT_SHOWN
    exploratory: str = EXPLORATORY
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

    headline = _headline(total, eligible_total, count_schools, Cells(pattern, lambda key: own, own))
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
        places = _by_district(schools, total, eligible, districts, district_link, district_cells)
        equity = [_by_fsm(schools, total, pattern, filters, own), _by_locality(schools, total, pattern, filters, own)]
    elif level == DISTRICT:
        places = _by_school(
            schools, total, filters, school_link, Cells(pattern, lambda k: cell((SCHOOL_CELL, str(k)), filters), own)
        )
    equity.append(_by_gender(by_gender, total, count_schools, Cells(pattern, lambda k: cell(area, filters, k), own)))
    period = filters.without_period()
    trend_cells = Cells(pattern, lambda k: cell(area, _in_term(period, k)), cell(area, period))
    return Dashboard(
        level=level,
        area=_area(level, filters, districts, school),
        headline=headline,
        knowledge=_knowledge(headline.total, module or ALL_MODULES),
        surveys=tuple(by_survey(scales)),
        places=places,
        equity=tuple(equity),
        trend=_trend(by_term, all_terms, count_schools, trend_cells),
        evidence=(knowledge_evidence, *(figure.evidence for figure in scales)),
        comparison=arm_figures(filters, programme_schools=schools, school=school, count_schools=count_schools),
        refreshed_at=(refresh.finished_at or refresh.started_at) if refresh else None,
        legend=legend(),
        threshold=threshold(),
        pairs_left_out=pairs_left_out(
            filtered(ProgressRollup.objects.all(), filters, school=school), count_schools=count_schools
        ),
        attrition=attrition_section(
            filters=filters,
            districts=districts,
            school=school,
            district_link=district_link,
            school_link=school_link,
            assigned_hidden=headline.total.assigned == SUPPRESSED,
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


def _headline(total: ProgressSums, eligible: int, count_schools: bool, cells: Cells) -> Headline:
    row = headline_row(total, count_schools=count_schools, cells=cells)
    taking_part = total.eligible_schools
    return Headline(
        eligible_schools=eligible,
        schools_taking_part=taking_part,
        other_schools=total.schools - taking_part,
        school_rate=make_rate(taking_part, eligible) if eligible else Rate(),
        total=row,
        schools_reading=schools_reading(taking_part, eligible, total.schools - taking_part),
        started_reading=rate_reading(
            row.started,
            row.assigned,
            row.started_rate.low,
            row.started_rate.high,
            did="started",
            of="pupils assigned a module",
        ),
        completed_reading=rate_reading(
            row.completed,
            row.assigned,
            row.completed_rate.low,
            row.completed_rate.high,
            did="completed it",
            of="pupils assigned a module",
        ),
        passed_reading=rate_reading(
            row.passed,
            row.quiz_taken,
            row.passed_rate.low,
            row.passed_rate.high,
            did="passed it at the first try",
            of="pupils in the evaluation who took the end-of-module quiz",
        ),
    )


def _module_title(filters: DashboardFilters) -> str | None:
    """The title of the module the filters chose (one query), or None for every module."""
    if filters.module_id is None:
        return None
    return ModulePage.objects.filter(pk=filters.module_id).values_list("title", flat=True).first()


def _knowledge(total: BreakdownRow, module: str) -> Knowledge:
    result = total.knowledge.result
    rows = [
        ChartRow("Before the lessons", result.mean_pre if result else None, total.knowledge.pre_text),
        ChartRow("After the lessons", result.mean_post if result else None, total.knowledge.post_text),
    ]
    return Knowledge(
        total=total,
        reading=change_reading(
            result,
            subject="Pupils' quiz scores",
            unit="points out of 100",
            decimals=KNOWLEDGE_DECIMALS,
            pupils="pupils who did both quizzes",
        ),
        chart=bar_chart(
            key="knowledge",
            title="Average quiz score out of 100, before and after the lessons",
            rows=rows,
            tick_format=lambda v: number_text(v, 0),
            domain=(0.0, 100.0),
            intervals=False,
        ),
        analyst=analyst_line(
            module=module,
            measure="knowledge quiz score (out of 100)",
            pairs=total.pairs_text,
            change=total.knowledge,
            p=result.p if result else None,
            p_note="the primary outcome: not adjusted",
        ),
    )


def _group(schools: Sequence[SchoolProgress], key: Callable[[SchoolProgress], object]) -> dict:
    groups: dict = defaultdict(ProgressSums)
    for row in schools:
        groups[key(row)].add(row.sums)
    return dict(groups)


def _by_district(schools, total, eligible, districts, district_link, cells: Cells) -> Breakdown:
    present = set(eligible) | {row.district_id for row in schools}
    categories = [Category(d.pk, d.name, district_link(d), eligible.get(d.pk, 0)) for d in districts if d.pk in present]
    if None in present:
        categories.append(Category(None, "No district recorded", "", eligible.get(None, 0)))
    return build_breakdown(
        key="districts",
        title="By district",
        caption="by district",
        category_heading="District",
        categories=categories,
        sums=_group(schools, lambda row: row.district_id),
        total=total,
        count_schools=True,
        known_zeros=True,
        show_schools=True,
        total_eligible=sum(eligible.values()),
        cells=cells,
    )


def _by_school(schools, total, filters: DashboardFilters, school_link, cells: Cells) -> Breakdown:
    """The district's schools: every eligible one, and any other taking part, by name."""
    listed = School.objects.filter(district=filters.district).filter(
        eligible_q() | Q(pk__in=[row.school_id for row in schools])
    )
    if filters.phase:
        listed = listed.filter(phase=filters.phase)
    if filters.establishment_type:
        listed = listed.filter(establishment_type=filters.establishment_type)
    categories = [Category(s.pk, s.name, school_link(s)) for s in listed.only("pk", "urn", "name").order_by("name")]
    return build_breakdown(
        key="schools",
        title="By school",
        caption="by school",
        category_heading="School",
        categories=categories,
        sums={row.school_id: row.sums for row in schools},
        total=total,
        # Each school is named here, so only the pupil threshold applies to its own figures.
        count_schools=False,
        known_zeros=True,
        total_label="All schools in the district",
        cells=cells,
    )


def _by_fsm(schools, total, pattern: PagePattern, filters: DashboardFilters, own: tuple) -> Breakdown:
    categories = [Category(band.value, band.label) for band in FsmBand]
    sums = _group(schools, lambda row: fsm_band(row.fsm_percent).value)
    breakdown = build_breakdown(
        key="fsm",
        title="By the school's share of pupils eligible for free school meals",
        caption="by the school's free school meals band",
        category_heading="Free school meals (school)",
        categories=categories,
        sums=sums,
        total=total,
        count_schools=True,
        known_zeros=True,
        cells=Cells(pattern, lambda key: cell((FSM, key), filters), own),
    )
    return with_differences(breakdown, categories, sums)


def _by_locality(schools, total, pattern: PagePattern, filters: DashboardFilters, own: tuple) -> Breakdown:
    categories = [Category(kind.value, kind.label) for kind in Locality]
    sums = _group(schools, lambda row: locality(row.urban_rural).value)
    breakdown = build_breakdown(
        key="locality",
        title="Urban and rural schools",
        caption="by urban or rural school",
        category_heading="School's area",
        categories=categories,
        sums=sums,
        total=total,
        count_schools=True,
        known_zeros=True,
        cells=Cells(pattern, lambda key: cell((LOCALITY, key), filters), own),
    )
    return with_differences(breakdown, categories, sums)


def _by_gender(by_gender: dict, total: ProgressSums, count_schools: bool, cells: Cells) -> Breakdown:
    categories = [Category(choice.value, choice.label) for choice in Gender]
    sums = {key[0]: sums for key, sums in by_gender.items()}
    breakdown = build_breakdown(
        key="gender",
        title="By gender",
        caption="by gender (as the school recorded it)",
        category_heading="Gender",
        categories=categories,
        sums=sums,
        total=total,
        count_schools=count_schools,
        known_zeros=False,
        cells=cells,
    )
    # One school's page compares no groups: its pupils alone cannot say how groups differ elsewhere.
    return with_differences(breakdown, categories, sums) if count_schools else breakdown


def term_label(academic_year: int, term: int) -> str:
    """A term by the calendar year it falls in, e.g. Autumn 2025, Spring 2026."""
    year = academic_year if term == Term.AUTUMN else academic_year + 1
    return f"{Term(term).label} {year}"


def _trend(by_term: dict, total: ProgressSums, count_schools: bool, cells: Cells) -> Breakdown:
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
