"""Reading one school's survey answers into the totals of its scale rollup rows.

One streamed query of the answer rows for the whole school, whatever its number of
pupils; which pairs count comes from ``reports.rollup_totals.progress_totals``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from learning.models import SurveyAnswer, Wave
from learning.pair_order import PairOrder
from reports.rollup_scales import Instruments, VersionScales, alpha_values, paired_scores, scale_scores
from reports.rollup_sums import AlphaSums, PairedSums
from reports.rollup_totals import AssignmentKey, PupilFacts, RowKey, ScaleKey, SurveyOrders, in_years


@dataclass
class ScaleTotals:
    item_keys: tuple[str, ...]
    n_pre: int = 0
    n_post: int = 0
    change: PairedSums = field(default_factory=PairedSums)
    # Pupils with a follow-up scale score, and pre -> follow-up pairs in order.
    n_follow_up: int = 0
    follow_up: PairedSums = field(default_factory=PairedSums)
    alpha: AlphaSums = field(init=False)
    # The fewest and most items a pair's change was scored on (the items identical in both versions).
    items_used_min: int | None = None
    items_used_max: int | None = None

    def __post_init__(self) -> None:
        self.alpha = AlphaSums(k=len(self.item_keys))

    def add_pair(self, pre: float, post: float, items: int) -> None:
        self.change.add(pre, post)
        self.items_used_min = items if self.items_used_min is None else min(self.items_used_min, items)
        self.items_used_max = items if self.items_used_max is None else max(self.items_used_max, items)


def scale_totals(
    school_id: int,
    years: set[int] | None,
    assignments: dict[int, AssignmentKey],
    pupils: dict[int, PupilFacts],
    instruments: Instruments,
    survey_orders: SurveyOrders,
    follow_up_orders: SurveyOrders | None = None,
) -> dict[ScaleKey, ScaleTotals]:
    """Paired scale sums and pre-wave alpha sums per row key, survey and scale, from the answer rows.

    Reads in-evaluation pupils' pre and post answers (not skipped surveys) of the
    school's assignments in one streamed query ordered by response, scoring each
    response as soon as its last answer has been read. A pupil's pre and post scores
    make a pair only when ``survey_orders`` (from ``progress_totals``) has them in order,
    and the pair's change is scored on the items identical in the two versions answered.
    The follow-up answers, read with them, pair with the pre answers the same way when
    ``follow_up_orders`` has them in order.
    """
    answers = (
        SurveyAnswer.objects.filter(
            in_years("response__assignment__school_class__", years),
            response__assignment__school_class__school_id=school_id,
            response__wave__in=[Wave.PRE, Wave.POST, Wave.FOLLOW_UP],
            response__skipped=False,
            response__pupil__opted_out_at__isnull=True,
            response__pupil__withdrawn_at__isnull=True,
        )
        .order_by("response_id", "pk")
        .values_list(
            "response_id",
            "response__pupil_id",
            "response__assignment_id",
            "response__wave",
            "response__survey_version_id",
            "item_key",
            "value",
        )
    )
    totals: dict[ScaleKey, ScaleTotals] = {}
    # (assignment, pupil, survey id) -> {wave: (version, answers)}
    answered: dict[tuple[int, int, int], dict[str, tuple[VersionScales, dict[str, int | None]]]] = defaultdict(dict)

    def entry(key: RowKey, survey_id: int, survey_key: str, scale: str) -> ScaleTotals:
        full_key = (*key, survey_key, scale)
        if full_key not in totals:
            totals[full_key] = ScaleTotals(instruments.reference_keys.get((survey_id, scale), ()))
        return totals[full_key]

    def finish(current: tuple[int, int, str, int], given: dict[str, int | None]) -> None:
        pupil_id, assignment_id, wave, version_id = current
        version = instruments.versions.get(version_id)
        pupil = pupils.get(pupil_id)
        if version is None or pupil is None or assignment_id not in assignments:
            return
        key: RowKey = (*assignments[assignment_id], pupil.gender)
        answered[assignment_id, pupil_id, version.survey_id][wave] = (version, given)
        for scale in scale_scores(version, given):
            scale_entry = entry(key, version.survey_id, version.survey_key, scale)
            if wave == Wave.PRE:
                scale_entry.n_pre += 1
            elif wave == Wave.POST:
                scale_entry.n_post += 1
            else:
                scale_entry.n_follow_up += 1
        if wave == Wave.PRE:
            for scale in version.scales:
                reference = instruments.reference_keys.get((version.survey_id, scale), ())
                values = alpha_values(version, reference, given) if len(reference) > 1 else None
                if values is not None:
                    entry(key, version.survey_id, version.survey_key, scale).alpha.add(values)

    current: tuple[int, int, str, int] | None = None
    current_response = None
    given: dict[str, int | None] = {}
    for response_id, pupil_id, assignment_id, wave, version_id, item_key, value in answers.iterator():
        if response_id != current_response:
            if current is not None:
                finish(current, given)
            current_response, current, given = response_id, (pupil_id, assignment_id, wave, version_id), {}
        given[item_key] = value
    if current is not None:
        finish(current, given)

    # A pair is scored on the items identical in the two versions the pupil answered (``paired_scores``).
    for (assignment_id, pupil_id, survey_id), waves in answered.items():
        if Wave.PRE not in waves:
            continue
        (pre, pre_given) = waves[Wave.PRE]
        key = (*assignments[assignment_id], pupils[pupil_id].gender)
        if Wave.POST in waves and survey_orders.get((assignment_id, pupil_id)) is PairOrder.VALID:
            post, post_given = waves[Wave.POST]
            for scale, (before, after, items) in paired_scores(pre, pre_given, post, post_given).items():
                entry(key, survey_id, pre.survey_key, scale).add_pair(before, after, items)
        follow_up_order = follow_up_orders.get((assignment_id, pupil_id)) if follow_up_orders is not None else None
        if Wave.FOLLOW_UP in waves and follow_up_order is PairOrder.VALID:
            later, later_given = waves[Wave.FOLLOW_UP]
            for scale, (before, after, _) in paired_scores(pre, pre_given, later, later_given).items():
                entry(key, survey_id, pre.survey_key, scale).follow_up.add(before, after)
    return totals
