"""Programme against comparison classes on the dashboard: the difference in change the lessons made.

For each outcome (the quiz, each survey scale) with pairs in both arms under the
filters, the ANCOVA of ``reports.stats_arms`` (post on arm and pre, schools as
clusters) from per-school sums: the programme's from ``ProgressRollup`` and
``ScaleRollup``, the comparison classes' from ``ComparisonRollup``. Its Hedges'
g, standardised by the pooled baseline spread, is the only figure set beside
the published between-group effects (De La Rue et al. 2017).

A comparison figure is hidden wherever the refresh's stored pattern hides the
comparison arm's pairs or the programme's (each a cell of the one linked set,
``reports.disclosure_cube``), so no page shows a comparison whose pairs another
page hides, nor one that a district's figures less its other schools' would undo.
Comparison classes are chosen, not drawn by lot, so the readings say that the
arms may differ in ways the scores before do not show.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.db.models import Sum

from reports.comparison_models import KNOWLEDGE, ComparisonRollup, scale_outcome
from reports.dashboard_queries import PAIRED_FIELDS, DashboardFilters, SchoolProgress, filtered
from reports.dashboard_scales import scale_info, scale_label
from reports.disclosure import SUPPRESSED
from reports.disclosure_cube import comparison_measure
from reports.models import ScaleRollup
from reports.published_pattern import PagePattern
from reports.readings import (
    NOT_DEFINED,
    PUBLISHED_ATTITUDES_G,
    PUBLISHED_KNOWLEDGE_G,
    Reading,
    count_text,
    hidden_reading,
    interval_text,
    number_text,
    p_value_text,
)
from reports.stats_arms import ArmCell, ArmComparison, PairSums, compare_arms
from reports.stats_pooled import MIN_SCHOOLS_FOR_P
from schools.models import School

NOT_RANDOMISED = (
    "Comparison classes were chosen, not drawn by lot, so the two groups may differ in ways their scores before "
    "the lessons do not show; and the comparison classes knew they would have the lessons later."
)


@dataclass(frozen=True)
class ArmFigure:
    """One outcome's comparison of arms, as text ("c" when hidden)."""

    outcome: str
    measure: str
    decimals: int
    published_g: float
    hidden: bool
    reading: Reading
    programme_pairs: str = SUPPRESSED
    comparison_pairs: str = SUPPRESSED
    programme_schools: str = SUPPRESSED
    comparison_schools: str = SUPPRESSED
    change_programme: str = SUPPRESSED
    change_comparison: str = SUPPRESSED
    difference: str = SUPPRESSED
    ci_text: str = SUPPRESSED
    g: str = SUPPRESSED
    g_ci_text: str = SUPPRESSED
    p: str = SUPPRESSED
    interval: str = ""

    @property
    def published_text(self) -> str:
        return number_text(self.published_g, 2)


def arm_figures(
    filters: DashboardFilters,
    *,
    programme_schools: Sequence[SchoolProgress],
    school: School | None,
    pattern: PagePattern,
    key: tuple,
) -> tuple[ArmFigure, ...]:
    """Every outcome with comparison pairs under the filters (one query when there are none, three when there are).

    Each outcome's comparison pairs and programme pairs are cells of the refresh's linked set (the page's
    cell ``key``): the comparison is hidden wherever the stored ``pattern`` hides either."""
    comparison = _comparison_cells(filters, school)
    if not comparison:
        return ()
    programme = _programme_cells(filters, programme_schools, school, {outcome for outcome, _ in comparison})
    labels = _labels(sorted(comparison))
    figures = []
    for outcome in sorted({outcome for outcome, _ in comparison}, key=lambda o: (o != KNOWLEDGE, o)):
        compared = [ArmCell(key, False, sums) for (name, key), sums in comparison.items() if name == outcome]
        taught = [ArmCell(key, True, sums) for (name, key), sums in programme.items() if name == outcome]
        measure, decimals = labels[outcome]
        hidden = any(
            pattern.shown(key, name, sum(c.sums[0] for c in arm)) == SUPPRESSED
            for name, arm in ((comparison_measure(outcome), compared), (programme_measure(outcome), taught))
        )
        figures.append(_figure(outcome, measure, decimals, taught, compared, hidden))
    return tuple(figures)


def _figure(
    outcome: str, measure: str, decimals: int, taught: list[ArmCell], compared: list[ArmCell], hidden: bool
) -> ArmFigure:
    published = PUBLISHED_KNOWLEDGE_G if outcome == KNOWLEDGE else PUBLISHED_ATTITUDES_G
    make = partial(ArmFigure, outcome=outcome, measure=measure, decimals=decimals, published_g=published)
    if hidden:
        return make(hidden=True, reading=Reading(hidden_reading(f"the comparison on {measure}")))
    try:
        result = compare_arms([*taught, *compared])
    except ValueError as error:
        return make(hidden=True, reading=Reading(f"The comparison on {measure} cannot be made: {error}"))
    return make(
        hidden=False,
        reading=_reading(result, measure, decimals, published),
        programme_pairs=count_text(result.n_programme),
        comparison_pairs=count_text(result.n_comparison),
        programme_schools=count_text(result.schools_programme),
        comparison_schools=count_text(result.schools_comparison),
        change_programme=number_text(result.change_programme, decimals, signed=True),
        change_comparison=number_text(result.change_comparison, decimals, signed=True),
        difference=number_text(result.difference, decimals, signed=True),
        ci_text=interval_text(result.ci_low, result.ci_high, decimals),
        g=number_text(result.g, 2),
        g_ci_text=interval_text(result.g_ci_low, result.g_ci_high, 2),
        p=NOT_DEFINED if result.p is None else p_value_text(result.p),
        interval=f"clustered by school (CR1, {result.schools} schools; t on {result.df} df)",
    )


def _reading(result: ArmComparison, measure: str, decimals: int, published: float) -> Reading:
    took_part = (
        f"{count_text(result.n_programme)} pupils in {count_text(result.schools_programme)} schools had the lessons; "
        # A comparison arm may be whole schools or classes in schools that also have the lessons.
        f"{count_text(result.n_comparison)} pupils in comparison classes in {count_text(result.schools_comparison)} "
        "schools answered the same questions at the same times without them."
    )
    direction = "higher" if result.difference >= 0 else "lower"
    changed = (
        f"On {measure}, pupils who had the lessons changed by {number_text(result.change_programme, decimals)} on "
        f"average and comparison pupils by {number_text(result.change_comparison, decimals)}. Allowing for where "
        f"pupils started, those who had the lessons ended {number_text(abs(result.difference), decimals)} {direction}."
        f" For scale, that is {number_text(result.g, 2)} standard deviations (Hedges' g); similar programmes "
        f"averaged about {number_text(published, 2)} (De La Rue et al., 2017)."
    )
    how_sure = (
        f"The 95% confidence interval of the difference is {interval_text(result.ci_low, result.ci_high, decimals)}."
    )
    if result.few_schools:
        how_sure += (
            f" It is wide because few schools took part ({count_text(result.schools)}): pupils in the same school "
            f"answer alike. No p-value is given for fewer than {MIN_SCHOOLS_FOR_P} schools."
        )
    else:
        how_sure += " It allows for pupils in the same school answering alike."
    if result.ci_low <= 0 <= result.ci_high:
        how_sure += " It includes no difference at all, so the lessons may have made none."
    return Reading(took_part, changed, how_sure, NOT_RANDOMISED)


PairCells = dict[tuple[str, int], PairSums]


def programme_measure(outcome: str) -> str:
    """The linked set's measure of the programme's pairs of an outcome: the quiz's, or a scale's."""
    return "pairs" if outcome == KNOWLEDGE else f"{outcome}/pairs"


def _pair_sums(n, sum_pre, sum_post, sumsq_pre, sumsq_post, sum_diff, sumsq_diff) -> PairSums:
    """Database sums as the (n, Σpre, Σpost, Σpre², Σpost², Σd, Σd²) of ``reports.stats_arms``."""
    return (
        int(n),
        float(sum_pre),
        float(sum_post),
        float(sumsq_pre),
        float(sumsq_post),
        float(sum_diff),
        float(sumsq_diff),
    )


def _comparison_cells(filters: DashboardFilters, school: School | None) -> PairCells:
    sums = {name: Sum(name) for name in ("pairs", *PAIRED_FIELDS)}
    rows = (
        filtered(ComparisonRollup.objects.filter(pairs__gt=0), filters, school=school)
        .values("outcome", "school_id")
        .annotate(**sums)
        .values_list("outcome", "school_id", *sums)
    )
    return {(outcome, school_id): _pair_sums(*values) for outcome, school_id, *values in rows}


def _programme_cells(
    filters: DashboardFilters, schools: Sequence[SchoolProgress], school: School | None, outcomes: set[str]
) -> PairCells:
    cells: PairCells = {}
    if KNOWLEDGE in outcomes:
        for row in schools:
            if row.sums.knowledge.n:
                cells[KNOWLEDGE, row.school_id] = row.sums.knowledge.as_tuple()
    if outcomes - {KNOWLEDGE}:
        sums = {name: Sum(name) for name in ("pairs", *PAIRED_FIELDS)}
        rows = (
            filtered(ScaleRollup.objects.filter(pairs__gt=0), filters, school=school)
            .values("survey_key", "scale", "school_id")
            .annotate(**sums)
            .values_list("survey_key", "scale", "school_id", *sums)
        )
        for survey_key, scale, school_id, *values in rows:
            if (outcome := scale_outcome(survey_key, scale)) in outcomes:
                cells[outcome, school_id] = _pair_sums(*values)
    return cells


def _labels(keys: Sequence[tuple[str, int]]) -> dict[str, tuple[str, int]]:
    """Each outcome's measure in words and its decimals (one query for the surveys' titles)."""
    scales = {outcome.partition("/")[::2] for outcome, _ in keys if outcome != KNOWLEDGE}
    info = scale_info([survey_key for survey_key, _ in scales])
    found: dict[str, tuple[str, int]] = defaultdict(lambda: ("", 1))
    found[KNOWLEDGE] = ("the knowledge quiz (points out of 100)", 1)
    for survey_key, scale in scales:
        known = info.get((survey_key, scale))
        title = known.survey_title if known else survey_key
        found[scale_outcome(survey_key, scale)] = (f"the {scale_label(scale).lower()} scale of “{title}”", 2)
    return found
