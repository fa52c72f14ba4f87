"""Knowledge change scored on the quiz questions common to both quiz versions a pupil answered.

A pupil's quiz score before and after the lessons is their first attempt at each
wave (``ModuleProgress.pre_score`` and ``first_score``). When the two attempts
were on versions with different questions (an editor reworded, removed or added
one between the waves), the change is scored only on the questions (by stable key)
identical in both versions: same wording, choices, right answers and points. A
question edited between the waves is then not reported as change in the pupil.

Answer rows are read only for those pairs, in batches; a pair answered on the same
questions keeps the scores its summary holds. Either way the number of questions
the change used is kept for the dashboard.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from courses.models import QuizVersion
from learning.models import QuizAnswer, QuizAttempt, Wave
from reports.rollup_totals import in_years

ANSWER_BATCH = 1000


@dataclass(frozen=True)
class QuizQuestions:
    """One quiz version's questions: each key's points and whole definition, in definition order."""

    points: Mapping[str, int]
    signatures: Mapping[str, str]

    @classmethod
    def from_definition(cls, definition: Mapping) -> QuizQuestions:
        questions = definition.get("questions", [])
        return cls(
            {question["key"]: int(question.get("points", 1)) for question in questions},
            {question["key"]: json.dumps(question, sort_keys=True) for question in questions},
        )

    @property
    def max_points(self) -> int:
        return sum(self.points.values())


def load_quizzes() -> dict[int, QuizQuestions]:
    """Every quiz version's questions (content: a few dozen rows whatever the number of pupils)."""
    return {
        pk: QuizQuestions.from_definition(definition or {})
        for pk, definition in QuizVersion.objects.values_list("pk", "definition")
    }


def common_questions(pre: QuizQuestions, post: QuizQuestions) -> tuple[str, ...]:
    """The questions identical in both versions (same key, same whole definition), in the pre version's order."""
    return tuple(key for key, signature in pre.signatures.items() if post.signatures.get(key) == signature)


def same_questions(pre: QuizQuestions, post: QuizQuestions, common: tuple[str, ...]) -> bool:
    return len(common) == len(pre.signatures) == len(post.signatures)


def percent_on(keys: Iterable[str], questions: QuizQuestions, earned: Mapping[str, int]) -> float | None:
    """Points earned on ``keys`` as a percentage of those questions' points; None when they are worth nothing."""
    keys = tuple(keys)
    available = sum(questions.points[key] for key in keys)
    if not available:
        return None
    return 100.0 * sum(earned.get(key, 0) for key in keys) / available


@dataclass(frozen=True)
class KnowledgePair:
    """How a pupil's knowledge change is scored: on ``questions`` questions; ``before`` and ``after``
    (percent) only when those are fewer than the whole quiz, else the summary's scores stand."""

    questions: int
    before: float | None = None
    after: float | None = None


# (assignment id, pupil id) -> the pupil's knowledge pair.
KnowledgePairs = dict[tuple[int, int], KnowledgePair]


def knowledge_pairs(school_id: int, years: set[int] | None, quizzes: Mapping[int, QuizQuestions]) -> KnowledgePairs:
    """Each pupil's first attempts before and after, scored on the questions common to both versions.

    One streamed query of the school's counting attempts, and one query per
    ``ANSWER_BATCH`` attempts for pairs answered on versions with different questions.
    A pair whose versions share no question maps to ``KnowledgePair(0)``: no change.
    """
    attempts = QuizAttempt.objects.filter(
        in_years("assignment__school_class__", years),
        assignment__school_class__school_id=school_id,
        counts_for_evaluation=True,
        wave__in=[Wave.PRE, Wave.POST],
    ).values_list("pk", "assignment_id", "pupil_id", "wave", "quiz_version_id")
    waves: dict[tuple[int, int], dict[str, tuple[int, int]]] = defaultdict(dict)
    for pk, assignment_id, pupil_id, wave, version_id in attempts.order_by().iterator():
        waves[assignment_id, pupil_id][wave] = (pk, version_id)

    found: KnowledgePairs = {}
    rescore: dict[tuple[int, int], tuple[int, int, QuizQuestions, QuizQuestions, tuple[str, ...]]] = {}
    for key, answered in waves.items():
        if Wave.PRE not in answered or Wave.POST not in answered:
            continue
        (pre_id, pre_version), (post_id, post_version) = answered[Wave.PRE], answered[Wave.POST]
        pre, post = quizzes.get(pre_version), quizzes.get(post_version)
        if pre is None or post is None:
            continue
        common = common_questions(pre, post)
        if same_questions(pre, post, common) or not common:
            found[key] = KnowledgePair(len(common))
        else:
            rescore[key] = (pre_id, post_id, pre, post, common)

    earned = _points_earned([attempt_id for pair in rescore.values() for attempt_id in pair[:2]])
    for key, (pre_id, post_id, pre, post, common) in rescore.items():
        before = percent_on(common, pre, earned.get(pre_id, {}))
        after = percent_on(common, post, earned.get(post_id, {}))
        found[key] = KnowledgePair(len(common), before, after) if before is not None else KnowledgePair(0)
    return found


def _points_earned(attempt_ids: list[int]) -> dict[int, dict[str, int]]:
    """Each attempt's points per question key, read in batches."""
    earned: dict[int, dict[str, int]] = defaultdict(dict)
    for start in range(0, len(attempt_ids), ANSWER_BATCH):
        rows = QuizAnswer.objects.filter(attempt_id__in=attempt_ids[start : start + ANSWER_BATCH]).values_list(
            "attempt_id", "question_key", "points"
        )
        for attempt_id, question_key, points in rows:
            earned[attempt_id][question_key] = points
    return earned
