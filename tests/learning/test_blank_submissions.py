"""A blank or half-blank quiz or survey is never taken for the pupil's answer by accident."""

import re
import uuid

import pytest
from django.urls import reverse

from classroom.models import LiveActivity
from classroom.services.live import join_session, open_activity, start_session
from learning.models import ModuleProgress, QuizAttempt, SurveyResponse, Wave
from learning.scoring import SubmissionRejectedError
from learning.services.lessons import complete_lesson, record_lesson_taught
from learning.services.surveys import submit_survey_response
from tests.classroom.live_world import hidden_fields, make_live_world
from tests.classroom.live_world import url as classroom_url
from tests.learning.conftest import lessons_done
from tests.learning.pupil_client import sign_in, url

pytestmark = pytest.mark.django_db


def quiz_fields(course):
    return {"version": str(course.version.pk), "key": str(uuid.uuid4())}


def finish_lessons(course):
    for lesson in course.lessons:
        complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=lesson)


# --- The quiz -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["quiz", "pre_quiz"])
def test_an_empty_quiz_is_refused_and_nothing_counts(client, course, name):
    course.assignment.include_surveys = True
    course.assignment.save()
    sign_in(client, course.pupil)
    response = client.post(url(name, course.assignment.pk), quiz_fields(course))
    assert response.status_code == 400
    page = response.content.decode()
    assert "You have not answered any of the questions." in page
    assert "govuk-error-summary" in page
    assert not QuizAttempt.objects.exists()


def test_an_empty_end_quiz_does_not_finish_the_module(client, course):
    finish_lessons(course)
    sign_in(client, course.pupil)
    client.post(url("quiz", course.assignment.pk), quiz_fields(course))
    progress = ModuleProgress.objects.get(pupil=course.pupil, assignment=course.assignment)
    assert progress.quiz_attempts == 0 and progress.completed_at is None


def test_unanswered_questions_are_listed_and_nothing_is_stored_until_the_pupil_confirms(client, course):
    lessons_done(course)
    sign_in(client, course.pupil)
    response = client.post(url("quiz", course.assignment.pk), {**quiz_fields(course), "answer-q1": "b"})
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(r"<title>\s*Error:", page)
    summary = page.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', summary) == [("#q2-a", "Question 2 has no answer")]
    assert 'id="q2-a"' in page, "the link leads to the question's first choice"
    assert re.search(r'id="q1-b"[^>]*checked', page), "the pupil's answer is kept"
    assert "You have not answered this question yet." in page
    assert "Your first try is the one that counts" in page
    assert 'name="blanks"' in page and "Send with 1 unanswered" in page
    assert not QuizAttempt.objects.exists()

    confirmed = client.post(
        url("quiz", course.assignment.pk), {**quiz_fields(course), "answer-q1": "b", "blanks": "send"}
    )
    assert confirmed.status_code == 302
    attempt = QuizAttempt.objects.get()
    assert (attempt.score, attempt.counts_for_evaluation) == (0, True)


def test_a_fully_answered_quiz_is_sent_at_once(client, course):
    lessons_done(course)
    sign_in(client, course.pupil)
    response = client.post(
        url("quiz", course.assignment.pk), {**quiz_fields(course), "answer-q1": "a", "answer-q2": "b"}
    )
    assert response.status_code == 302 and QuizAttempt.objects.get().score == 2


def test_confirming_cannot_send_a_quiz_with_no_answer(client, course):
    sign_in(client, course.pupil)
    response = client.post(url("quiz", course.assignment.pk), {**quiz_fields(course), "blanks": "send"})
    assert response.status_code == 400 and not QuizAttempt.objects.exists()


def test_the_live_quiz_holds_unanswered_questions_too(programme):
    world = make_live_world(programme, pupils=1)
    # The end-of-module quiz opens once every lesson is done: the other lesson was taught before.
    record_lesson_taught(assignment=world.assignment, lesson=world.later_lesson, pupils=world.pupils)
    session = start_session(
        school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher
    )
    join_session(session=session, pupil=world.pupils[0])
    open_activity(session=session, key=LiveActivity.QUIZ)
    client = world.pupil_client(0)
    fields = hidden_fields(client.get(classroom_url("pupil_live_lesson", session.pk)).content.decode())
    held = client.post(classroom_url("pupil_live_quiz", session.pk), {**fields, "answer-q2": "b"})
    assert held.status_code == 400
    page = held.content.decode()
    assert "Question 1 has no answer" in page and "Send with 1 unanswered" in page
    assert not QuizAttempt.objects.exists()
    empty = client.post(classroom_url("pupil_live_quiz", session.pk), {**fields, "blanks": "send"})
    assert empty.status_code == 400 and "not answered any of the questions" in empty.content.decode()
    sent = client.post(classroom_url("pupil_live_quiz", session.pk), {**fields, "answer-q2": "b", "blanks": "send"})
    assert sent.status_code == 302 and QuizAttempt.objects.count() == 1


# --- The survey ---------------------------------------------------------------------------------


def test_the_service_refuses_a_survey_with_no_answer(surveyed):
    for answers in ({}, {"a1": "", "f1": "   "}):
        with pytest.raises(SubmissionRejectedError, match="not answered any of the questions"):
            submit_survey_response(
                pupil=surveyed.pupil,
                assignment=surveyed.assignment,
                version=surveyed.version,
                answers=answers,
                key=uuid.uuid4(),
                wave=Wave.PRE,
            )
    assert not SurveyResponse.objects.exists()


def survey_post(client, surveyed, data):
    fields = {"version": surveyed.version.pk, "key": str(uuid.uuid4()), "action": "send", **data}
    return client.post(reverse("learning:survey", args=[surveyed.assignment.pk, Wave.PRE]), fields)


def test_an_empty_survey_is_not_a_response_and_the_survey_stays_open(client, surveyed):
    sign_in(client, surveyed.pupil)
    response = survey_post(client, surveyed, {"item-f1": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "You have not answered any of the questions." in page and "Skip the survey" in page
    assert not SurveyResponse.objects.exists()
    again = client.get(reverse("learning:survey", args=[surveyed.assignment.pk, Wave.PRE]))
    assert again.status_code == 200, "the pupil can still answer it"


def test_one_answer_is_enough_and_the_other_items_stay_skipped(client, surveyed):
    sign_in(client, surveyed.pupil)
    assert survey_post(client, surveyed, {"item-a2": "3"}).status_code == 302
    stored = SurveyResponse.objects.get()
    assert not stored.skipped
    assert sorted(stored.answers.values_list("item_key", "skipped")) == [("a1", True), ("a2", False), ("f1", True)]


def test_skipping_the_whole_survey_is_still_a_choice(client, surveyed):
    sign_in(client, surveyed.pupil)
    assert survey_post(client, surveyed, {"action": "skip"}).status_code == 302
    assert SurveyResponse.objects.get().skipped
