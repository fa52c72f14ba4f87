"""Pupils' pre, post and follow-up survey answers, stored exactly once, and follow-up windows."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from courses.models import SurveyVersion
from learning.models import FollowUpWindow, SurveyAnswer, SurveyResponse, Wave
from learning.scoring import SubmissionRejectedError
from schools.models import Assignment, Pupil

from .progress import locked_progress, recompute_progress, surveys_apply
from .quizzes import pupil_in_assignment
from .waves import SURVEY, after_refusal, pre_refusal

MAX_FREE_TEXT = 1000
NOTHING_ANSWERED = (
    "You have not answered any of the questions. "
    + "Answer at least one, or choose “Skip the survey” if you would rather not."
)


ALREADY_SENT = "You have already sent your answers to this survey."
FOLLOW_UP_CLOSED = "The follow-up survey is not open now."


def wave_refusal(*, pupil: Pupil, assignment: Assignment, wave: str, today: datetime.date | None = None) -> str | None:
    """Why the survey of this wave is not open to the pupil now, or None (ignores whether surveys apply).

    - pre: once, before the pupil starts the lessons and never after the post survey.
    - post: once, once every lesson is complete.
    - follow_up: once, on a day inside one of the assignment's follow-up windows, once every
      lesson is complete.

    The order rules are ``learning.services.waves``.
    """
    if wave not in Wave.values:
        return "Unknown survey stage."
    answered = set(SurveyResponse.objects.filter(pupil=pupil, assignment=assignment).values_list("wave", flat=True))
    if wave in answered:
        return ALREADY_SENT
    if wave == Wave.PRE:
        return pre_refusal(pupil=pupil, assignment=assignment, instrument=SURVEY, answered_after=Wave.POST in answered)
    if wave == Wave.FOLLOW_UP:
        today = today or timezone.localdate()
        if not FollowUpWindow.objects.filter(assignment=assignment, opens_on__lte=today, closes_on__gte=today).exists():
            return FOLLOW_UP_CLOSED
    return after_refusal(pupil=pupil, assignment=assignment, instrument=SURVEY, wave=wave)


def wave_is_open(*, pupil: Pupil, assignment: Assignment, wave: str, today: datetime.date | None = None) -> bool:
    """Whether the pupil may answer the survey of this wave now (see ``wave_refusal``)."""
    return wave_refusal(pupil=pupil, assignment=assignment, wave=wave, today=today) is None


def survey_offered(*, pupil: Pupil, assignment: Assignment, wave: str) -> bool:
    """Whether to show this pupil the survey of this wave now: surveys apply and the wave is open."""
    return surveys_apply(pupil=pupil, assignment=assignment) and wave_is_open(
        pupil=pupil, assignment=assignment, wave=wave
    )


def _clean_answers(definition: Mapping, answers: Mapping[str, str]) -> list[SurveyAnswer]:
    """Check answers against the version's items; one unsaved SurveyAnswer per item (left out = skipped)."""
    items = {item["key"]: item for item in definition["items"]}
    if set(answers) - set(items):
        raise SubmissionRejectedError("This survey has changed since you opened it. Please open it again.")
    rows = []
    for key, item in items.items():
        given = str(answers.get(key, "")).strip()
        if not given:
            rows.append(SurveyAnswer(item_key=key, skipped=True))
        elif item["type"] == "likert":
            try:
                value = int(given)
            except ValueError:
                raise SubmissionRejectedError("One of the answers is not a choice in this survey.") from None
            if not item["min"] <= value <= item["max"]:
                raise SubmissionRejectedError("One of the answers is not a choice in this survey.")
            rows.append(SurveyAnswer(item_key=key, value=value))
        elif item["type"] == "free_text":
            if len(given) > MAX_FREE_TEXT:
                raise SubmissionRejectedError(f"Please keep your answer to {MAX_FREE_TEXT} characters or fewer.")
            rows.append(SurveyAnswer(item_key=key, text=given))
        else:
            raise SubmissionRejectedError("This survey has changed since you opened it. Please open it again.")
    if all(row.skipped for row in rows):
        # Sending an empty form is a mis-tap, not an answer: skipping the survey is its own choice.
        raise SubmissionRejectedError(NOTHING_ANSWERED)
    return rows


@transaction.atomic
def submit_survey_response(
    *,
    pupil: Pupil,
    assignment: Assignment,
    version: SurveyVersion,
    answers: Mapping[str, str],
    key: uuid.UUID,
    wave: str,
    skipped: bool = False,
    started_at: datetime.datetime | None = None,
) -> SurveyResponse:
    """Store one pupil's survey answers for one wave, exactly once.

    ``key`` is generated when the survey is shown: a double click, a retry or a resubmitted
    form sends the same key and gets back the response already stored. Answers are checked
    against ``version`` (the one the pupil was given, even if an editor has made a newer
    one since): each key must be an item of it, Likert values whole numbers within the
    item's range, text only for free-text items and at most 1000 characters. Items left
    out are stored as skipped, but at least one must be answered: an empty form is not a
    response. ``skipped=True`` skips the whole survey (no answers kept, but the survey
    counts as offered). The response, its answers, the version lock and the
    pupil's ModuleProgress change in one transaction.

    Raises SubmissionRejectedError (nothing stored) for a pupil outside the assignment or
    out of the evaluation, a survey that is not this module's or not included, a wave that
    is not open now (with the reason, see ``wave_refusal``), no answer at all, or invalid answers.
    """
    if assignment.school_class.school_id != pupil.school_id or not pupil_in_assignment(pupil, assignment):
        raise SubmissionRejectedError("This survey is not set for you.")
    if not pupil.in_evaluation:
        raise SubmissionRejectedError("You do not need to answer this survey.")
    survey_id = assignment.module.attitude_survey_id
    if not assignment.include_surveys or survey_id is None or version.survey_id != survey_id:
        raise SubmissionRejectedError("This survey is not part of this module.")
    if wave not in Wave.values:
        raise SubmissionRejectedError("Unknown survey stage.")
    rows = [] if skipped else _clean_answers(version.definition, answers)

    progress = locked_progress(pupil=pupil, assignment=assignment)
    existing = SurveyResponse.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if existing.pupil_id != pupil.pk:
            raise SubmissionRejectedError("This survey was already sent from another account.")
        return existing
    refusal = wave_refusal(pupil=pupil, assignment=assignment, wave=wave)
    if refusal is not None:
        raise SubmissionRejectedError(refusal)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                idempotency_key=key,
                pupil=pupil,
                assignment=assignment,
                survey_version=version,
                wave=wave,
                started_at=started_at,
                skipped=skipped,
            )
    except IntegrityError:
        # The same key, or this pupil's answers for this wave, arrived through another connection first.
        existing = SurveyResponse.objects.filter(pupil=pupil, assignment=assignment, wave=wave).first()
        if existing is None:
            raise SubmissionRejectedError("This survey was already sent from another account.") from None
        return existing
    for row in rows:
        row.response = response
    SurveyAnswer.objects.bulk_create(rows)
    version.lock()
    recompute_progress(progress, lessons_changed=False)
    return response


@transaction.atomic
def open_follow_up(
    *, assignment: Assignment, opens_on: datetime.date, closes_on: datetime.date, actor: User | None
) -> FollowUpWindow:
    """Open the follow-up survey for an assignment's pupils between two dates (inclusive).

    The caller checks that ``actor`` teaches the class or leads its school.
    Raises ValidationError if the window closes before it opens.
    """
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "The closing date must be the same as or after the opening date."})
    return FollowUpWindow.objects.create(assignment=assignment, opens_on=opens_on, closes_on=closes_on, opened_by=actor)
