"""Opening, editing and freezing evaluation protocols (pre-registration), and finding the one a figure answers.

A protocol is edited only while it is a draft. Freezing it is one transaction:
the protocol row is locked, the time stamped, the record published on the
transparency page written with its SHA-256 digest, and every instrument version it
names frozen (``InstrumentVersion.freeze``), so an editor's later change makes a new
version instead of altering what the protocol registered.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from accounts.models import User
from courses.models import Quiz, QuizVersion, Survey, SurveyVersion
from learning.models import Wave
from reports.protocol_models import EvaluationProtocol, Subgroup

FROZEN = "This protocol was frozen on {when}: it cannot be changed. Open a new protocol for a new plan."
NOT_READY = "Before freezing, name at least one quiz or survey version and at least one wave."


class ProtocolFrozenError(Exception):
    """A change was asked of a frozen protocol; the message says why and what to do."""


def frozen_message(protocol: EvaluationProtocol) -> str:
    return FROZEN.format(when=protocol.frozen_text)


@transaction.atomic
def save_draft(
    *,
    protocol: EvaluationProtocol | None,
    user: User,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    primary_outcome: str,
    quiz_versions: Iterable[QuizVersion],
    survey_versions: Iterable[SurveyVersion],
    waves: Sequence[str],
    analysis: str,
    subgroups: Sequence[str] = (),
) -> EvaluationProtocol:
    """Open a new draft protocol (``protocol`` None) or change a draft.

    The row is locked first, so a freeze at the same moment either happens before
    (and this raises ProtocolFrozenError, changing nothing) or after.
    """
    if protocol is None:
        protocol = EvaluationProtocol(created_by=user)
    else:
        protocol = EvaluationProtocol.objects.select_for_update().get(pk=protocol.pk)
        if protocol.is_frozen:
            raise ProtocolFrozenError(frozen_message(protocol))
    protocol.title = title
    protocol.period_start = period_start
    protocol.period_end = period_end
    protocol.primary_outcome = primary_outcome
    protocol.waves = [wave for wave in Wave.values if wave in waves]
    protocol.analysis = analysis
    protocol.subgroups = [key for key in Subgroup.values if key in subgroups]
    protocol.save()
    protocol.quiz_versions.set(quiz_versions)
    protocol.survey_versions.set(survey_versions)
    return protocol


@transaction.atomic
def freeze_protocol(*, protocol: EvaluationProtocol, user: User) -> EvaluationProtocol:
    """Freeze a draft: stamp the time, write its record and digest, freeze the instrument versions it names.

    Raises ProtocolFrozenError for a protocol already frozen (its first stamp is
    kept), ValueError when it names no instrument version or no wave.
    """
    protocol = EvaluationProtocol.objects.select_for_update().get(pk=protocol.pk)
    if protocol.is_frozen:
        raise ProtocolFrozenError(frozen_message(protocol))
    quizzes = list(protocol.quiz_versions.select_related("quiz").order_by("quiz__key", "number"))
    surveys = list(protocol.survey_versions.select_related("survey").order_by("survey__key", "number"))
    if not (quizzes or surveys) or not protocol.waves:
        raise ValueError(NOT_READY)
    protocol.frozen_at = timezone.now()
    protocol.frozen_by = user
    protocol.record = protocol_record(protocol, [*quizzes, *surveys])
    protocol.digest = record_digest(protocol.record)
    protocol.save(update_fields=["frozen_at", "frozen_by", "record", "digest"])
    for version in [*quizzes, *surveys]:
        version.freeze()
    return protocol


def protocol_record(protocol: EvaluationProtocol, versions: Sequence[QuizVersion | SurveyVersion]) -> dict:
    """The protocol as published: its plan, and each instrument version with a digest of its questions."""
    return {
        "title": protocol.title,
        "period_start": protocol.period_start.isoformat(),
        "period_end": protocol.period_end.isoformat(),
        "primary_outcome": protocol.primary_outcome,
        "instruments": [
            {
                "kind": "quiz" if isinstance(version, QuizVersion) else "survey",
                "key": version.instrument.key,
                "title": version.instrument.title,
                "version": version.number,
                "questions": len(version.question_keys),
                "definition_sha256": record_digest(version.definition),
            }
            for version in versions
        ],
        "waves": list(protocol.waves),
        "analysis": protocol.analysis,
        "subgroups": list(protocol.subgroups),
        "frozen_at": protocol.frozen_at.isoformat() if protocol.frozen_at else None,
    }


def record_digest(record: dict) -> str:
    """SHA-256 of the record as canonical JSON (sorted keys, no spaces): anyone can recompute it."""
    text = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def protocols_answered(start: datetime.date | None, end: datetime.date | None) -> list[EvaluationProtocol]:
    """The frozen protocols whose period overlaps the figures' period: what those figures answer (one query)."""
    return list(EvaluationProtocol.objects.covering(start, end).order_by("period_start", "pk"))


def planned_subgroups(protocols: Sequence[EvaluationProtocol]) -> frozenset[str]:
    """The subgroup comparisons the frozen protocols set out in advance: confirmatory where shown."""
    return frozenset(
        key for protocol in protocols if protocol.is_frozen for key in protocol.record.get("subgroups", ())
    )


def academic_year_period(year: int | None) -> tuple[datetime.date | None, datetime.date | None]:
    """An academic year's first and last days (1 September to 31 August); None: every year."""
    if year is None:
        return None, None
    return datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)


def protocols_freezing(instrument: Quiz | Survey) -> list[tuple[EvaluationProtocol, int]]:
    """The frozen protocols that name a version of this instrument, with the version's number (one query)."""
    through: type[Model]
    if isinstance(instrument, Quiz):
        through, version_field, owner = EvaluationProtocol.quiz_versions.through, "quizversion", "quiz"
    else:
        through, version_field, owner = EvaluationProtocol.survey_versions.through, "surveyversion", "survey"
    rows = (
        through.objects.filter(evaluationprotocol__frozen_at__isnull=False, **{f"{version_field}__{owner}": instrument})
        .select_related("evaluationprotocol", version_field)
        .order_by("evaluationprotocol__frozen_at", f"{version_field}__number")
    )
    return [(row.evaluationprotocol, getattr(row, version_field).number) for row in rows]
