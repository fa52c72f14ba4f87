"""Reading the rollup tables for the dashboard: sums grouped in the database, one query each.

Nothing here reads a pupil, an answer or a ModuleProgress row: only the rollup
tables (``reports.models``) and School rows for names and eligibility. Each
function is one query whatever the filter and whatever the size of the area, so
a page makes the same number of queries for one school as for the county.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from reports.eligibility import eligible, eligible_q
from reports.models import ProgressRollup, ScaleRollup
from reports.rollup_sums import PairedSums
from schools.models import District, School

PAIRED_FIELDS = ("sum_pre", "sum_post", "sumsq_pre", "sumsq_post", "sum_diff", "sumsq_diff")
COUNT_FIELDS = (
    "pupils_assigned",
    "pupils_started",
    "pupils_completed",
    "pupils_passed",
    "quiz_taken",
    "pupils_in_evaluation",
    "pre_quiz_done",
    "pre_survey_done",
    "post_survey_done",
)


@dataclass(frozen=True)
class DashboardFilters:
    """What the dashboard is about. None or "" means "all"."""

    academic_year: int | None = None
    term: int | None = None
    district: District | None = None
    phase: str = ""
    establishment_type: str = ""
    module_id: int | None = None
    year_group: int | None = None

    def without_period(self) -> DashboardFilters:
        """The same filters over every academic year and term (for the trend by term)."""
        return DashboardFilters(
            district=self.district,
            phase=self.phase,
            establishment_type=self.establishment_type,
            module_id=self.module_id,
            year_group=self.year_group,
        )


@dataclass
class ProgressSums:
    """Rollup sums of one group (a school, a district, a band, a term) and how many schools are in it.

    ``schools`` counts schools with at least one pupil assigned; ``knowledge_schools``
    those with at least one matched pair of quizzes. Both add up over disjoint groups.
    """

    schools: int = 0
    eligible_schools: int = 0
    knowledge_schools: int = 0
    assigned: int = 0
    started: int = 0
    completed: int = 0
    passed: int = 0
    quiz_taken: int = 0
    in_evaluation: int = 0
    pre_quiz_done: int = 0
    pre_survey_done: int = 0
    post_survey_done: int = 0
    knowledge: PairedSums = field(default_factory=PairedSums)

    def add(self, other: ProgressSums) -> None:
        """Add another group of different schools (school counts add, so the schools must not overlap)."""
        for name in (
            "schools",
            "eligible_schools",
            "knowledge_schools",
            "assigned",
            "started",
            "completed",
            "passed",
            "quiz_taken",
            "in_evaluation",
            "pre_quiz_done",
            "pre_survey_done",
            "post_survey_done",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.knowledge = PairedSums(*(a + b for a, b in zip(self.knowledge.as_tuple(), other.knowledge.as_tuple())))


@dataclass(frozen=True)
class SchoolProgress:
    """One school's sums, with the school fields the breakdowns group by."""

    school_id: int
    district_id: int | None
    fsm_percent: Decimal | None
    urban_rural: str
    eligible: bool
    sums: ProgressSums


@dataclass
class ScaleSums:
    """Sums of one survey scale over a group; ``schools`` counts schools with matched pairs."""

    schools: int = 0
    alpha_schools: int = 0
    n_pre: int = 0
    n_post: int = 0
    alpha_n: int = 0
    change: PairedSums = field(default_factory=PairedSums)
    # Per school (n, Σd, Σd²) of the pairs, for the intraclass correlation.
    school_groups: list[tuple[int, float, float]] = field(default_factory=list)


def filtered(queryset: QuerySet, filters: DashboardFilters, *, school: School | None = None) -> QuerySet:
    """Rollup rows (either table) matching the filters, in one school when given."""
    conditions = Q()
    if school is not None:
        conditions &= Q(school=school)
    if filters.academic_year is not None:
        conditions &= Q(academic_year=filters.academic_year)
    if filters.term is not None:
        conditions &= Q(term=filters.term)
    if filters.district is not None:
        conditions &= Q(school__district=filters.district)
    if filters.phase:
        conditions &= Q(school__phase=filters.phase)
    if filters.establishment_type:
        conditions &= Q(school__establishment_type=filters.establishment_type)
    if filters.module_id is not None:
        conditions &= Q(module_id=filters.module_id)
    if filters.year_group is not None:
        conditions &= Q(year_group=filters.year_group)
    return queryset.filter(conditions).order_by()


def _progress_sums() -> dict:
    sums = {name: Sum(name) for name in COUNT_FIELDS}
    sums.update({f"knowledge_{name}": Sum(f"knowledge_{name}") for name in ("pairs", *PAIRED_FIELDS)})
    return sums


def _progress_from_row(row: dict) -> ProgressSums:
    return ProgressSums(
        schools=row.get("schools", 0),
        eligible_schools=row.get("eligible_schools", 0),
        knowledge_schools=row.get("knowledge_schools", 0),
        assigned=row["pupils_assigned"] or 0,
        started=row["pupils_started"] or 0,
        completed=row["pupils_completed"] or 0,
        passed=row["pupils_passed"] or 0,
        quiz_taken=row["quiz_taken"] or 0,
        in_evaluation=row["pupils_in_evaluation"] or 0,
        pre_quiz_done=row["pre_quiz_done"] or 0,
        pre_survey_done=row["pre_survey_done"] or 0,
        post_survey_done=row["post_survey_done"] or 0,
        knowledge=PairedSums(
            row["knowledge_pairs"] or 0, *(row[f"knowledge_{name}"] or 0.0 for name in PAIRED_FIELDS)
        ),
    )


def progress_by_school(filters: DashboardFilters, *, school: School | None = None) -> list[SchoolProgress]:
    """Each school's progress sums under the filters (one query; only schools with rollup rows)."""
    rows = (
        filtered(ProgressRollup.objects.all(), filters, school=school)
        .values(
            "school_id",
            "school__district_id",
            "school__fsm_percent",
            "school__urban_rural",
            "school__is_open",
            "school__phase",
            "school__statutory_low_age",
            "school__statutory_high_age",
        )
        .annotate(**_progress_sums())
    )
    found = []
    for row in rows:
        sums = _progress_from_row(row)
        is_eligible = eligible(
            is_open=row["school__is_open"],
            phase=row["school__phase"],
            low=row["school__statutory_low_age"],
            high=row["school__statutory_high_age"],
        )
        sums.schools = int(sums.assigned > 0)
        sums.eligible_schools = int(sums.assigned > 0 and is_eligible)
        sums.knowledge_schools = int(sums.knowledge.n > 0)
        found.append(
            SchoolProgress(
                school_id=row["school_id"],
                district_id=row["school__district_id"],
                fsm_percent=row["school__fsm_percent"],
                urban_rural=row["school__urban_rural"],
                eligible=is_eligible,
                sums=sums,
            )
        )
    return found


def progress_grouped(
    filters: DashboardFilters, *fields: str, school: School | None = None
) -> dict[tuple, ProgressSums]:
    """Progress sums grouped by rollup fields (``"gender"``; ``"academic_year", "term"``), one query.

    Each group counts its distinct schools with pupils assigned and with knowledge pairs.
    """
    rows = (
        filtered(ProgressRollup.objects.all(), filters, school=school)
        .values(*fields)
        .annotate(
            **_progress_sums(),
            schools=Count("school", distinct=True, filter=Q(pupils_assigned__gt=0)),
            eligible_schools=Count("school", distinct=True, filter=Q(pupils_assigned__gt=0) & eligible_q("school__")),
            knowledge_schools=Count("school", distinct=True, filter=Q(knowledge_pairs__gt=0)),
        )
    )
    return {tuple(row[name] for name in fields): _progress_from_row(row) for row in rows}


def scales_by_school(filters: DashboardFilters, *, school: School | None = None) -> dict[tuple[str, str], ScaleSums]:
    """Each survey scale's sums under the filters, added up from per-school groups (one query)."""
    rows = (
        filtered(ScaleRollup.objects.all(), filters, school=school)
        .values("survey_key", "scale", "school_id")
        .annotate(
            n_pre=Sum("n_pre"),
            n_post=Sum("n_post"),
            pairs=Sum("pairs"),
            alpha_n=Sum("alpha_n"),
            **{name: Sum(name) for name in PAIRED_FIELDS},
        )
        .order_by("survey_key", "scale")
    )
    found: dict[tuple[str, str], ScaleSums] = {}
    for row in rows:
        sums = found.setdefault((row["survey_key"], row["scale"]), ScaleSums())
        pairs = row["pairs"] or 0
        sums.n_pre += row["n_pre"] or 0
        sums.n_post += row["n_post"] or 0
        sums.alpha_n += row["alpha_n"] or 0
        sums.alpha_schools += int((row["alpha_n"] or 0) > 0)
        if pairs > 0:
            sums.schools += 1
            sums.change = PairedSums(
                *(a + b for a, b in zip(sums.change.as_tuple(), (pairs, *(row[n] or 0.0 for n in PAIRED_FIELDS))))
            )
            sums.school_groups.append((pairs, row["sum_diff"] or 0.0, row["sumsq_diff"] or 0.0))
    return found


def alpha_sums(filters: DashboardFilters, *, school: School | None = None):
    """Cronbach's alpha sums per (survey key, scale) under the filters: see ``ScaleRollupQuerySet.alpha_totals``."""
    return filtered(ScaleRollup.objects.all(), filters, school=school).alpha_totals()


def eligible_by_district(filters: DashboardFilters) -> dict[int | None, int]:
    """How many eligible schools each district has, within the filters' area (one query)."""
    schools = School.objects.filter(eligible_q())
    if filters.district is not None:
        schools = schools.filter(district=filters.district)
    if filters.phase:
        schools = schools.filter(phase=filters.phase)
    if filters.establishment_type:
        schools = schools.filter(establishment_type=filters.establishment_type)
    rows = schools.order_by().values("district_id").annotate(n=Count("pk"))
    return {row["district_id"]: row["n"] for row in rows}
