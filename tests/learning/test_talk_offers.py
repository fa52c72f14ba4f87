"""Every free-text box says who reads it; every lesson end, survey end and the help page offer to talk."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse

from courses.models import ModulePage
from learning.models import Wave
from tests.factories import SurveyFactory, likert, stream
from tests.learning.conftest import free_text, lessons_done
from tests.learning.test_surveys import sign_in

pytestmark = pytest.mark.django_db

WHO_READS = "nobody at your school. What you write goes to the programme's outside evaluator"
OFFER = "I'd like to talk to someone</a>"


def _talk_link(source: str) -> str:
    return f'href="{reverse("schools:pupil_talk")}?from={source}"'


@pytest.fixture
def two_boxes(course):
    from courses.versioning import record_version

    survey = SurveyFactory(questions=stream([free_text("f1"), likert("a1"), free_text("f2")]))
    ModulePage.objects.filter(pk=course.assignment.module_id).update(attitude_survey=survey)
    record_version(instrument=survey)
    return course


def test_every_free_text_box_is_preceded_by_who_reads_it_and_where_to_get_help(client, two_boxes):
    page = sign_in(client, two_boxes.pupil).get(reverse("learning:survey", args=[two_boxes.assignment.pk, Wave.PRE]))
    html = page.content.decode()
    assert html.count(WHO_READS) == 2
    for key in ("f1", "f2"):
        notice = html.index(f'id="item-{key}-who"')
        box = re.search(rf'<textarea class="govuk-textarea[^"]*"\s+id="item-{key}"', html).start()
        assert notice < box
        between = html[notice:box]
        assert WHO_READS in between and reverse("learning:pupil_help") in between
        described = re.search(rf'id="item-{key}"[^>]*aria-describedby="([^"]+)"', html, re.S).group(1)
        assert f"item-{key}-who" in described.split()
    assert 'id="item-a1-who"' not in html, "a scale has no box to write in"


def test_the_live_lessons_survey_shows_the_same_notice(programme):
    from classroom.services.live import open_activity, start_session
    from tests.classroom.live_world import make_live_world

    world = make_live_world(programme, pupils=1)
    survey = world.module.attitude_survey
    survey.questions = stream([free_text("f9")])
    survey.save()
    from courses.versioning import record_version

    record_version(instrument=survey)
    session = start_session(
        school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher
    )
    open_activity(session=session, key="pre_survey")
    client = world.pupil_client(0)
    client.post(reverse("classroom:pupil_live_join_session", args=[session.pk]))
    html = client.get(reverse("classroom:pupil_live_lesson", args=[session.pk])).content.decode()
    assert 'id="item-f9-who"' in html and WHO_READS in html


def test_the_end_of_a_lesson_offers_to_talk_to_someone(client, course):
    lessons_done(course)
    lesson = course.lessons[0]
    html = (
        sign_in(client, course.pupil)
        .get(reverse("learning:lesson_finished", args=[course.assignment.pk, lesson.pk]))
        .content.decode()
    )
    assert OFFER in html and _talk_link("lesson") in html


def test_the_end_of_every_survey_offers_to_talk_to_someone(client, surveyed):
    sign_in(client, surveyed.pupil)
    response = client.post(
        reverse("learning:survey", args=[surveyed.assignment.pk, Wave.PRE]),
        {"version": surveyed.version.pk, "key": str(uuid.uuid4()), "action": "send", "item-a1": "3"},
    )
    assert response["Location"] == reverse("learning:survey_sent", args=[surveyed.assignment.pk, Wave.PRE])
    html = client.get(response["Location"]).content.decode()
    assert "Thank you. Your answers have been sent." in html
    assert OFFER in html and _talk_link("survey") in html
    assert "If anything in the survey worried you" not in html, "no sensitive item, so no survey help panel"


def test_the_help_page_offers_to_talk_to_someone(client, course):
    html = sign_in(client, course.pupil).get(reverse("learning:pupil_help")).content.decode()
    assert OFFER in html and _talk_link("help") in html
