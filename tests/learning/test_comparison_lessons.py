"""A comparison (wait-list) class has the lessons only from its post wave: before, every way into a lesson
(the lesson player, a quick check, finishing, the register, a live lesson) is refused with the reason and
stores nothing."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from classroom.models import LiveSession
from classroom.services.live import SessionRefusedError, start_session
from learning.models import ActivityAnswer, LessonProgress, ModuleProgress
from learning.scoring import SubmissionRejectedError
from learning.services.activities import record_activity_answer
from learning.services.lessons import complete_lesson, record_lesson_taught, record_position
from schools.models import Arm, Assignment, Delivery
from tests.classroom.live_world import make_live_world
from tests.learning.pupil_client import lesson_url, sign_in, url

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LATER = TODAY + datetime.timedelta(days=5)
PUPIL_MESSAGE = (
    f"Your class has these lessons later: they open on {LATER:%-d %B %Y}. That day, answer the quiz and the survey "
    "again before you start them."
)
TEACHER_MESSAGE = (
    f"This is a comparison (wait-list) class: its lessons open on {LATER:%-d %B %Y}, the day it answers the quiz "
    "and survey again."
)


def wait_list(assignment, post_wave_on=LATER):
    Assignment.objects.filter(pk=assignment.pk).update(
        opens_on=TODAY - datetime.timedelta(days=10),
        arm=Arm.COMPARISON,
        post_wave_on=post_wave_on,
        delivery=Delivery.SELF_PACED,
    )
    assignment.refresh_from_db()


def nothing_stored():
    return not (LessonProgress.objects.exists() or ActivityAnswer.objects.exists() or ModuleProgress.objects.exists())


@pytest.mark.parametrize(
    "begin",
    [
        lambda c, lesson: record_position(pupil=c.pupil, assignment=c.assignment, lesson=lesson, position=1),
        lambda c, lesson: complete_lesson(pupil=c.pupil, assignment=c.assignment, lesson=c.lessons[1]),
        lambda c, lesson: record_lesson_taught(assignment=c.assignment, lesson=lesson, pupils=[c.pupil]),
        lambda c, lesson: record_activity_answer(
            pupil=c.pupil, assignment=c.assignment, lesson=lesson, block_id=lesson.body[0].id, choice=0
        ),
    ],
    ids=["open", "finish", "taught", "quick check"],
)
def test_the_lessons_of_a_comparison_class_wait_for_its_post_wave(course, interactive_lesson, begin):
    wait_list(course.assignment)
    with pytest.raises(SubmissionRejectedError) as caught:
        begin(course, interactive_lesson)
    assert str(caught.value) == PUPIL_MESSAGE
    assert nothing_stored()

    wait_list(course.assignment, post_wave_on=TODAY)
    begin(course, interactive_lesson)
    assert LessonProgress.objects.exists() or ActivityAnswer.objects.exists()


def test_the_lesson_player_sends_a_waiting_pupil_back_and_refuses_answers_with_400(client, course, interactive_lesson):
    wait_list(course.assignment)
    sign_in(client, course.pupil)

    response = client.get(lesson_url(course, 0))
    assert response.status_code == 302 and response["Location"] == url("assignment", course.assignment.pk)
    assert [str(message) for message in get_messages(response.wsgi_request)] == [PUPIL_MESSAGE]

    response = client.post(lesson_url(course, 0, 2), {"action": "check", "choice": "0"})
    assert response.status_code == 400
    assert PUPIL_MESSAGE in " ".join(response.content.decode().split())
    assert nothing_stored()


def test_a_comparison_class_cannot_be_taught_live_before_its_post_wave(programme):
    world = make_live_world(programme)
    wait_list(world.assignment)

    def start():
        return start_session(
            school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher
        )

    with pytest.raises(SessionRefusedError) as caught:
        start()
    assert caught.value.reasons == [TEACHER_MESSAGE]
    assert not LiveSession.objects.exists()

    wait_list(world.assignment, post_wave_on=TODAY)
    assert start().is_open


def test_the_assignment_page_says_when_the_lessons_open_and_links_them_only_then(client, course):
    wait_list(course.assignment)
    sign_in(client, course.pupil)
    page = " ".join(client.get(url("assignment", course.assignment.pk)).content.decode().split())
    assert PUPIL_MESSAGE in page
    assert lesson_url(course, 0) not in page
    assert "Take the quiz again before you start the lessons." in page

    wait_list(course.assignment, post_wave_on=TODAY)
    page = client.get(url("assignment", course.assignment.pk)).content.decode()
    assert PUPIL_MESSAGE not in " ".join(page.split()) and lesson_url(course, 0) in page
