"""Which before-and-after pairs a frozen evaluation protocol leaves out: those answered on other versions.

A frozen protocol (``reports.protocol_models``) names the quiz and survey versions
its period is evaluated on. An assignment opening within the protocol's period is
part of what the protocol evaluates, so a pupil's knowledge pair counts only when
both quiz attempts (before and the first after) were on a version the protocol
names, their survey pair only when both responses were, and their follow-up pair
only when the survey before and the follow-up were; a pair on any other
version of an instrument the protocol names is left out and counted with that
reason. An instrument the protocol names no version of is not governed by it.
Where frozen protocols' periods overlap, the one frozen first governs.

With no frozen protocol nothing is read; otherwise two streamed queries per school
(the attempts that count and the surveys answered, not their answers).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from learning.models import QuizAttempt, SurveyResponse, Wave
from reports.protocol_models import EvaluationProtocol
from reports.rollup_totals import in_years

# (assignment id, pupil id)
PupilKey = tuple[int, int]


@dataclass(frozen=True)
class ProtocolScope:
    """One frozen protocol's period and versions: instrument id -> the version ids it names."""

    start: datetime.date
    end: datetime.date
    quizzes: Mapping[int, frozenset[int]]
    surveys: Mapping[int, frozenset[int]]

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class ProtocolScopes:
    """Every frozen protocol's scope, the first frozen first."""

    scopes: tuple[ProtocolScope, ...]

    @classmethod
    def load(cls) -> ProtocolScopes:
        """Three queries whatever the number of pupils: the protocols and the versions they name."""
        protocols = list(EvaluationProtocol.objects.frozen().order_by("frozen_at", "pk"))
        if not protocols:
            return cls(())
        quizzes = _named(EvaluationProtocol.quiz_versions.through, "quizversion", "quiz", protocols)
        surveys = _named(EvaluationProtocol.survey_versions.through, "surveyversion", "survey", protocols)
        return cls(
            tuple(
                ProtocolScope(p.period_start, p.period_end, quizzes.get(p.pk, {}), surveys.get(p.pk, {}))
                for p in protocols
            )
        )

    def governing(self, day: datetime.date) -> ProtocolScope | None:
        return next((scope for scope in self.scopes if scope.covers(day)), None)


def _named(through, version_field: str, owner: str, protocols: list) -> dict[int, dict[int, frozenset[int]]]:
    found: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    rows = through.objects.filter(evaluationprotocol__in=protocols).values_list(
        "evaluationprotocol_id", f"{version_field}__{owner}_id", f"{version_field}_id"
    )
    for protocol_id, instrument_id, version_id in rows:
        found[protocol_id][instrument_id].add(version_id)
    return {pk: {key: frozenset(ids) for key, ids in named.items()} for pk, named in found.items()}


@dataclass
class OffProtocol:
    """The pupils whose knowledge, survey or follow-up pair is on a version their protocol does not name."""

    knowledge: set[PupilKey] = field(default_factory=set)
    survey: set[PupilKey] = field(default_factory=set)
    follow_up: set[PupilKey] = field(default_factory=set)


def off_protocol(school_id: int, years: set[int] | None, scopes: ProtocolScopes) -> OffProtocol:
    """The school's pairs answered on a version their governing protocol does not name.

    A knowledge or survey pair is off the protocol when its answer before or after is; a
    follow-up pair (the survey before and the follow-up) when either of those is.
    """
    found = OffProtocol()
    if not scopes.scopes:
        return found
    prefix = "assignment__school_class__"
    where = {f"{prefix}school_id": school_id}
    attempts = QuizAttempt.objects.filter(
        in_years(prefix, years), counts_for_evaluation=True, wave__in=[Wave.PRE, Wave.POST], **where
    ).values_list(
        "assignment_id", "pupil_id", "wave", "assignment__opens_on", "quiz_version__quiz_id", "quiz_version_id"
    )
    quizzes = _outside(attempts.order_by().iterator(), scopes, lambda scope: scope.quizzes)
    found.knowledge = set(quizzes)
    responses = SurveyResponse.objects.filter(in_years(prefix, years), skipped=False, **where).values_list(
        "assignment_id", "pupil_id", "wave", "assignment__opens_on", "survey_version__survey_id", "survey_version_id"
    )
    for key, waves in _outside(responses.order_by().iterator(), scopes, lambda scope: scope.surveys).items():
        if waves & {Wave.PRE, Wave.POST}:
            found.survey.add(key)
        if waves & {Wave.PRE, Wave.FOLLOW_UP}:
            found.follow_up.add(key)
    return found


def _outside(rows: Iterable[tuple], scopes: ProtocolScopes, named) -> dict[PupilKey, set[str]]:
    """Each pupil's waves answered on a version outside their governing protocol."""
    outside: dict[PupilKey, set[str]] = defaultdict(set)
    for assignment_id, pupil_id, wave, opens_on, instrument_id, version_id in rows:
        scope = scopes.governing(opens_on)
        versions = named(scope).get(instrument_id) if scope is not None else None
        if versions is not None and version_id not in versions:
            outside[assignment_id, pupil_id].add(wave)
    return outside
