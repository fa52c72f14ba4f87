"""The demo's evaluation protocol: frozen before the year's answers, naming what the demo pupils answered, and
the dashboard's figures for its year answer it, with its planned subgroup comparison marked confirmatory.

Loading the demo (content, schools, progress, accounts and reports) takes a while, so it is done once for
this module inside a transaction rolled back at the end; each test runs in a savepoint.
"""

import datetime

import pytest
from django.db import transaction
from django.db.models import Sum

from accounts.demo_data import load_demo_accounts
from courses.demo_data import load_demo_content
from learning.demo_data import load_demo_progress
from learning.models import QuizAttempt, SurveyResponse
from reports.dashboard_subgroups import CONFIRMATORY
from reports.demo_data import load_demo_reports
from reports.models import ProgressRollup
from reports.protocol import record_digest
from reports.protocol_models import EvaluationProtocol
from schools.demo_data import load_demo_schools
from schools.models import Assignment
from schools.services.classes import current_academic_year

from .rollup_rows import commissioner

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_content()
        load_demo_schools()
        load_demo_progress()
        load_demo_accounts()
        summary = load_demo_reports()
        yield summary
        transaction.set_rollback(True)


def test_the_demo_protocol_was_frozen_before_the_first_assignment_opened(demo):
    protocol = EvaluationProtocol.objects.get()
    first_opened = Assignment.objects.order_by("opens_on").values_list("opens_on", flat=True).first()
    assert protocol.is_frozen and protocol.frozen_at.date() < first_opened <= datetime.date.today()
    assert protocol.period_start <= first_opened and protocol.period_end.month == 8
    assert datetime.datetime.fromisoformat(protocol.record["frozen_at"]) == protocol.frozen_at
    assert protocol.digest == record_digest(protocol.record), "anyone can check the published fingerprint"
    assert protocol.record["waves"] == ["pre", "post", "follow_up"] and protocol.record["subgroups"] == ["gender"]
    assert f"evaluation protocol {protocol.title}" in demo.created


def test_the_demo_protocol_names_every_version_the_demo_pupils_answered(demo):
    protocol = EvaluationProtocol.objects.get()
    answered_quizzes = set(QuizAttempt.objects.values_list("quiz_version_id", flat=True))
    answered_surveys = set(SurveyResponse.objects.values_list("survey_version_id", flat=True))
    assert answered_quizzes and answered_quizzes <= set(protocol.quiz_versions.values_list("pk", flat=True))
    assert answered_surveys and answered_surveys <= set(protocol.survey_versions.values_list("pk", flat=True))
    assert all(version.frozen_at is not None for version in protocol.quiz_versions.all())
    # The rollups were refreshed with the protocol in force: its pairs count, none left out as another version.
    sums = ProgressRollup.objects.aggregate(pairs=Sum("knowledge_pairs"), off=Sum("knowledge_off_protocol"))
    assert sums["pairs"] > 0 and sums["off"] == 0


def test_the_demo_dashboard_answers_the_protocol_with_its_planned_comparison_confirmatory(demo, client):
    protocol = EvaluationProtocol.objects.get()
    client.force_login(commissioner())

    response = client.get("/reports/", {"year": current_academic_year()})
    page = " ".join(response.content.decode().split())

    assert protocol.title in page
    assert "Differences in the change in quiz scores, by gender (as the school recorded it) (confirmatory)" in page
    assert CONFIRMATORY in page
    # The demo's four schools hide its pairs-left-out counts: the page says why, and that none is hidden too.
    assert "Pupils whose answers were on another version" in page
    assert page.count("A count of none is hidden too, so that a few pupils can never be told from none.") == 2
    # Its attrition flow hides a step (too few went no further from it to show): the page says why.
    flow = page[page.find('id="attrition-flow"') :].split("</ol>")[0]
    assert "<strong>c</strong>" in flow
    assert "A step marked c is hidden like any other small figure" in page


def test_loading_the_demo_reports_again_adds_no_protocol(demo):
    assert load_demo_reports().created == []
    assert EvaluationProtocol.objects.count() == 1
