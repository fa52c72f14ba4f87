"""Valid pairs: every wave of the before-and-after questions refused out of its order, with the reason.

The questions before the lessons are open only until the pupil starts the first lesson and
never after the ones after the lessons; those after (and the follow-up) only once every
lesson is complete. A refused submission stores nothing. The pupil's summary keeps the
moment of each wave's first answer and of the first lesson begun.
"""

import datetime
import re
import uuid

import pytest
from django.apps import apps as django_apps
from django.contrib.messages import get_messages
from django.utils import timezone

from learning.models import ActivityAnswer, LessonProgress, ModuleProgress, QuizAttempt, SurveyResponse, Wave
from learning.pair_order import PairOrder, pair_order
from learning.scoring import SubmissionRejectedError
from learning.services.activities import record_activity_answer
from learning.services.lessons import complete_lesson, record_lesson_taught, record_position
from learning.services.progress import rebuild_progress
from learning.services.quizzes import submit_quiz_attempt
from learning.services.surveys import open_follow_up, submit_survey_response
from schools.models import Arm, Assignment
from tests.learning.conftest import all_right
from tests.learning.pupil_client import sign_in, url

pytestmark = pytest.mark.django_db

PRE_QUIZ_STARTED = "The quiz before the lessons is closed because you have started the lessons."
PRE_QUIZ_AFTER_POST = "The quiz before the lessons is closed because you have already answered the end-of-module quiz."
PRE_QUIZ_TAKEN = "You have already taken the quiz before the lessons."
POST_QUIZ_EARLY = "The end-of-module quiz opens once you have finished every lesson of the module."
PRE_SURVEY_STARTED = "The survey before the lessons is closed because you have started the lessons."
PRE_SURVEY_AFTER_POST = (
    "The survey before the lessons is closed because you have already answered the survey after the lessons."
)
POST_SURVEY_EARLY = "The survey after the lessons opens once you have finished every lesson of the module."
FOLLOW_UP_EARLY = "The follow-up survey opens once you have finished every lesson of the module."
FOLLOW_UP_CLOSED = "The follow-up survey is not open now."
ALREADY_SENT = "You have already sent your answers to this survey."


def quiz(course, wave, who=None):
    return submit_quiz_attempt(
        pupil=who or course.pupil,
        assignment=course.assignment,
        version=course.version,
        answers=all_right(),
        key=uuid.uuid4(),
        wave=wave,
    )


def survey(surveyed, wave, *, skipped=False):
    return submit_survey_response(
        pupil=surveyed.pupil,
        assignment=surveyed.assignment,
        version=surveyed.version,
        answers={"a1": "4", "a2": "2"},
        key=uuid.uuid4(),
        wave=wave,
        skipped=skipped,
    )


def finish(course, lessons=None, who=None):
    for lesson in course.lessons if lessons is None else lessons:
        complete_lesson(pupil=who or course.pupil, assignment=course.assignment, lesson=lesson)


def refused(call, message, model):
    """The call is refused with exactly ``message`` and adds no row of ``model``."""
    before = model.objects.count()
    with pytest.raises(SubmissionRejectedError) as caught:
        call()
    assert str(caught.value) == message
    assert model.objects.count() == before, "nothing stored"


# --- The quiz ---------------------------------------------------------------------------------------


def _open_lesson(course):
    record_position(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0], position=1)


def _answer_in_lesson(course, interactive_lesson):
    record_activity_answer(
        pupil=course.pupil,
        assignment=course.assignment,
        lesson=interactive_lesson,
        block_id=interactive_lesson.body[0].id,
        choice=0,
    )


def _taught(course):
    record_lesson_taught(assignment=course.assignment, lesson=course.lessons[0], pupils=[course.pupil])


@pytest.mark.parametrize("begin", [_open_lesson, _taught])
def test_pre_quiz_is_refused_once_a_lesson_has_begun(course, begin):
    begin(course)
    refused(lambda: quiz(course, Wave.PRE), PRE_QUIZ_STARTED, QuizAttempt)


def test_pre_quiz_is_refused_once_the_pupil_has_answered_in_a_lesson(course, interactive_lesson):
    _answer_in_lesson(course, interactive_lesson)
    assert not LessonProgress.objects.exists(), "answering alone, without opening the lesson row"
    refused(lambda: quiz(course, Wave.PRE), PRE_QUIZ_STARTED, QuizAttempt)


def test_pre_quiz_is_refused_after_the_end_of_module_quiz(course):
    finish(course)
    quiz(course, Wave.POST)
    refused(lambda: quiz(course, Wave.PRE), PRE_QUIZ_AFTER_POST, QuizAttempt)


def test_pre_quiz_is_refused_a_second_time(course):
    quiz(course, Wave.PRE)
    refused(lambda: quiz(course, Wave.PRE), PRE_QUIZ_TAKEN, QuizAttempt)


def test_end_of_module_quiz_is_refused_before_any_lesson(course):
    refused(lambda: quiz(course, Wave.POST), POST_QUIZ_EARLY, QuizAttempt)


def test_end_of_module_quiz_is_refused_with_a_lesson_still_to_finish(course):
    finish(course, course.lessons[:1])
    refused(lambda: quiz(course, Wave.POST), POST_QUIZ_EARLY, QuizAttempt)
    finish(course, course.lessons[1:])
    assert quiz(course, Wave.POST).number == 1
    assert quiz(course, Wave.POST).number == 2, "practice stays open"


def test_lessons_taught_in_class_open_the_end_of_module_quiz(course):
    record_lesson_taught(assignment=course.assignment, lesson=course.lessons[0], pupils=[course.pupil])
    finish(course, course.lessons[1:])  # caught up alone
    assert quiz(course, Wave.POST).wave == Wave.POST


def test_a_comparison_class_answers_after_on_its_day_without_the_lessons(course):
    today = timezone.localdate()
    Assignment.objects.filter(pk=course.assignment.pk).update(
        opens_on=today - datetime.timedelta(days=30),
        arm=Arm.COMPARISON,
        post_wave_on=today + datetime.timedelta(days=1),
    )
    course.assignment.refresh_from_db()
    quiz(course, Wave.PRE)
    tomorrow = f"The end-of-module quiz opens on {course.assignment.post_wave_on:%-d %B %Y}."
    refused(lambda: quiz(course, Wave.POST), tomorrow, QuizAttempt)
    Assignment.objects.filter(pk=course.assignment.pk).update(post_wave_on=today)
    course.assignment.refresh_from_db()
    assert quiz(course, Wave.POST).wave == Wave.POST, "no lesson needed"
    progress = ModuleProgress.objects.get(pupil=course.pupil)
    assert progress.first_lesson_at is None
    assert pair_order(progress.pre_quiz_at, None, progress.post_quiz_at, comparison=True) is PairOrder.VALID
    assert pair_order(progress.pre_quiz_at, None, progress.post_quiz_at) is PairOrder.ORDER_UNKNOWN


# --- The survey -------------------------------------------------------------------------------------


def test_pre_survey_is_refused_once_a_lesson_has_been_opened(surveyed):
    _open_lesson(surveyed.course)
    refused(lambda: survey(surveyed, Wave.PRE), PRE_SURVEY_STARTED, SurveyResponse)


def test_pre_survey_is_refused_after_the_survey_after_the_lessons(surveyed):
    finish(surveyed.course)
    survey(surveyed, Wave.POST)
    refused(lambda: survey(surveyed, Wave.PRE), PRE_SURVEY_AFTER_POST, SurveyResponse)


@pytest.mark.parametrize("done", [0, 1])
def test_post_survey_is_refused_until_every_lesson_is_complete(surveyed, done):
    finish(surveyed.course, surveyed.course.lessons[:done])
    refused(lambda: survey(surveyed, Wave.POST), POST_SURVEY_EARLY, SurveyResponse)


def test_follow_up_is_refused_outside_its_window_and_before_the_lessons_are_done(surveyed):
    today = timezone.localdate()
    refused(lambda: survey(surveyed, Wave.FOLLOW_UP), FOLLOW_UP_CLOSED, SurveyResponse)
    open_follow_up(assignment=surveyed.assignment, opens_on=today, closes_on=today, actor=None)
    refused(lambda: survey(surveyed, Wave.FOLLOW_UP), FOLLOW_UP_EARLY, SurveyResponse)
    finish(surveyed.course)
    assert survey(surveyed, Wave.FOLLOW_UP).wave == Wave.FOLLOW_UP
    refused(lambda: survey(surveyed, Wave.FOLLOW_UP), ALREADY_SENT, SurveyResponse)


# --- The pupil's pages: a clear 400, or back to the module with the reason ------------------------


def _quiz_form(html):
    return {
        "version": re.search(r'name="version" value="(\d+)"', html).group(1),
        "key": re.search(r'name="key" value="([0-9a-f-]+)"', html).group(1),
        "answer-q1": "a",
        "answer-q2": "b",
    }


def test_pre_quiz_sent_after_a_lesson_began_answers_400_with_the_reason(client, course):
    sign_in(client, course.pupil)
    form = _quiz_form(client.get(url("pre_quiz", course.assignment.pk)).content.decode())
    _open_lesson(course)  # in another tab, before sending the quiz
    response = client.post(url("pre_quiz", course.assignment.pk), form)
    assert response.status_code == 400
    assert PRE_QUIZ_STARTED in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_end_of_module_quiz_before_the_lessons_goes_back_with_the_reason_and_refuses_answers(client, course):
    sign_in(client, course.pupil)
    response = client.get(url("quiz", course.assignment.pk))
    assert response.status_code == 302 and response["Location"] == url("assignment", course.assignment.pk)
    assert [str(message) for message in get_messages(response.wsgi_request)] == [POST_QUIZ_EARLY]
    form = {"version": str(course.version.pk), "key": str(uuid.uuid4()), "answer-q1": "a", "answer-q2": "b"}
    response = client.post(url("quiz", course.assignment.pk), form)
    assert response.status_code == 400
    assert POST_QUIZ_EARLY in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_survey_sent_out_of_order_answers_400_with_the_reason(client, surveyed):
    sign_in(client, surveyed.pupil)
    address = url("survey", surveyed.assignment.pk, Wave.POST)
    response = client.get(address)
    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == [POST_SURVEY_EARLY]
    form = {"version": str(surveyed.version.pk), "key": str(uuid.uuid4()), "item-a1": "4", "item-a2": "2"}
    response = client.post(address, form)
    assert response.status_code == 400
    assert POST_SURVEY_EARLY in response.content.decode()
    assert not SurveyResponse.objects.exists()


# --- What the summary keeps -------------------------------------------------------------------------


def test_summary_keeps_the_moment_of_each_waves_first_answer_and_of_the_first_lesson(surveyed):
    course = surveyed.course
    today = timezone.localdate()
    survey(surveyed, Wave.PRE)
    pre = quiz(course, Wave.PRE)
    finish(course)
    first_post = quiz(course, Wave.POST)
    quiz(course, Wave.POST)  # practice: not the first answer
    post_survey = survey(surveyed, Wave.POST)
    open_follow_up(assignment=surveyed.assignment, opens_on=today, closes_on=today, actor=None)
    survey(surveyed, Wave.FOLLOW_UP, skipped=True)
    progress = ModuleProgress.objects.get(pupil=course.pupil)
    responses = {r.wave: r.submitted_at for r in SurveyResponse.objects.all()}
    assert progress.pre_survey_at == responses[Wave.PRE]
    assert progress.pre_quiz_at == pre.submitted_at
    assert progress.first_lesson_at == LessonProgress.objects.order_by("started_at")[0].started_at
    assert progress.post_quiz_at == first_post.submitted_at
    assert progress.post_survey_at == post_survey.submitted_at
    assert progress.follow_up_at is None, "a skipped survey is not an answer"
    assert progress.pre_survey_at < progress.pre_quiz_at < progress.first_lesson_at < progress.post_quiz_at
    assert pair_order(progress.pre_quiz_at, progress.first_lesson_at, progress.post_quiz_at) is PairOrder.VALID


def test_first_answer_in_a_lesson_marks_the_lessons_begun_as_a_rebuild_does(course, interactive_lesson):
    _answer_in_lesson(course, interactive_lesson)
    answered = ActivityAnswer.objects.get().answered_at
    assert ModuleProgress.objects.get(pupil=course.pupil).first_lesson_at == answered
    ModuleProgress.objects.update(first_lesson_at=None)
    rebuild_progress()
    assert ModuleProgress.objects.get(pupil=course.pupil).first_lesson_at == answered


@pytest.mark.parametrize(
    ("pre", "lesson", "post", "order"),
    [
        (1, 2, 3, PairOrder.VALID),
        (1, 2, 2, PairOrder.VALID),
        (2, 2, 3, PairOrder.WRONG_ORDER),
        (3, 2, 4, PairOrder.WRONG_ORDER),
        (1, 3, 2, PairOrder.WRONG_ORDER),
        (1, None, 2, PairOrder.ORDER_UNKNOWN),
        (None, 1, 2, None),
        (1, 2, None, None),
    ],
)
def test_pair_order(pre, lesson, post, order):
    assert pair_order(_at(pre), _at(lesson), _at(post)) is order


def _at(hours):
    start = datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC)
    return None if hours is None else start + datetime.timedelta(hours=hours)


@pytest.mark.parametrize(
    ("pre", "lesson", "post", "order"),
    [
        (1, None, 2, PairOrder.VALID),
        (1, 3, 2, PairOrder.VALID),
        (1, 2, 2, PairOrder.VALID),
        (1, 2, 3, PairOrder.WRONG_ORDER),
        (2, None, 1, PairOrder.WRONG_ORDER),
    ],
)
def test_pair_order_of_a_comparison_class_needs_no_lesson_before_the_answers_after(pre, lesson, post, order):
    assert pair_order(_at(pre), _at(lesson), _at(post), comparison=True) is order


def test_existing_summaries_get_their_moments_from_the_event_rows(surveyed, interactive_lesson):
    """The data migration: moments read from the rows, and nothing guessed where there is no row."""
    from importlib import import_module

    fill = import_module("learning.migrations.0006_wave_moments").fill_wave_moments
    course = surveyed.course
    survey(surveyed, Wave.PRE)
    quiz(course, Wave.PRE)
    _answer_in_lesson(course, interactive_lesson)
    finish(course)
    quiz(course, Wave.POST)
    survey(surveyed, Wave.POST)
    quiz(course, Wave.PRE, who=course.other_pupil)
    fields = ["first_lesson_at", "pre_quiz_at", "post_quiz_at", "pre_survey_at", "post_survey_at", "follow_up_at"]
    expected = {p.pk: [getattr(p, f) for f in fields] for p in ModuleProgress.objects.all()}
    assert expected[ModuleProgress.objects.get(pupil=course.pupil).pk][0] == ActivityAnswer.objects.get().answered_at
    ModuleProgress.objects.update(**dict.fromkeys(fields))
    fill(django_apps, None)
    assert {p.pk: [getattr(p, f) for f in fields] for p in ModuleProgress.objects.all()} == expected
    other = ModuleProgress.objects.get(pupil=course.other_pupil)
    assert other.first_lesson_at is None and other.pre_quiz_at is not None
