"""The retention periods, read from settings (``config/settings/privacy.py``) and checked.

One list serves the nightly run, the platform admins' page and the privacy notice, so what
the notice promises is what the run does.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PUPIL_IDENTITY = "pupil_identity"
LEARNING_RECORDS = "learning_records"
SURVEY_FREE_TEXT = "survey_free_text"
ANONYMOUS_QUESTIONS = "anonymous_questions"
TALK_REQUESTS = "talk_requests"
ROSTER_UPLOADS = "roster_uploads"
EXPORTS = "exports"
AUDIT_LOG = "audit_log"

RETENTION_RUN = "the nightly retention run"


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time ``months`` calendar months earlier (the month's last day if it is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@dataclass(frozen=True)
class RetentionPeriod:
    """How long one kind of data is kept, and what happens to it then."""

    kind: str
    data: str
    value: int
    unit: str
    starts: str
    then: str
    setting: str
    applied_by: str = RETENTION_RUN

    @property
    def length(self) -> str:
        """ "12 months", "1 year"."""
        unit = self.unit if self.value != 1 else self.unit.removesuffix("s")
        return f"{self.value} {unit}"

    @property
    def applied_here(self) -> bool:
        """Applied by this app's retention run, rather than by another app's clean-up task."""
        return self.applied_by == RETENTION_RUN

    def cutoff(self, now: datetime.datetime) -> datetime.datetime:
        """Data older than this (by the date the period starts from) is due."""
        if self.unit == "years":
            return months_before(now, 12 * self.value)
        if self.unit == "months":
            return months_before(now, self.value)
        if self.unit == "days":
            return now - datetime.timedelta(days=self.value)
        return now - datetime.timedelta(hours=self.value)


def _setting(name: str) -> int:
    value = getattr(settings, name, None)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least 1, not {value!r}.")
    return value


def retention_periods() -> list[RetentionPeriod]:
    """Every retention period, in the order the privacy notice lists them.

    Raises ImproperlyConfigured if a period is missing, not a whole number or less than 1
    (a period of 0 would delete everything at once).
    """
    return [
        RetentionPeriod(
            kind=PUPIL_IDENTITY,
            data="Pupils' names, sign-in codes, UPNs (kept only as a code) and gender",
            value=_setting("RETENTION_PUPIL_IDENTITY_MONTHS"),
            unit="months",
            starts="after the pupil left their last class, or their last class was archived",
            then=(
                "Removed. The pupil's quiz, survey and lesson records are kept without any name, under a "
                "random research number, if the pupil is in the evaluation; otherwise they are deleted too. "
                "Free-text answers, anonymous questions and registers are deleted."
            ),
            setting="RETENTION_PUPIL_IDENTITY_MONTHS",
        ),
        RetentionPeriod(
            kind=LEARNING_RECORDS,
            data="Anonymous evaluation records (quiz, survey and lesson records without a name)",
            value=_setting("RETENTION_LEARNING_RECORDS_YEARS"),
            unit="years",
            starts="after the pupil's name was removed",
            then="Deleted. Published audit reports keep their totals.",
            setting="RETENTION_LEARNING_RECORDS_YEARS",
        ),
        RetentionPeriod(
            kind=SURVEY_FREE_TEXT,
            data="Pupils' written answers to survey questions",
            value=_setting("RETENTION_SURVEY_FREE_TEXT_MONTHS"),
            unit="months",
            starts="after the survey was answered",
            then="Deleted. Answers chosen on a scale are kept.",
            setting="RETENTION_SURVEY_FREE_TEXT_MONTHS",
        ),
        RetentionPeriod(
            kind=ANONYMOUS_QUESTIONS,
            data="Questions asked through the anonymous question box, and their answers",
            value=_setting("RETENTION_ANONYMOUS_QUESTIONS_DAYS"),
            unit="days",
            starts="after the question was asked",
            then="Deleted.",
            setting="RETENTION_ANONYMOUS_QUESTIONS_DAYS",
            applied_by="the daily anonymous question clean-up",
        ),
        RetentionPeriod(
            kind=TALK_REQUESTS,
            data="Pupils' requests to talk to the safeguarding lead, and their notes",
            # As long as questions passed to the safeguarding lead: one setting for both.
            value=_setting("RETENTION_ANONYMOUS_QUESTIONS_DAYS"),
            unit="days",
            starts="after the request was sent",
            then="Deleted. The safeguarding lead records any concern in the school's own safeguarding records.",
            setting="RETENTION_ANONYMOUS_QUESTIONS_DAYS",
        ),
        RetentionPeriod(
            kind=ROSTER_UPLOADS,
            data="Class lists uploaded to add pupils, if never imported",
            value=_setting("RETENTION_ROSTER_UPLOAD_DAYS"),
            unit="days",
            starts="after the upload",
            then="Deleted. An imported list is deleted as soon as the import finishes.",
            setting="RETENTION_ROSTER_UPLOAD_DAYS",
        ),
        RetentionPeriod(
            kind=EXPORTS,
            data="Report downloads (exports)",
            value=_setting("EXPORT_LINK_HOURS"),
            unit="hours",
            starts="after the export was made",
            then="The file is deleted. The audit log keeps the record that it was made.",
            setting="EXPORT_LINK_HOURS",
            applied_by="the daily export clean-up",
        ),
        RetentionPeriod(
            kind=AUDIT_LOG,
            data="The audit log of what staff did with pupils' and staff records",
            value=_setting("RETENTION_AUDIT_LOG_YEARS"),
            unit="years",
            starts="after the action",
            then="Deleted.",
            setting="RETENTION_AUDIT_LOG_YEARS",
        ),
    ]


def retention_period(kind: str) -> RetentionPeriod:
    for period in retention_periods():
        if period.kind == kind:
            return period
    raise KeyError(kind)


def batch_size() -> int:
    """How many rows or pupils one retention transaction handles (``RETENTION_BATCH_SIZE``)."""
    return _setting("RETENTION_BATCH_SIZE")
