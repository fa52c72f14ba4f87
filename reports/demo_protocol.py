"""The demo's evaluation protocol: the commissioner's plan for this academic year, frozen before it began.

It names the versions of the modules' quizzes and surveys that the demo pupils
answer, the three waves, and one planned subgroup comparison (gender: the only one
the demo's four urban schools can show, as their free school meals bands are each
one or two schools and so hidden). It is frozen through the service a commissioner
uses (``reports.protocol.freeze_protocol``), then dated a week before the period
began, as a real protocol is frozen before the answers arrive; the published record
and its digest are written again with that time, so anyone can still check them.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from courses.models import ModulePage, QuizVersion, SurveyVersion
from learning.models import Wave
from reports.protocol import freeze_protocol, protocol_record, record_digest, save_draft
from reports.protocol_models import EvaluationProtocol, Subgroup
from schools.models import Assignment
from schools.services.classes import current_academic_year

COMMISSIONER = "commissioner@example.org"
FROZEN_DAYS_BEFORE = 7


def load_demo_protocol() -> EvaluationProtocol | None:
    """Freeze the demo's protocol for the current academic year, unless one exists (or there is nothing to name)."""
    if EvaluationProtocol.objects.exists():
        return None
    commissioner = User.objects.filter(email=COMMISSIONER).first()
    modules = ModulePage.objects.filter(pk__in=Assignment.objects.values("module_id"))
    quizzes = [_newest(QuizVersion.objects.filter(quiz_id=module.knowledge_quiz_id)) for module in modules]
    surveys = [_newest(SurveyVersion.objects.filter(survey_id=module.attitude_survey_id)) for module in modules]
    # Modules may share an instrument: each version once.
    quiz_versions = list({version.pk: version for version in quizzes if version is not None}.values())
    survey_versions = list({version.pk: version for version in surveys if version is not None}.values())
    if commissioner is None or not (quiz_versions or survey_versions):
        return None
    year = current_academic_year()
    first_opened = Assignment.objects.order_by("opens_on").values_list("opens_on", flat=True).first()
    start = min(datetime.date(year, 9, 1), first_opened or datetime.date(year, 9, 1))
    draft = save_draft(
        protocol=None,
        user=commissioner,
        title=f"Kent and Medway evaluation, {year} to {year + 1}",
        period_start=start,
        period_end=datetime.date(year + 1, 8, 31),
        primary_outcome=(
            "Change in the end-of-module knowledge quiz score (first attempt, points out of 100) from before "
            "the lessons to after them, compared with the wait-list comparison classes."
        ),
        quiz_versions=quiz_versions,
        survey_versions=survey_versions,
        waves=[Wave.PRE, Wave.POST, Wave.FOLLOW_UP],
        analysis=(
            "Knowledge: the difference in change between the classes having the lessons and the comparison classes "
            "(ANCOVA of the score after on the arm and the score before, schools as clusters), with Hedges' g. "
            "Attitude scales: paired change with a CR2 interval clustered by school, Holm-adjusted across scales. "
            "Planned subgroup comparison: gender. Every other subgroup comparison is exploratory."
        ),
        subgroups=[Subgroup.GENDER],
    )
    protocol = freeze_protocol(protocol=draft, user=commissioner)
    frozen_on = start - datetime.timedelta(FROZEN_DAYS_BEFORE)
    # Stored in UTC, as ``freeze_protocol`` stamps it, so the record reads like any other.
    protocol.frozen_at = timezone.make_aware(datetime.datetime.combine(frozen_on, _TEN)).astimezone(datetime.UTC)
    versions = [*quiz_versions, *survey_versions]
    protocol.record = protocol_record(protocol, sorted(versions, key=_named_order))
    protocol.digest = record_digest(protocol.record)
    protocol.save(update_fields=["frozen_at", "record", "digest"])
    return protocol


_TEN = datetime.time(10, 0)


def _newest(versions):
    return versions.order_by("-number").first()


def _named_order(version: QuizVersion | SurveyVersion) -> tuple[int, str, int]:
    """The order ``freeze_protocol`` writes the record in: quizzes, then surveys, each by key and number."""
    return (0 if isinstance(version, QuizVersion) else 1, version.instrument.key, version.number)
