"""What a pupil did in the learning app: lesson and module progress, quizzes, surveys and activity answers.

Each list is read in a fixed number of queries, however many records the pupil has.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from schools.models import Pupil

from .values import module_reference, objects, when


def lesson_progress(pupil: Pupil) -> list[dict[str, Any]]:
    rows = (
        objects("learning.LessonProgress")
        .filter(pupil=pupil)
        .select_related("lesson", "assignment__module", "assignment__school_class")
        .order_by("started_at", "pk")
    )
    return [
        {
            **module_reference(p.assignment),
            "lesson": p.lesson.title,
            "started_at": when(p.started_at),
            "updated_at": when(p.updated_at),
            "last_slide": p.last_position,
            "completed_at": when(p.completed_at),
            "taught_in_class": p.taught_in_class,
        }
        for p in rows
    ]


def module_progress(pupil: Pupil) -> list[dict[str, Any]]:
    rows = (
        objects("learning.ModuleProgress")
        .filter(pupil=pupil)
        .select_related("assignment__module", "assignment__school_class")
        .order_by("assignment__opens_on", "pk")
    )
    return [
        {
            **module_reference(p.assignment),
            "lessons_done": p.lessons_done,
            "lessons_total": p.lessons_total,
            "first_activity_at": when(p.first_activity_at),
            "last_activity_at": when(p.last_activity_at),
            "completed_at": when(p.completed_at),
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


def quiz_attempts(pupil: Pupil) -> list[dict[str, Any]]:
    answers = objects("learning.QuizAnswer").order_by("pk")
    rows = (
        objects("learning.QuizAttempt")
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
                **module_reference(attempt.assignment),
                "quiz": attempt.quiz_version.quiz.title,
                "quiz_version": attempt.quiz_version.number,
                "wave": attempt.wave,
                "wave_label": attempt.get_wave_display(),
                "attempt_number": attempt.number,
                "counts_for_evaluation": attempt.counts_for_evaluation,
                "started_at": when(attempt.started_at),
                "submitted_at": when(attempt.submitted_at),
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


def survey_responses(pupil: Pupil) -> list[dict[str, Any]]:
    answers = objects("learning.SurveyAnswer").order_by("pk")
    rows = (
        objects("learning.SurveyResponse")
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
                **module_reference(response.assignment),
                "survey": response.survey_version.survey.title,
                "survey_version": response.survey_version.number,
                "wave": response.wave,
                "wave_label": response.get_wave_display(),
                "started_at": when(response.started_at),
                "submitted_at": when(response.submitted_at),
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


def activity_answers(pupil: Pupil) -> list[dict[str, Any]]:
    rows = (
        objects("learning.ActivityAnswer")
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
                **module_reference(answer.assignment),
                "lesson": answer.lesson.title,
                "block_id": answer.block_id,
                "kind": answer.kind,
                "kind_label": answer.get_kind_display(),
                "question": block.get("question", ""),
                "choice": answer.choice,
                "choice_text": choices[answer.choice].get("text", "") if answer.choice < len(choices) else "",
                "correct": answer.correct,
                "in_class": answer.in_class,
                "answered_at": when(answer.answered_at),
            }
        )
    return answers
