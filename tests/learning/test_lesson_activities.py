import re

import pytest

from learning.models import ActivityAnswer, LessonProgress, ModuleProgress
from learning.scoring import SubmissionRejectedError
from learning.services.activities import record_activity_answer
from learning.services.lessons import complete_lesson, record_lesson_taught
from tests.factories import SchoolFactory, pupil, school_class, staff
from tests.learning.pupil_client import lesson_url, sign_in

pytestmark = pytest.mark.django_db


def block_ids(lesson):
    return {child.block_type: child.id for child in lesson.body}


def test_first_knowledge_check_answer_is_kept_and_marked(client, course, interactive_lesson):
    sign_in(client, course.pupil)
    client.post(lesson_url(course, 0, 2), {"action": "check", "choice": "1"})
    html = client.post(lesson_url(course, 0, 2), {"action": "check", "choice": "0"}).content.decode()
    assert "Yes, that's right." in html, "feedback follows the latest answer"
    # Without JavaScript the page still opens on the feedback: the form posts to its fragment.
    assert f'action="{lesson_url(course, 0, 2)}#feedback"' in html
    assert re.search(r'id="feedback"[^>]*role="status"[^>]*data-focus-on-arrival', html)
    answer = ActivityAnswer.objects.get()
    assert (answer.pupil, answer.kind, answer.choice, answer.correct) == (course.pupil, "knowledge_check", 1, False)
    assert answer.block_id == block_ids(interactive_lesson)["knowledge_check"] and not answer.in_class


def test_scenario_choice_is_recorded_without_a_mark(client, course, interactive_lesson):
    sign_in(client, course.pupil)
    client.post(lesson_url(course, 0, 3), {"action": "choose", "choice": "1"})
    answer = ActivityAnswer.objects.get()
    assert (answer.kind, answer.choice, answer.correct) == ("scenario", 1, None)


def test_revisiting_an_answered_check_shows_the_kept_answer(client, course, interactive_lesson):
    sign_in(client, course.pupil)
    client.post(lesson_url(course, 0, 2), {"action": "check", "choice": "0"})
    html = client.get(lesson_url(course, 0, 2)).content.decode()
    assert re.search(r'value="0"\s+checked', html)
    assert "Yes, that's right." in html


def test_a_missing_choice_stores_nothing(client, course, interactive_lesson):
    sign_in(client, course.pupil)
    for choice in ("", "9", "-1", "one"):
        assert client.post(lesson_url(course, 0, 2), {"action": "check", "choice": choice}).status_code == 400
    assert not ActivityAnswer.objects.exists()


def test_lesson_cannot_be_finished_until_its_checks_are_answered(client, course, interactive_lesson):
    sign_in(client, course.pupil)
    response = client.post(lesson_url(course, 0, 4), {"action": "finish"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Answer the quick checks in this lesson before you finish it." in html
    assert f'href="{lesson_url(course, 0, 2)}"' in html and "quick check on slide 2" in html
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()

    client.post(lesson_url(course, 0, 2), {"action": "check", "choice": "1"})
    response = client.post(lesson_url(course, 0, 4), {"action": "finish"})
    assert response.status_code == 302, "a wrong answer still counts as answered; the scenario is optional"
    assert ModuleProgress.objects.get(pupil=course.pupil).lessons_done == 1


def test_teaching_in_class_completes_a_lesson_whatever_was_answered(course, interactive_lesson):
    assert record_lesson_taught(assignment=course.assignment, lesson=interactive_lesson, pupils=[course.pupil]) == 1
    row = LessonProgress.objects.get(pupil=course.pupil, lesson=interactive_lesson)
    assert row.completed_at is not None and row.taught_in_class


def test_service_refuses_unfinished_checks(course, interactive_lesson):
    with pytest.raises(SubmissionRejectedError):
        complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=interactive_lesson)
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_in_class_answers_are_marked_and_duplicates_return_the_first(course, interactive_lesson):
    check = block_ids(interactive_lesson)["knowledge_check"]
    args = {"pupil": course.pupil, "assignment": course.assignment, "lesson": interactive_lesson, "block_id": check}
    first, created = record_activity_answer(**args, choice=0, in_class=True)
    again, created_again = record_activity_answer(**args, choice=1, in_class=True)
    assert created and not created_again and again.pk == first.pk
    assert (again.choice, again.correct, again.in_class) == (0, True, True)


@pytest.mark.parametrize(
    "change",
    [
        {"block_id": "not-a-block"},
        {"choice": 2},
        {"choice": -1},
    ],
)
def test_tampered_answers_are_rejected(course, interactive_lesson, change):
    args = {
        "pupil": course.pupil,
        "assignment": course.assignment,
        "lesson": interactive_lesson,
        "block_id": block_ids(interactive_lesson)["knowledge_check"],
        "choice": 0,
    } | change
    with pytest.raises(SubmissionRejectedError):
        record_activity_answer(**args)
    assert not ActivityAnswer.objects.exists()


def test_a_block_of_another_lesson_is_rejected(course, interactive_lesson):
    other_lesson = course.lessons[1]
    with pytest.raises(SubmissionRejectedError):
        record_activity_answer(
            pupil=course.pupil,
            assignment=course.assignment,
            lesson=other_lesson,
            block_id=block_ids(interactive_lesson)["knowledge_check"],
            choice=0,
        )
    assert not ActivityAnswer.objects.exists()


def test_another_schools_pupil_cannot_answer(course, interactive_lesson):
    school = SchoolFactory()
    stranger, _ = pupil(school_class(school, staff(school)), "Zed")
    with pytest.raises(SubmissionRejectedError):
        record_activity_answer(
            pupil=stranger,
            assignment=course.assignment,
            lesson=interactive_lesson,
            block_id=block_ids(interactive_lesson)["knowledge_check"],
            choice=0,
        )
    assert not ActivityAnswer.objects.exists()
