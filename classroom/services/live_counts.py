"""What the projected screen shows during a live lesson: counts only, never names.

How many pupils joined and how many answered the open activity are always shown. How the
class answered (each choice's count, or each quiz question's share right) is shown only
once at least ``MIN_ANSWERS_FOR_RESULT`` pupils have answered, so no one's answer can be
picked out; survey answers and the quiz before the lessons never show a result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q

from classroom.models import Attendance, LiveActivity, LiveAnswer, LiveSession
from learning.models import ActivityKind, QuizAnswer, QuizAttempt, SurveyResponse

from .live import QUIZ_WAVES, SURVEY_WAVES, current_activity

MIN_ANSWERS_FOR_RESULT = 5
COUNTS_TTL = 2


@dataclass
class ChoiceCount:
    text: str
    count: int
    percent: int
    correct: bool = False
    recommended: bool = False


@dataclass
class QuestionCount:
    number: int
    text: str
    right: int
    percent: int


@dataclass
class LiveCounts:
    revision: int
    joined: int
    activity_key: str = ""
    activity_label: str = ""
    activity_kind: str = ""
    answered: int = 0
    shows_result: bool = False
    # Why no result is shown, when one could be: too few answers so far.
    waiting_for: int = 0
    choices: list[ChoiceCount] = field(default_factory=list)
    questions: list[QuestionCount] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """The counts in one sentence, announced to screen readers when they change."""
        joined = f"{self.joined} joined"
        return f"{joined}, {self.answered} answered" if self.activity_key else joined

    @property
    def digest(self) -> str:
        """Changes whenever anything shown changes, so screens redraw only then."""
        parts = [self.revision, self.joined, self.answered, self.shows_result]
        parts += [choice.count for choice in self.choices] + [question.right for question in self.questions]
        return "-".join(str(part) for part in parts)


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _attending_pupils(session: LiveSession):
    return Attendance.objects.filter(session=session).values("pupil_id")


def _block_counts(counts: LiveCounts, session: LiveSession, block) -> None:
    # This lesson's answers only: a class taught the lesson again starts from nothing.
    rows = dict(
        LiveAnswer.objects.filter(attendance__session=session, block_id=block.id)
        .values_list("choice")
        .annotate(n=Count("id"))
    )
    counts.answered = sum(rows.values())
    if counts.answered >= MIN_ANSWERS_FOR_RESULT:
        counts.shows_result = True
        is_check = block.block_type == ActivityKind.KNOWLEDGE_CHECK
        counts.choices = [
            ChoiceCount(
                text=choice["text"],
                count=rows.get(index, 0),
                percent=_percent(rows.get(index, 0), counts.answered),
                correct=bool(choice.get("correct")) if is_check else False,
                recommended=bool(choice.get("recommended")) if not is_check else False,
            )
            for index, choice in enumerate(block.value["choices"])
        ]


def _quiz_counts(counts: LiveCounts, session: LiveSession, wave: str) -> None:
    attempts = QuizAttempt.objects.filter(
        assignment_id=session.assignment_id,
        wave=wave,
        pupil_id__in=_attending_pupils(session),
        submitted_at__gte=session.started_at,
    ).order_by("submitted_at", "pk")
    firsts: dict[int, tuple[int, dict]] = {}
    for attempt_id, pupil_id, definition in attempts.values_list("pk", "pupil_id", "quiz_version__definition"):
        firsts.setdefault(pupil_id, (attempt_id, definition))
    counts.answered = len(firsts)
    # The quiz before the lessons shows no result: the answers would teach the quiz.
    if wave != QUIZ_WAVES[LiveActivity.QUIZ] or counts.answered < MIN_ANSWERS_FOR_RESULT:
        return
    counts.shows_result = True
    right = dict(
        QuizAnswer.objects.filter(attempt_id__in=[attempt_id for attempt_id, _ in firsts.values()])
        .values_list("question_key")
        .annotate(n=Count("id", filter=Q(correct=True)))
    )
    definition = next(iter(firsts.values()))[1]
    counts.questions = [
        QuestionCount(
            number=number,
            text=question["text"],
            right=right.get(question["key"], 0),
            percent=_percent(right.get(question["key"], 0), counts.answered),
        )
        for number, question in enumerate(definition["questions"], start=1)
    ]


def _compute(session: LiveSession) -> LiveCounts:
    counts = LiveCounts(
        revision=session.revision, joined=Attendance.objects.filter(session=session, present=True).count()
    )
    activity = current_activity(session)
    if activity is None:
        return counts
    counts.activity_key, counts.activity_label, counts.activity_kind = activity.key, activity.label, activity.kind
    if activity.is_block:
        _block_counts(counts, session, activity.block)
    elif activity.key in QUIZ_WAVES:
        _quiz_counts(counts, session, QUIZ_WAVES[activity.key])
    elif activity.key in SURVEY_WAVES:
        # Survey answers are for the evaluation: only how many answered, never what.
        counts.answered = SurveyResponse.objects.filter(
            assignment_id=session.assignment_id,
            wave=SURVEY_WAVES[activity.key],
            pupil_id__in=_attending_pupils(session),
        ).count()
    if not counts.shows_result and activity.key != LiveActivity.PRE_QUIZ and activity.key not in SURVEY_WAVES:
        counts.waiting_for = max(MIN_ANSWERS_FOR_RESULT - counts.answered, 0)
    return counts


def live_counts(session: LiveSession) -> LiveCounts:
    """The counts for the projected and teacher's screens, cached a moment per session and revision."""
    key = f"classroom:live:{session.pk}:counts:{session.revision}"
    counts = cache.get(key)
    if counts is None:
        counts = _compute(session)
        cache.set(key, counts, COUNTS_TTL)
    return counts
