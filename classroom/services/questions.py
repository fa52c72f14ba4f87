"""The anonymous question box: pupils ask without their name; only the school's DSL can learn who asked.

Who asked is stored so that a worry about someone's safety can reach the designated
safeguarding lead (DSL). Teachers see the question text only. Passing a question to the
DSL, and every time the DSL looks at who asked, is written to the school's audit log,
whose entries name the question and the class but never the pupil.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from classroom.models import AnonymousQuestion, LiveSession, QuestionStatus
from classroom.models.live import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH
from classroom.permissions import user_can_see_question_identity
from schools.models import AuditAction, Pupil, SchoolClass
from schools.services.audit import record_audit

# A pupil can post this many questions an hour: enough to ask, too few to flood the box.
QUESTIONS_PER_HOUR = 5
# Questions and answers are deleted this long after they were asked.
QUESTION_RETENTION = timedelta(days=settings.RETENTION_ANONYMOUS_QUESTIONS_DAYS)


class QuestionRejectedError(ValueError):
    """The question or answer cannot be kept; the message is for the person who wrote it."""


class NoSafeguardingAccountError(Exception):
    """The school has not linked its safeguarding lead to a staff account."""


def _clean(text: str, *, limit: int, empty: str) -> str:
    cleaned = "\n".join(" ".join(line.split()) for line in text.strip().splitlines()).strip()
    if not cleaned:
        raise QuestionRejectedError(empty)
    if len(cleaned) > limit:
        raise QuestionRejectedError(f"Keep it to {limit} characters or fewer.")
    return cleaned


def ask_question(*, pupil: Pupil, school_class: SchoolClass, text: str) -> AnonymousQuestion:
    """Post a pupil's question to their class's box, linked to the live lesson if one is running.

    Raises QuestionRejectedError for a pupil not in the class now, an empty or too long
    question, or more than ``QUESTIONS_PER_HOUR`` questions in the last hour.
    """
    in_class = school_class.memberships.current().filter(pupil=pupil).exists()
    if not in_class or school_class.is_archived or pupil.school_id != school_class.school_id:
        raise QuestionRejectedError("You can only ask questions in your own class.")
    cleaned = _clean(text, limit=QUESTION_MAX_LENGTH, empty="Write your question.")
    recent = AnonymousQuestion.objects.filter(pupil=pupil, created_at__gte=timezone.now() - timedelta(hours=1))
    if recent.count() >= QUESTIONS_PER_HOUR:
        raise QuestionRejectedError("You have asked a lot of questions. Wait a while, then ask again.")
    session = LiveSession.objects.open().filter(school_class=school_class).first()
    return AnonymousQuestion.objects.create(school_class=school_class, session=session, pupil=pupil, text=cleaned)


def mark_answered_in_class(*, question: AnonymousQuestion, user: User) -> AnonymousQuestion:
    """The teacher answered the question aloud in class."""
    question.status = QuestionStatus.ANSWERED_IN_CLASS
    question.answered_at = timezone.now()
    question.answered_by = user
    question.save(update_fields=["status", "answered_at", "answered_by"])
    return question


def answer_in_writing(*, question: AnonymousQuestion, user: User, answer: str, shown_text: str) -> AnonymousQuestion:
    """Answer in writing: ``shown_text`` (the question as the teacher edited it) and the answer
    are shown to every pupil of the class.

    The teacher edits the question first to take out names and anything else that could
    identify someone; what the pupil wrote stays in ``text`` for the safeguarding lead's page
    alone. Raises QuestionRejectedError for an empty or too long question or answer.
    """
    shown = _clean(shown_text, limit=QUESTION_MAX_LENGTH, empty="Write the question as the class will read it.")
    question.answer = _clean(answer, limit=ANSWER_MAX_LENGTH, empty="Write your answer.")
    question.shown_text = shown
    question.status = QuestionStatus.ANSWERED_IN_WRITING
    question.answered_at = timezone.now()
    question.answered_by = user
    question.save(update_fields=["answer", "shown_text", "status", "answered_at", "answered_by"])
    return question


def set_hidden(*, question: AnonymousQuestion, hidden: bool) -> AnonymousQuestion:
    """Hide a question (unkind, off topic, a duplicate), or bring it back as not answered."""
    question.status = QuestionStatus.HIDDEN if hidden else QuestionStatus.NEW
    question.save(update_fields=["status"])
    return question


@transaction.atomic
def pass_to_dsl(*, question: AnonymousQuestion, user: User) -> AnonymousQuestion:
    """Pass a question to the school's DSL, who may then see who asked. Idempotent; audit-logged.

    The teacher still never sees who asked. Raises NoSafeguardingAccountError when the
    school has not linked its DSL to a staff account (the teacher must then speak to the
    DSL in person).
    """
    school = question.school_class.school
    if school.dsl_user_id is None:
        raise NoSafeguardingAccountError
    if question.passed_to_dsl_at is not None:
        return question
    question.passed_to_dsl_at = timezone.now()
    question.passed_by = user
    question.save(update_fields=["passed_to_dsl_at", "passed_by"])
    record_audit(
        actor=user,
        school=school,
        action=AuditAction.QUESTION_PASSED_TO_DSL,
        summary=f"Passed an anonymous question from {question.school_class.name} to the safeguarding lead",
        target=question,
        detail={"question": question.pk, "class": question.school_class_id},
    )
    return question


def questions_for_dsl(*, user: User):
    """Questions passed to the DSL of the schools where ``user`` is the DSL's account."""
    if not user.is_authenticated or not user.is_active:
        return AnonymousQuestion.objects.none()
    return (
        AnonymousQuestion.objects.passed_to_dsl()
        .filter(school_class__school__dsl_user=user)
        .select_related("school_class__school")
    )


@transaction.atomic
def reveal_asker(*, question: AnonymousQuestion, user: User) -> Pupil:
    """Who asked the question, for the school's DSL only; each look is audit-logged.

    The first look marks the question opened, so it no longer counts as waiting for the DSL.

    Raises PermissionError for anyone else, and for a question not passed to the DSL.
    """
    if not user_can_see_question_identity(user, question):
        raise PermissionError("Only the school's safeguarding lead can see who asked.")
    if question.dsl_opened_at is None:
        question.dsl_opened_at = timezone.now()
        question.save(update_fields=["dsl_opened_at"])
    record_audit(
        actor=user,
        school=question.school_class.school,
        action=AuditAction.QUESTION_IDENTITY_VIEWED,
        summary=f"The safeguarding lead looked at who asked a question from {question.school_class.name}",
        target=question,
        detail={"question": question.pk, "class": question.school_class_id},
    )
    return question.pupil


def delete_expired_questions(*, now: datetime | None = None) -> int:
    """Delete questions (and their answers) asked more than ``QUESTION_RETENTION`` ago; returns how many.

    Questions passed to the DSL go too: the DSL records a concern in the school's own
    safeguarding records, not here.
    """
    cutoff = (now or timezone.now()) - QUESTION_RETENTION
    deleted, _ = AnonymousQuestion.objects.filter(created_at__lt=cutoff).delete()
    return deleted
