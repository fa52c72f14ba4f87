"""Running a live class lesson: starting it, opening activities, pupils joining, and ending it.

Pupils' devices ask often whether anything changed, so the little they need (the revision
and the open activity) is kept in the cache. ``session_state`` answers from the cache and
reads the database at most once per session every ``STATE_TTL`` seconds per cache, whatever
the number of pupils; every change also clears the entry, so a shared cache (Redis) sees it
at once (and keeps the entry until the next change) and a per-process one (local memory)
within ``STATE_TTL``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from classroom.models import Attendance, AttendanceSource, HiddenSlide, LiveActivity, LiveSession
from classroom.services.delivery import can_start_lesson
from courses.models import LessonPage, QuizVersion, SurveyVersion
from learning.models import ActivityKind, Wave
from learning.services.activities import lesson_activity
from learning.services.waves import lessons_refusal
from schools.models import Assignment, Pupil, SchoolClass

STATE_TTL = 2
# A shared cache (Redis) is told of every change, so its entry can live until the next one.
SHARED_STATE_TTL = 10 * 60
# Answers sent just after the teacher ends the lesson (a slow network) are still kept.
LATE_ANSWER_GRACE = timedelta(minutes=5)

# The activities that are a quiz or survey, and the wave each is stored as.
QUIZ_WAVES: dict[str, str] = {LiveActivity.PRE_QUIZ: Wave.PRE, LiveActivity.QUIZ: Wave.POST}
SURVEY_WAVES: dict[str, str] = {LiveActivity.PRE_SURVEY: Wave.PRE, LiveActivity.POST_SURVEY: Wave.POST}

ALREADY_RUNNING = "A live lesson is already running for this class. End it before you start another."
UNKNOWN_ACTIVITY = "That activity is not part of this lesson."
SESSION_ENDED = "This live lesson has ended."


class SessionRefusedError(Exception):
    """The session cannot start (or change); ``reasons`` says why, in words for the teacher."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Activity:
    """Something the teacher can open on pupils' devices."""

    key: str
    kind: str
    label: str
    block: Any = None

    @property
    def is_block(self) -> bool:
        return self.kind in ActivityKind.values


def lesson_blocks(lesson: LessonPage) -> list[Any]:
    """The lesson's knowledge checks and scenarios, in lesson order."""
    return [child for child in lesson.body if child.block_type in ActivityKind.values]


def _block_label(block: Any) -> str:
    value = block.value
    if block.block_type == ActivityKind.SCENARIO:
        return f"Scenario: {value['title']}"
    return f"Quick check: {value['question']}"


def session_activities(session: LiveSession) -> list[Activity]:
    """What the teacher can open in this session, in teaching order.

    The survey and quiz before the lessons come first, then the lesson's knowledge checks
    and scenarios (less any the teacher hid for the class), then the module quiz and the
    survey after it. Quizzes and surveys are offered only when the module has a recorded
    version of them, and surveys only when the assignment includes them.
    """
    assignment, lesson = session.assignment, session.lesson
    module = assignment.module
    hidden = set(
        HiddenSlide.objects.filter(school_class_id=session.school_class_id, lesson=lesson).values_list(
            "block_id", flat=True
        )
    )
    has_quiz = (
        module.knowledge_quiz_id is not None and QuizVersion.objects.filter(quiz_id=module.knowledge_quiz_id).exists()
    )
    has_survey = (
        assignment.include_surveys
        and module.attitude_survey_id is not None
        and SurveyVersion.objects.filter(survey_id=module.attitude_survey_id).exists()
    )
    before: list[Activity] = []
    after: list[Activity] = []
    if has_survey:
        before.append(Activity(LiveActivity.PRE_SURVEY, LiveActivity.PRE_SURVEY, LiveActivity.PRE_SURVEY.label))
        after.append(Activity(LiveActivity.POST_SURVEY, LiveActivity.POST_SURVEY, LiveActivity.POST_SURVEY.label))
    if has_quiz:
        if assignment.include_surveys:
            before.append(Activity(LiveActivity.PRE_QUIZ, LiveActivity.PRE_QUIZ, LiveActivity.PRE_QUIZ.label))
        after.insert(0, Activity(LiveActivity.QUIZ, LiveActivity.QUIZ, LiveActivity.QUIZ.label))
    blocks = [
        Activity(block.id, block.block_type, _block_label(block), block)
        for block in lesson_blocks(lesson)
        if block.id not in hidden
    ]
    return before + blocks + after


def find_activity(session: LiveSession, key: str) -> Activity | None:
    """The activity with this key if the teacher may open it in this session (checks what is offered)."""
    return next((activity for activity in session_activities(session) if activity.key == key), None)


def current_activity(session: LiveSession) -> Activity | None:
    """The activity open now. It was checked when opened, so this only reads the lesson (no query)."""
    key = session.current_activity
    if not key:
        return None
    if key in LiveActivity.values:
        return Activity(key, key, LiveActivity(key).label)
    block = lesson_activity(session.lesson, key)
    return Activity(block.id, block.block_type, _block_label(block), block) if block is not None else None


def open_session_for_class(school_class_id: int) -> LiveSession | None:
    return (
        LiveSession.objects.open()
        .filter(school_class_id=school_class_id)
        .select_related("lesson", "assignment__module")
        .first()
    )


def start_session(
    *, school_class: SchoolClass, assignment: Assignment, lesson: LessonPage, teacher: User
) -> LiveSession:
    """Start teaching a lesson live to a class; returns the session (the running one if it is the same lesson).

    The lesson must belong to the assignment's module, the assignment to the class, and
    ``can_start_lesson`` must agree (a sensitive module needs the school's safeguarding
    lead on record and the teacher's checklist). Raises SessionRefusedError with the reasons.
    """
    if assignment.school_class_id != school_class.pk or lesson.get_parent().pk != assignment.module_id:
        raise SessionRefusedError(["This lesson is not part of a module assigned to this class."])
    allowed, reasons = can_start_lesson(school_class=school_class, lesson=lesson, user=teacher)
    if not allowed:
        raise SessionRefusedError(reasons)
    waiting = lessons_refusal(assignment, teacher=True)
    if waiting is not None:
        raise SessionRefusedError([waiting])
    running = LiveSession.objects.open().filter(school_class=school_class).first()
    if running is not None:
        if running.assignment_id == assignment.pk and running.lesson_id == lesson.pk:
            return running
        raise SessionRefusedError([ALREADY_RUNNING])
    try:
        with transaction.atomic():
            session = LiveSession.objects.create(
                school_class=school_class, assignment=assignment, lesson=lesson, teacher=teacher
            )
    except IntegrityError:
        # Started twice at once (a double click): the first one stands.
        running = LiveSession.objects.open().filter(school_class=school_class).first()
        if running is None or running.lesson_id != lesson.pk:
            raise SessionRefusedError([ALREADY_RUNNING]) from None
        return running
    _forget_state(session.pk)
    return session


def _change(session: LiveSession, **fields: Any) -> LiveSession:
    """Save the fields of a running session and move the revision on, so every device notices.

    Raises SessionRefusedError if the session has ended meanwhile (another tab, another teacher).
    """
    changed = LiveSession.objects.filter(pk=session.pk, ended_at__isnull=True).update(
        revision=F("revision") + 1, **fields
    )
    session.refresh_from_db()
    if not changed:
        raise SessionRefusedError([SESSION_ENDED])
    _forget_state(session.pk)
    return session


def open_activity(*, session: LiveSession, key: str) -> LiveSession:
    """Open an activity on the pupils' devices (closing any other). Raises SessionRefusedError."""
    if not session.is_open:
        raise SessionRefusedError([SESSION_ENDED])
    if find_activity(session, key) is None:
        raise SessionRefusedError([UNKNOWN_ACTIVITY])
    return _change(session, current_activity=key, activity_opened_at=timezone.now())


def close_activity(*, session: LiveSession) -> LiveSession:
    """Close the open activity: pupils' devices go back to waiting."""
    if not session.is_open:
        raise SessionRefusedError([SESSION_ENDED])
    return _change(session, current_activity="", activity_opened_at=None)


def end_session(*, session: LiveSession) -> LiveSession:
    """End the live lesson (idempotent). The register is taken afterwards."""
    if not session.is_open:
        return session
    try:
        return _change(session, ended_at=timezone.now(), current_activity="", activity_opened_at=None)
    except SessionRefusedError:
        return session  # ended meanwhile, elsewhere


def pupil_can_join(*, session: LiveSession, pupil: Pupil) -> bool:
    """An open session of a class the pupil is in now."""
    return (
        session.is_open
        and pupil.school_id == session.school_class.school_id
        and session.school_class.memberships.current().filter(pupil=pupil).exists()
    )


def join_session(*, session: LiveSession, pupil: Pupil) -> Attendance:
    """Put a pupil on the register as present because they joined on their device. Idempotent.

    A teacher's correction stands: a pupil the teacher marked absent stays absent.
    Raises SessionRefusedError when the pupil cannot join (not in the class, or it ended).
    """
    if not pupil_can_join(session=session, pupil=pupil):
        raise SessionRefusedError([SESSION_ENDED if not session.is_open else "This lesson is not for your class."])
    try:
        with transaction.atomic():
            row, _ = Attendance.objects.get_or_create(
                session=session,
                pupil=pupil,
                defaults={"joined_at": timezone.now(), "present": True, "source": AttendanceSource.JOINED},
            )
    except IntegrityError:
        row = Attendance.objects.get(session=session, pupil=pupil)
    if row.joined_at is None:
        Attendance.objects.filter(pk=row.pk, joined_at__isnull=True).update(joined_at=timezone.now())
        row.refresh_from_db()
    return row


def has_joined(*, session: LiveSession, pupil: Pupil) -> bool:
    return Attendance.objects.filter(session=session, pupil=pupil, joined_at__isnull=False).exists()


def accepts_answers(session: LiveSession) -> bool:
    """Open sessions, and ended ones for a few minutes (answers already on their way)."""
    return session.ended_at is None or timezone.now() - session.ended_at <= LATE_ANSWER_GRACE


# --- What devices poll ----------------------------------------------------------------------------


def state_cache_key(session_id: int) -> str:
    return f"classroom:live:{session_id}:state"


def _forget_state(session_id: int) -> None:
    cache.delete(state_cache_key(session_id))
    transaction.on_commit(lambda: cache.delete(state_cache_key(session_id)))


def session_state(session_id: int) -> dict[str, Any] | None:
    """The revision, open activity, class and whether it ended; None if there is no such session.

    From the cache when it can (no database query); see the module's docstring.
    """
    key = state_cache_key(session_id)
    state = cache.get(key)
    if state is None:
        row = (
            LiveSession.objects.filter(pk=session_id)
            .values("revision", "current_activity", "school_class_id", "ended_at")
            .first()
        )
        if row is None:
            return None
        state = {
            "revision": row["revision"],
            "activity": row["current_activity"],
            "class": row["school_class_id"],
            "ended": row["ended_at"] is not None,
        }
        cache.set(key, state, SHARED_STATE_TTL if settings.REDIS_URL else STATE_TTL)
    return state
