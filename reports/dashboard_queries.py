"""Reading the rollup tables for the dashboard: sums grouped in the database, one query each.

Nothing here reads a pupil, an answer or a ModuleProgress row: only the rollup
tables (``reports.models``) and School rows for names and eligibility. Each
function is one query whatever the filter and whatever the size of the area, so
a page makes the same number of queries for one school as for the county.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, FloatField, Max, Min, Q, QuerySet, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from reports.eligibility import eligible, eligible_q
from reports.models import ProgressRollup, ScaleRollup
from reports.rollup_sums import AlphaSums, PairedSums
from schools.models import District, School

# Scales longer than this get no Cronbach's alpha on the dashboard (see ``alpha_sums``).
MAX_ALPHA_ITEMS = 20
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


def add_pairs(sums: PairedSums, more: PairedSums) -> None:
    """Add another group's pair sums into ``sums`` (in place)."""
    sums.n += more.n
    sums.sum_pre += more.sum_pre
    sums.sum_post += more.sum_post
    sums.sumsq_pre += more.sumsq_pre
    sums.sumsq_post += more.sumsq_post
    sums.sum_diff += more.sum_diff
    sums.sumsq_diff += more.sumsq_diff


def school_group(sums: PairedSums) -> tuple[int, float, float]:
    """One school's (n, Σd, Σd²) of its pairs, the group a clustered interval needs."""
    return (sums.n, sums.sum_diff, sums.sumsq_diff)


def add_groups(groups: dict[int, tuple[int, float, float]], more: dict[int, tuple[int, float, float]]) -> None:
    """Add per-school (n, Σd, Σd²) groups into ``groups`` (in place), a school's sums to its own."""
    for school_id, (n, total, total_sq) in more.items():
        have = groups.get(school_id, (0, 0.0, 0.0))
        groups[school_id] = (have[0] + n, have[1] + total, have[2] + total_sq)


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
    ``knowledge_groups`` holds each school's (n, Σd, Σd²) of the quiz pairs, by school id,
    for intervals clustered by school; adding groups adds a school's sums to its own.
    """

    schools: int = 0
    eligible_schools: int = 0
    knowledge_schools: int = 0
    assigned: int = 0
    started: int = 0
    completed: int = 0
    passed: int = 0
    passed_after_practice: int = 0
    quiz_taken: int = 0
    in_evaluation: int = 0
    pre_quiz_done: int = 0
    pre_survey_done: int = 0
    post_survey_done: int = 0
    knowledge: PairedSums = field(default_factory=PairedSums)
    knowledge_groups: dict[int, tuple[int, float, float]] = field(default_factory=dict)

    def add(self, other: ProgressSums) -> None:
        """Add another group of different schools (school counts add, so the schools must not overlap)."""
        self.schools += other.schools
        self.eligible_schools += other.eligible_schools
        self.knowledge_schools += other.knowledge_schools
        self.assigned += other.assigned
        self.started += other.started
        self.completed += other.completed
        self.passed += other.passed
        self.passed_after_practice += other.passed_after_practice
        self.quiz_taken += other.quiz_taken
        self.in_evaluation += other.in_evaluation
        self.pre_quiz_done += other.pre_quiz_done
        self.pre_survey_done += other.pre_survey_done
        self.post_survey_done += other.post_survey_done
        add_pairs(self.knowledge, other.knowledge)
        add_groups(self.knowledge_groups, other.knowledge_groups)

    def add_school(self, school_id: int) -> None:
        """Record these sums' own knowledge pairs as one school's group (when there are any)."""
        if self.knowledge.n:
            add_groups(self.knowledge_groups, {school_id: school_group(self.knowledge)})

    @property
    def knowledge_school_groups(self) -> list[tuple[int, float, float]]:
        """Each school's (n, Σd, Σd²), in school order: the argument of ``pooled_change``."""
        return [self.knowledge_groups[school_id] for school_id in sorted(self.knowledge_groups)]

    @classmethod
    def from_values(cls, values: Sequence[float | int | None]) -> ProgressSums:
        """From the sums in ``SUMMED`` order (None, for no rows, is 0)."""
        counts = [int(value or 0) for value in values[:10]]
        return cls(
            assigned=counts[0],
            started=counts[1],
            completed=counts[2],
            passed=counts[3],
            quiz_taken=counts[4],
            in_evaluation=counts[5],
            pre_quiz_done=counts[6],
            pre_survey_done=counts[7],
            post_survey_done=counts[8],
            knowledge=PairedSums(counts[9], *(float(value or 0.0) for value in values[10:16])),
            passed_after_practice=int(values[16] or 0),
        )


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
    # The fewest and most items a pair's change was scored on (those identical before and after).
    items_used_min: int | None = None
    items_used_max: int | None = None
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


# The progress fields each query adds up, in the order ``ProgressSums.from_values`` reads them.
SUMMED = (
    *COUNT_FIELDS,
    "knowledge_pairs",
    *(f"knowledge_{name}" for name in PAIRED_FIELDS),
    "pupils_passed_after_practice",
)


def _summed(queryset: QuerySet, fields: Sequence[str]) -> QuerySet:
    """Rows of (*fields, *sums of SUMMED), grouped by the fields, as tuples."""
    # Named apart from the fields they add up, so a filter on a field never meets its own sum.
    sums = {f"total_{name}": Sum(name) for name in SUMMED}
    return queryset.values(*fields).annotate(**sums).values_list(*fields, *sums)


SCHOOL_FIELDS = (
    "school_id",
    "school__district_id",
    "school__fsm_percent",
    "school__urban_rural",
    "school__is_open",
    "school__phase",
    "school__statutory_low_age",
    "school__statutory_high_age",
)


def progress_by_school(filters: DashboardFilters, *, school: School | None = None) -> list[SchoolProgress]:
    """Each school's progress sums under the filters, with the school fields breakdowns need (one query)."""
    rows = _summed(filtered(ProgressRollup.objects.all(), filters, school=school), SCHOOL_FIELDS)
    found = []
    width = len(SCHOOL_FIELDS)
    for row in rows:
        school_id, district_id, fsm_percent, urban_rural, is_open, phase, low, high = row[:width]
        sums = ProgressSums.from_values(row[width:])
        is_eligible = eligible(is_open=is_open, phase=phase, low=low, high=high)
        sums.schools = int(sums.assigned > 0)
        sums.eligible_schools = int(sums.assigned > 0 and is_eligible)
        sums.knowledge_schools = int(sums.knowledge.n > 0)
        sums.add_school(school_id)
        found.append(SchoolProgress(school_id, district_id, fsm_percent, urban_rural, is_eligible, sums))
    return found


def progress_grouped(
    filters: DashboardFilters, *fields: str, school: School | None = None
) -> tuple[dict[tuple, ProgressSums], ProgressSums]:
    """Progress sums grouped by rollup fields (``"gender"``; ``"academic_year", "term"``), one query.

    Returns each group's sums and the sums over all groups, each with its number of
    distinct schools with pupils assigned and with knowledge pairs (counted here from
    rows grouped by school too, rather than with COUNT(DISTINCT)). Eligibility is not
    counted: these breakdowns are of pupils, not of schools.
    """
    rows = _summed(filtered(ProgressRollup.objects.all(), filters, school=school), (*fields, "school_id"))
    width = len(fields)
    added_up: dict[tuple, list] = {}
    groups_of: dict[tuple, dict[int, tuple[int, float, float]]] = {}
    schools: dict[tuple, set[int]] = {}
    knowledge_schools: dict[tuple, set[int]] = {}
    everyone: set[int] = set()
    everyone_with_pairs: set[int] = set()
    for row in rows:
        key, school_id, values = row[:width], row[width], row[width + 1 :]
        totals = added_up.setdefault(key, [0] * len(SUMMED))
        for i, value in enumerate(values):
            totals[i] += value or 0
        if values[0]:
            schools.setdefault(key, set()).add(school_id)
            everyone.add(school_id)
        if values[9]:
            own = ProgressSums.from_values(values)
            add_groups(groups_of.setdefault(key, {}), {school_id: school_group(own.knowledge)})
            knowledge_schools.setdefault(key, set()).add(school_id)
            everyone_with_pairs.add(school_id)
    groups = {}
    total = ProgressSums()
    for key, totals in added_up.items():
        sums = ProgressSums.from_values(totals)
        sums.schools = len(schools.get(key, ()))
        sums.knowledge_schools = len(knowledge_schools.get(key, ()))
        sums.knowledge_groups = groups_of.get(key, {})
        groups[key] = sums
        total.add(sums)
    total.schools, total.knowledge_schools = len(everyone), len(everyone_with_pairs)
    return groups, total


SCALE_SUMMED = ("n_pre", "n_post", "alpha_n", "pairs", *PAIRED_FIELDS)


def scales_by_school(filters: DashboardFilters, *, school: School | None = None) -> dict[tuple[str, str], ScaleSums]:
    """Each survey scale's sums under the filters, added up from per-school groups (one query)."""
    sums_by_name = {f"total_{name}": Sum(name) for name in SCALE_SUMMED}
    rows = (
        filtered(ScaleRollup.objects.all(), filters, school=school)
        .values("survey_key", "scale", "school_id")
        .annotate(**sums_by_name, fewest_items=Min("items_used_min"), most_items=Max("items_used_max"))
        .values_list("survey_key", "scale", "fewest_items", "most_items", *sums_by_name)
    )
    found: dict[tuple[str, str], ScaleSums] = {}
    for survey_key, scale, fewest_items, most_items, n_pre, n_post, alpha_n, pairs, *paired in rows:
        sums = found.get((survey_key, scale))
        if sums is None:
            sums = found[survey_key, scale] = ScaleSums()
        if fewest_items is not None:
            sums.items_used_min = min(fewest_items, sums.items_used_min or fewest_items)
            sums.items_used_max = max(most_items, sums.items_used_max or most_items)
        sums.n_pre += n_pre or 0
        sums.n_post += n_post or 0
        if alpha_n:
            sums.alpha_n += alpha_n
            sums.alpha_schools += 1
        if pairs:
            school_sums = PairedSums(pairs, *(float(x or 0) for x in paired))
            sums.schools += 1
            add_pairs(sums.change, school_sums)
            sums.school_groups.append((pairs, school_sums.sum_diff, school_sums.sumsq_diff))
    return dict(sorted(found.items()))


def alpha_sums(
    filters: DashboardFilters, *, school: School | None = None, items: int = MAX_ALPHA_ITEMS
) -> dict[tuple[str, str], tuple[tuple[str, ...], AlphaSums]]:
    """Cronbach's alpha sums per (survey key, scale) under the filters, added up in the database (one query).

    The rule is that of ``ScaleRollupQuerySet.alpha_totals``: only rows with the same
    ``item_keys`` add up, and of a scale's item lists the one with the most respondents
    is kept. Here the item lists are added index by index in SQL (a JSON array element
    per column), so no row's lists are read into Python: at county scale that is tens of
    thousands of rows. ``items`` is the longest item list to add up (the longest scale of
    the surveys, at most ``MAX_ALPHA_ITEMS``); a list longer than that gets no alpha.
    """
    items = min(items, MAX_ALPHA_ITEMS)
    sums = {
        "n": Sum("alpha_n"),
        "total": Sum("alpha_total_sum"),
        "total_sq": Sum("alpha_total_sumsq"),
        **{f"item_{i}": _element_sum("alpha_item_sums", i) for i in range(items)},
        **{f"item_sq_{i}": _element_sum("alpha_item_sumsqs", i) for i in range(items)},
    }
    rows = (
        filtered(ScaleRollup.objects.filter(alpha_n__gt=0), filters, school=school)
        .values("survey_key", "scale", "item_keys")
        .annotate(**sums)
    )
    best: dict[tuple[str, str], tuple[tuple[str, ...], AlphaSums]] = {}
    for row in rows:
        keys = tuple(row["item_keys"])
        if not keys or len(keys) > items:
            continue
        found = AlphaSums(
            k=len(keys),
            n=row["n"] or 0,
            item_sums=[float(row[f"item_{i}"] or 0.0) for i in range(len(keys))],
            item_sumsqs=[float(row[f"item_sq_{i}"] or 0.0) for i in range(len(keys))],
            total_sum=float(row["total"] or 0.0),
            total_sumsq=float(row["total_sq"] or 0.0),
        )
        kept = best.get((row["survey_key"], row["scale"]))
        if kept is None or found.n > kept[1].n:
            best[row["survey_key"], row["scale"]] = (keys, found)
    return best


def _element_sum(field: str, index: int) -> Sum:
    return Sum(Cast(KeyTextTransform(str(index), field), FloatField()))


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
