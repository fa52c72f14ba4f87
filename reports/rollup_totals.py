"""Reading one school's progress and survey answers into the totals of its rollup rows.

Each function is one streamed query (or two) for the whole school, whatever its
number of pupils: nothing here queries per pupil or per assignment.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q

from learning.models import ModuleProgress
from learning.pair_order import PairOrder, pair_order
from reports.attrition_stages import BaselineTotals, FlowTotals, step_reached
from reports.rollup_sums import PairedSums, percent
from reports.terms import term_for
from schools.models import Assignment, ClassMembership, Pupil

if TYPE_CHECKING:
    from reports.rollup_protocols import OffProtocol
    from reports.rollup_questions import KnowledgePairs

# (academic year, term, year group, module id, gender): a rollup row's key within its school.
RowKey = tuple[int, int, int, int, str]
# A scale rollup row's key within its school: RowKey + (survey key, scale).
ScaleKey = tuple[int, int, int, int, str, str, str]
# (academic year, term, year group, module id) of an assignment.
AssignmentKey = tuple[int, int, int, int]


@dataclass
class ProgressTotals:
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
    # Pupils with both surveys answered in order; pairs left out because their order is
    # wrong or cannot be shown (learning.pair_order).
    survey_pairs: int = 0
    knowledge_wrong_order: int = 0
    knowledge_order_unknown: int = 0
    survey_wrong_order: int = 0
    survey_order_unknown: int = 0
    # Pairs in order left out because their governing protocol names neither version (``reports.rollup_protocols``).
    knowledge_off_protocol: int = 0
    survey_off_protocol: int = 0
    follow_up_off_protocol: int = 0
    # The attrition flow (``reports.attrition_stages``), and the follow-up survey: pupils with it in
    # order after the survey before the lessons, and those of them whose survey pair is valid too.
    flow: FlowTotals = field(default_factory=FlowTotals)
    baseline: BaselineTotals = field(default_factory=BaselineTotals)
    follow_up_pairs: int = 0
    follow_up_retained: int = 0
    # The fewest and most quiz questions a knowledge pair was scored on (``reports.rollup_questions``).
    questions_used_min: int | None = None
    questions_used_max: int | None = None

    def add_knowledge(self, before: float, after: float, questions: int | None) -> None:
        self.knowledge.add(before, after)
        if questions is not None:
            self.questions_used_min = min(questions, self.questions_used_min or questions)
            self.questions_used_max = max(questions, self.questions_used_max or questions)

    def left_out(self, measure: str, order: PairOrder | None) -> None:
        """Count a pair of ``measure`` ("knowledge" or "survey") that is not valid; a valid one or none is not."""
        if order is PairOrder.WRONG_ORDER or order is PairOrder.ORDER_UNKNOWN:
            name = f"{measure}_{order.value}"
            setattr(self, name, getattr(self, name) + 1)


@dataclass(frozen=True)
class PupilFacts:
    gender: str
    in_evaluation: bool
    withdrawn: bool = False


def in_years(prefix: str, years: set[int] | None) -> Q:
    """A filter on the academic year reached through ``prefix`` (nothing when every year is wanted)."""
    return Q() if years is None else Q(**{f"{prefix}academic_year__in": sorted(years)})


def read_assignments(school_id: int, years: set[int] | None) -> tuple[dict[int, AssignmentKey], dict[int, list[int]]]:
    """Each assignment's key (academic year, term, year group, module), and the assignments of each class."""
    keys: dict[int, AssignmentKey] = {}
    by_class: dict[int, list[int]] = defaultdict(list)
    rows = Assignment.objects.filter(in_years("school_class__", years), school_class__school_id=school_id)
    for pk, class_id, year, year_group, opens_on, module_id in rows.values_list(
        "pk", "school_class_id", "school_class__academic_year", "school_class__year_group", "opens_on", "module_id"
    ):
        keys[pk] = (year, int(term_for(opens_on)), year_group, module_id)
        by_class[class_id].append(pk)
    return keys, by_class


def read_pupils(school_id: int) -> dict[int, PupilFacts]:
    rows = Pupil.objects.filter(school_id=school_id).values_list("pk", "gender", "opted_out_at", "withdrawn_at")
    return {
        pk: PupilFacts(gender, opted_out_at is None and withdrawn_at is None, withdrawn_at is not None)
        for pk, gender, opted_out_at, withdrawn_at in rows.iterator()
    }


# (assignment id, pupil id) -> how the pupil's pre and post survey answers pair up (or None).
SurveyOrders = dict[tuple[int, int], PairOrder | None]


def progress_totals(
    school_id: int,
    years: set[int] | None,
    assignments: dict[int, AssignmentKey],
    by_class: dict[int, list[int]],
    pupils: dict[int, PupilFacts],
    survey_orders: SurveyOrders | None = None,
    *,
    comparison: bool = False,
    follow_up_orders: SurveyOrders | None = None,
    knowledge: KnowledgePairs | None = None,
    off_protocol: OffProtocol | None = None,
) -> dict[RowKey, ProgressTotals]:
    """Uptake counts and knowledge sums per row key: progress rows, then class members without one.

    A knowledge pair counts only in order (``learning.pair_order``; ``comparison``: the
    assignments are comparison classes', answered without the lessons); the others are
    counted by why they are left out. ``survey_orders``, when given, is filled with each
    in-evaluation pupil's survey pair order, for ``scale_totals``; ``follow_up_orders`` with
    how their survey before the lessons and the follow-up survey pair up. ``knowledge``
    (``reports.rollup_questions``) scores a pair on the questions common to both quiz versions;
    a pair in ``off_protocol`` (``reports.rollup_protocols``) is left out and counted.
    """
    totals: dict[RowKey, ProgressTotals] = defaultdict(ProgressTotals)
    counted: set[tuple[int, int]] = set()
    progress_rows = (
        ModuleProgress.objects.filter(
            in_years("assignment__school_class__", years), assignment__school_class__school_id=school_id
        )
        .order_by("pk")
        .values_list(
            "pupil_id",
            "assignment_id",
            "first_activity_at",
            "completed_at",
            "passed",
            "first_score",
            "max_score",
            "pre_score",
            "pre_max_score",
            "pre_survey_done",
            "post_survey_done",
            "first_lesson_at",
            "pre_quiz_at",
            "post_quiz_at",
            "pre_survey_at",
            "post_survey_at",
            "follow_up_at",
            "lessons_done",
            "lessons_total",
            "first_passed",
        )
    )
    for row in progress_rows.iterator():
        pupil_id, assignment_id, first_at, completed_at, passed, score, max_score, pre, pre_max, pre_sv, post_sv = row[
            :11
        ]
        lesson_at, pre_quiz_at, post_quiz_at, pre_survey_at, post_survey_at, follow_up_at = row[11:17]
        lessons_done, lessons_total, first_passed = row[17:]
        pupil = pupils.get(pupil_id)
        if pupil is None or assignment_id not in assignments:
            continue
        counted.add((assignment_id, pupil_id))
        entry = totals[(*assignments[assignment_id], pupil.gender)]
        entry.assigned += 1
        entry.started += first_at is not None
        entry.completed += completed_at is not None
        if not pupil.in_evaluation:
            entry.flow.exclude(withdrawn=pupil.withdrawn)
            continue
        # The pass rate is an outcome: opted-out and withdrawn pupils are left out before it is
        # counted, and only the first end-of-module attempt counts; passing on a later try is
        # counted apart, as passed after practice.
        entry.quiz_taken += score is not None
        entry.passed += first_passed
        entry.passed_after_practice += passed and not first_passed
        entry.in_evaluation += 1
        entry.pre_quiz_done += pre is not None
        entry.pre_survey_done += pre_sv
        entry.post_survey_done += post_sv
        before, after = percent(pre, pre_max), percent(score, max_score)
        compared = knowledge.get((assignment_id, pupil_id)) if knowledge is not None else None
        knowledge_order = pair_order(pre_quiz_at, lesson_at, post_quiz_at, comparison=comparison)
        if knowledge_order is PairOrder.VALID and off_protocol and (assignment_id, pupil_id) in off_protocol.knowledge:
            entry.knowledge_off_protocol += 1
            knowledge_order = None
        if before is not None and after is not None and knowledge_order is PairOrder.VALID:
            if compared is None:
                entry.add_knowledge(before, after, None)
            elif compared.before is not None and compared.after is not None:
                entry.add_knowledge(compared.before, compared.after, compared.questions)
            elif compared.questions:
                entry.add_knowledge(before, after, compared.questions)
        entry.left_out("knowledge", knowledge_order)
        survey_order = pair_order(pre_survey_at, lesson_at, post_survey_at, comparison=comparison)
        if survey_order is PairOrder.VALID and off_protocol and (assignment_id, pupil_id) in off_protocol.survey:
            entry.survey_off_protocol += 1
            survey_order = None
        entry.survey_pairs += survey_order is PairOrder.VALID
        entry.left_out("survey", survey_order)
        if survey_orders is not None:
            survey_orders[assignment_id, pupil_id] = survey_order
        follow_up_order = pair_order(pre_survey_at, lesson_at, follow_up_at, comparison=comparison)
        if follow_up_order is PairOrder.VALID and off_protocol and (assignment_id, pupil_id) in off_protocol.follow_up:
            entry.follow_up_off_protocol += 1
            follow_up_order = None
        follow_up = follow_up_order is PairOrder.VALID
        entry.follow_up_pairs += follow_up
        entry.follow_up_retained += follow_up and survey_order is PairOrder.VALID
        if follow_up_orders is not None:
            follow_up_orders[assignment_id, pupil_id] = follow_up_order
        if before is not None:
            entry.baseline.add(before, has_post=after is not None)
        entry.flow.add(
            step_reached(
                pre=pre_quiz_at is not None or pre_survey_at is not None,
                lessons_complete=lessons_total > 0 and lessons_done >= lessons_total,
                post=post_quiz_at is not None or post_survey_at is not None,
                matched=knowledge_order is PairOrder.VALID or survey_order is PairOrder.VALID,
                follow_up=follow_up,
            )
        )

    members = ClassMembership.objects.filter(
        in_years("school_class__", years), removed_at__isnull=True, school_class__school_id=school_id
    ).values_list("pupil_id", "school_class_id")
    for pupil_id, class_id in members.iterator():
        pupil = pupils.get(pupil_id)
        if pupil is None:
            continue
        for assignment_id in by_class.get(class_id, ()):
            if (assignment_id, pupil_id) not in counted:
                entry = totals[(*assignments[assignment_id], pupil.gender)]
                entry.assigned += 1
                entry.in_evaluation += pupil.in_evaluation
                if not pupil.in_evaluation:
                    entry.flow.exclude(withdrawn=pupil.withdrawn)
    return totals
