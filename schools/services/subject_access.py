"""Everything held about one pupil, for a subject access request (UK GDPR Article 15).

``collect_pupil_data`` gathers it as plain data (JSON-serialisable, stable keys, ISO 8601
dates) in a fixed number of queries, however much the pupil has done.
``produce_subject_access`` is what a school lead's request goes through: it refuses an erased
pupil, collects the data and writes the reason to the audit log.

A pupil's record spans the apps built on top of schools (learning: what they did; classroom:
live lessons and questions). Those apps depend on schools, so their models are reached
through the app registry rather than imported: the import graph stays one-way.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from accounts.models import User
from schools.models import Assignment, AuditAction, AuditEvent, ClassMembership, Gender, Pupil

from .audit import record_audit

FORMAT = "respect-online/subject-access/1"

# The sections, in the order they are shown; each is a list of records except "pupil".
SECTIONS = (
    "pupil",
    "class_memberships",
    "assignments",
    "lesson_progress",
    "module_progress",
    "quiz_attempts",
    "survey_responses",
    "activity_answers",
    "live_sessions",
    "questions",
    "audit_events",
)

EXPLANATIONS = {
    "pupil": "The pupil's details as the school entered them. There is no email address and no password.",
    "research_key": (
        "A random identifier that stands for the pupil in the evaluation data given to the "
        "programme's independent evaluator, in place of their name. It does not say who the pupil is. "
        "Quote it when asking for the pupil's answers to be taken out of the evaluation."
    ),
    "class_memberships": "The classes the pupil has been in, with the dates they joined and left.",
    "assignments": "The modules set for those classes.",
    "lesson_progress": "How far the pupil got in each lesson.",
    "module_progress": "A summary of each module: lessons done, quiz scores and whether the surveys were answered.",
    "quiz_attempts": "Each quiz the pupil sent, with every answer they chose.",
    "survey_responses": "Each survey the pupil sent, with every answer, including anything they wrote.",
    "activity_answers": "The pupil's first answer to each quick check and scenario inside a lesson.",
    "live_sessions": (
        "Lessons taught live to the pupil's class, whether the register shows them there, "
        "and the quick checks and scenarios they answered in each."
    ),
    "questions": (
        "Questions the pupil asked in their class's anonymous question box. Teachers see the question, "
        "never who asked it."
    ),
    "audit_events": "Actions staff took on the pupil's record, from the school's audit log.",
}

NOT_INCLUDED = (
    "The pupil's personal login code: it is stored only in a scrambled form that cannot be turned back into the code.",
    "The pupil's UPN, if the school's pupil list had one: it is stored only in a scrambled form, "
    "to recognise the pupil when the list is uploaded again.",
    "Whether a question was passed to the designated safeguarding lead: that is a safeguarding record, "
    "which the school's safeguarding lead considers separately.",
    "Requests the pupil made to talk to the designated safeguarding lead: they are a safeguarding record, "
    "which the school's safeguarding lead considers separately.",
    "Published reports and evaluation figures: they are counts and averages of many pupils and never show one pupil.",
)


class PupilErasedError(Exception):
    """The pupil's identity has been erased: nothing identifiable is left to produce."""


def _when(value: datetime.date | datetime.datetime | None) -> str | None:
    """ISO 8601: a date as a date; a moment in UK local time, to the second, with its offset."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _objects(label: str) -> Any:
    """The default manager of a model of an app built on schools (see the module docstring)."""
    return apps.get_model(label)._default_manager


def _module(assignment: Assignment) -> dict[str, Any]:
    return {"assignment_id": assignment.pk, "module": assignment.module.title, "class": assignment.school_class.name}


def _pupil(pupil: Pupil) -> dict[str, Any]:
    return {
        "first_name": pupil.first_name,
        "last_name": pupil.last_name,
        "year_group": pupil.year_group,
        "gender": pupil.gender,
        "gender_label": dict(Gender.choices).get(pupil.gender, pupil.gender),
        "school": {"name": pupil.school.name, "urn": pupil.school.urn},
        "research_key": str(pupil.research_key),
        "created_at": _when(pupil.created_at),
        "login_code_changed_at": _when(pupil.login_code_changed_at),
        "in_evaluation": pupil.in_evaluation,
        "opted_out_on": _when(pupil.opted_out_at),
        "withdrawn_on": _when(pupil.withdrawn_at),
    }


def _memberships(memberships: Iterable[ClassMembership]) -> list[dict[str, Any]]:
    return [
        {
            "class": m.school_class.name,
            "academic_year": m.school_class.academic_year_label,
            "year_group": m.school_class.year_group,
            "added_at": _when(m.added_at),
            "removed_at": _when(m.removed_at),
        }
        for m in memberships
    ]


def _assignments(class_ids: list[int]) -> list[dict[str, Any]]:
    rows = (
        Assignment.objects.filter(school_class_id__in=class_ids)
        .select_related("module", "school_class")
        .order_by("opens_on", "pk")
    )
    return [
        {
            **_module(a),
            "opens_on": _when(a.opens_on),
            "due_on": _when(a.due_on),
            "delivery": a.delivery,
            "delivery_label": a.get_delivery_display(),
            "include_surveys": a.include_surveys,
        }
        for a in rows
    ]


def _lesson_progress(pupil: Pupil) -> list[dict[str, Any]]:
    rows = (
        _objects("learning.LessonProgress")
        .filter(pupil=pupil)
        .select_related("lesson", "assignment__module", "assignment__school_class")
        .order_by("started_at", "pk")
    )
    return [
        {
            **_module(p.assignment),
            "lesson": p.lesson.title,
            "started_at": _when(p.started_at),
            "updated_at": _when(p.updated_at),
            "last_slide": p.last_position,
            "completed_at": _when(p.completed_at),
            "taught_in_class": p.taught_in_class,
        }
        for p in rows
    ]


def _module_progress(pupil: Pupil) -> list[dict[str, Any]]:
    rows = (
        _objects("learning.ModuleProgress")
        .filter(pupil=pupil)
        .select_related("assignment__module", "assignment__school_class")
        .order_by("assignment__opens_on", "pk")
    )
    return [
        {
            **_module(p.assignment),
            "lessons_done": p.lessons_done,
            "lessons_total": p.lessons_total,
            "first_activity_at": _when(p.first_activity_at),
            "last_activity_at": _when(p.last_activity_at),
            "completed_at": _when(p.completed_at),
            "pre_quiz_score": p.pre_score,
            "pre_quiz_max_score": p.pre_max_score,
            "quiz_attempts": p.quiz_attempts,
            "first_score": p.first_score,
            "best_score": p.best_score,
            "max_score": p.max_score,
            "passed": p.passed,
            "pre_survey_done": p.pre_survey_done,
            "post_survey_done": p.post_survey_done,
        }
        for p in rows
    ]


def _quiz_attempts(pupil: Pupil) -> list[dict[str, Any]]:
    answers = _objects("learning.QuizAnswer").order_by("pk")
    rows = (
        _objects("learning.QuizAttempt")
        .filter(pupil=pupil)
        .select_related("quiz_version__quiz", "assignment__module", "assignment__school_class")
        .prefetch_related(Prefetch("answers", queryset=answers))
        .order_by("submitted_at", "pk")
    )
    attempts = []
    for attempt in rows:
        questions = {q["key"]: q for q in attempt.quiz_version.definition.get("questions", [])}
        given = []
        for answer in attempt.answers.all():
            question = questions.get(answer.question_key, {})
            choices = {c["key"]: c["text"] for c in question.get("choices", [])}
            given.append(
                {
                    "question_key": answer.question_key,
                    "question": question.get("text", ""),
                    "selected": list(answer.selected),
                    "selected_text": [choices.get(key, key) for key in answer.selected],
                    "correct": answer.correct,
                    "points": answer.points,
                }
            )
        attempts.append(
            {
                **_module(attempt.assignment),
                "quiz": attempt.quiz_version.quiz.title,
                "quiz_version": attempt.quiz_version.number,
                "wave": attempt.wave,
                "wave_label": attempt.get_wave_display(),
                "attempt_number": attempt.number,
                "counts_for_evaluation": attempt.counts_for_evaluation,
                "started_at": _when(attempt.started_at),
                "submitted_at": _when(attempt.submitted_at),
                "score": attempt.score,
                "max_score": attempt.max_score,
                "passed": attempt.passed,
                "answers": given,
            }
        )
    return attempts


def _likert_label(item: dict, value: int | None) -> str:
    labels = item.get("labels") or []
    index = value - item.get("min", 1) if value is not None else -1
    return labels[index] if 0 <= index < len(labels) else ""


def _survey_responses(pupil: Pupil) -> list[dict[str, Any]]:
    answers = _objects("learning.SurveyAnswer").order_by("pk")
    rows = (
        _objects("learning.SurveyResponse")
        .filter(pupil=pupil)
        .select_related("survey_version__survey", "assignment__module", "assignment__school_class")
        .prefetch_related(Prefetch("answers", queryset=answers))
        .order_by("submitted_at", "pk")
    )
    responses = []
    for response in rows:
        items = {i["key"]: i for i in response.survey_version.definition.get("items", [])}
        given = []
        for answer in response.answers.all():
            item = items.get(answer.item_key, {})
            given.append(
                {
                    "item_key": answer.item_key,
                    "item": item.get("text", ""),
                    "type": item.get("type", ""),
                    "skipped": answer.skipped,
                    "value": answer.value,
                    "value_label": _likert_label(item, answer.value),
                    "text": answer.text,
                    "disclosure_sensitive": bool(item.get("sensitive", False)),
                }
            )
        responses.append(
            {
                **_module(response.assignment),
                "survey": response.survey_version.survey.title,
                "survey_version": response.survey_version.number,
                "wave": response.wave,
                "wave_label": response.get_wave_display(),
                "started_at": _when(response.started_at),
                "submitted_at": _when(response.submitted_at),
                "skipped_whole_survey": response.skipped,
                "answers": given,
            }
        )
    return responses


def _lesson_block(lesson: Any, block_id: str) -> dict:
    """The raw value of a lesson block, read from the page already loaded (no query)."""
    for block in lesson.body.raw_data:
        if block.get("id") == block_id:
            return block.get("value") or {}
    return {}


def _activity_answers(pupil: Pupil) -> list[dict[str, Any]]:
    rows = (
        _objects("learning.ActivityAnswer")
        .filter(pupil=pupil)
        .select_related("lesson", "assignment__module", "assignment__school_class")
        .order_by("answered_at", "pk")
    )
    answers = []
    for answer in rows:
        block = _lesson_block(answer.lesson, answer.block_id)
        choices = block.get("choices") or []
        answers.append(
            {
                **_module(answer.assignment),
                "lesson": answer.lesson.title,
                "block_id": answer.block_id,
                "kind": answer.kind,
                "kind_label": answer.get_kind_display(),
                "question": block.get("question", ""),
                "choice": answer.choice,
                "choice_text": choices[answer.choice].get("text", "") if answer.choice < len(choices) else "",
                "correct": answer.correct,
                "in_class": answer.in_class,
                "answered_at": _when(answer.answered_at),
            }
        )
    return answers


def _live_sessions(pupil: Pupil) -> list[dict[str, Any]]:
    rows = (
        _objects("classroom.Attendance")
        .filter(pupil=pupil)
        .select_related("session__lesson", "session__school_class")
        .prefetch_related("answers")
        .order_by("session__started_at", "pk")
    )
    return [
        {
            "class": a.session.school_class.name,
            "lesson": a.session.lesson.title,
            "started_at": _when(a.session.started_at),
            "ended_at": _when(a.session.ended_at),
            "present": a.present,
            "joined_at": _when(a.joined_at),
            "source": a.source,
            "source_label": a.get_source_display(),
            "answers": [
                {"block_id": answer.block_id, "choice": answer.choice, "answered_at": _when(answer.answered_at)}
                for answer in sorted(a.answers.all(), key=lambda answer: (answer.answered_at, answer.pk))
            ],
        }
        for a in rows
    ]


def _questions(pupil: Pupil) -> list[dict[str, Any]]:
    rows = (
        _objects("classroom.AnonymousQuestion")
        .filter(pupil=pupil)
        .select_related("school_class")
        .order_by("created_at", "pk")
    )
    return [
        {
            "class": q.school_class.name,
            "asked_at": _when(q.created_at),
            "text": q.text,
            "status": q.status,
            "status_label": q.get_status_display(),
            "answer": q.answer,
            "answered_at": _when(q.answered_at),
        }
        for q in rows
    ]


def _audit_events(pupil: Pupil) -> list[dict[str, Any]]:
    rows = AuditEvent.objects.filter(target_type=Pupil._meta.label, target_id=str(pupil.pk)).order_by(
        "created_at", "pk"
    )
    return [
        {
            "at": _when(e.created_at),
            "action": e.action,
            "action_label": e.get_action_display(),
            "summary": e.summary,
        }
        for e in rows
    ]


def collect_pupil_data(*, pupil: Pupil) -> dict[str, Any]:
    """Everything held about the pupil, as plain data: identity, classes, learning records,
    live lessons, questions asked and the audit entries about them.

    Never included: the login code (stored only as a keyed hash), the UPN hash, and whether a
    question went to the safeguarding lead (see ``NOT_INCLUDED``). Runs a fixed number of
    queries (about a dozen) whatever the number of records.
    """
    memberships = list(
        ClassMembership.objects.filter(pupil=pupil).select_related("school_class").order_by("added_at", "pk")
    )
    class_ids = sorted({m.school_class_id for m in memberships})
    return {
        "format": FORMAT,
        "produced_at": _when(timezone.now()),
        "explanations": dict(EXPLANATIONS),
        "not_included": list(NOT_INCLUDED),
        "pupil": _pupil(pupil),
        "class_memberships": _memberships(memberships),
        "assignments": _assignments(class_ids),
        "lesson_progress": _lesson_progress(pupil),
        "module_progress": _module_progress(pupil),
        "quiz_attempts": _quiz_attempts(pupil),
        "survey_responses": _survey_responses(pupil),
        "activity_answers": _activity_answers(pupil),
        "live_sessions": _live_sessions(pupil),
        "questions": _questions(pupil),
        "audit_events": _audit_events(pupil),
    }


@transaction.atomic
def produce_subject_access(
    *, pupil: Pupil, actor: User, reason: str, output: str, ip_address: str | None
) -> dict[str, Any]:
    """Collect the pupil's data for a rights request and record who produced it, why and how.

    ``output`` says what it was produced as ("page" or "json"); each production is one
    SUBJECT_ACCESS audit entry, naming the pupil, with the reason and output in its detail
    and the request's address. Raises PupilErasedError for a pupil already erased.
    """
    if pupil.erased_at is not None:
        raise PupilErasedError("This pupil's identity has been erased.")
    data = collect_pupil_data(pupil=pupil)
    record_audit(
        actor=actor,
        school=pupil.school,
        action=AuditAction.SUBJECT_ACCESS,
        summary=f"Produced the data held about {pupil.display_name} ({'download' if output == 'json' else 'page'})",
        target=pupil,
        detail={"reason": reason, "output": output},
        ip_address=ip_address,
    )
    return data
