"""The quiz before the lessons: the knowledge baseline for pupils in the evaluation."""

import re
import uuid

import pytest
from django.utils import timezone

from learning.models import ModuleProgress, QuizAttempt, Wave
from learning.scoring import SubmissionRejectedError
from learning.services.lessons import complete_lesson
from learning.services.quizzes import pre_quiz_offered, submit_quiz_attempt
from schools.services.pupils import record_opt_out
from tests.learning.conftest import lessons_done
from tests.learning.pupil_client import sign_in, url

pytestmark = pytest.mark.django_db


def submit(course, *, key=None, wave=Wave.PRE, answers=None):
    return submit_quiz_attempt(
        pupil=course.pupil,
        assignment=course.assignment,
        version=course.version,
        answers=answers if answers is not None else {"q1": ["a"], "q2": ["a"]},
        key=key or uuid.uuid4(),
        wave=wave,
    )


def test_pre_quiz_score_is_the_baseline_in_the_summary(course):
    attempt = submit(course)
    assert (attempt.wave, attempt.number, attempt.counts_for_evaluation) == (Wave.PRE, 1, True)
    progress = ModuleProgress.objects.get(pupil=course.pupil)
    assert (progress.pre_score, progress.pre_max_score) == (1, 2)
    assert progress.quiz_attempts == 0 and progress.first_score is None, "the end-of-module quiz is separate"


def test_pre_quiz_is_taken_once(course):
    key = uuid.uuid4()
    first = submit(course, key=key)
    assert submit(course, key=key).pk == first.pk, "a resubmitted form returns the same attempt"
    with pytest.raises(SubmissionRejectedError):
        submit(course)
    assert QuizAttempt.objects.filter(wave=Wave.PRE).count() == 1


def test_pre_quiz_closes_once_a_lesson_is_done(course):
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    assert not pre_quiz_offered(pupil=course.pupil, assignment=course.assignment)
    with pytest.raises(SubmissionRejectedError):
        submit(course)
    assert not QuizAttempt.objects.exists()


@pytest.mark.parametrize("kind", ["opt_out", "withdrawal"])
def test_pupils_out_of_the_evaluation_are_not_given_the_pre_quiz(course, kind):
    record_opt_out(pupil=course.pupil, kind=kind, on=timezone.localdate(), actor=course.teacher)
    course.pupil.refresh_from_db()
    assert not pre_quiz_offered(pupil=course.pupil, assignment=course.assignment)
    with pytest.raises(SubmissionRejectedError):
        submit(course)
    lessons_done(course)
    assert submit(course, wave=Wave.POST).wave == Wave.POST, "the end-of-module quiz is still theirs"


def test_no_pre_quiz_when_the_assignment_leaves_out_the_before_and_after_questions(course):
    course.assignment.include_surveys = False
    course.assignment.save()
    assert not pre_quiz_offered(pupil=course.pupil, assignment=course.assignment)


def test_follow_up_is_not_a_quiz_stage(course):
    with pytest.raises(SubmissionRejectedError):
        submit(course, wave=Wave.FOLLOW_UP)


def test_pupil_takes_the_pre_quiz_and_sees_no_answers(client, course):
    sign_in(client, course.pupil)
    module_page = client.get(url("assignment", course.assignment.pk)).content.decode()
    assert url("pre_quiz", course.assignment.pk) in module_page
    html = client.get(url("pre_quiz", course.assignment.pk)).content.decode()
    assert "see what you know already" in html.lower()
    key = re.search(r'name="key" value="([0-9a-f-]+)"', html).group(1)
    form = {"version": str(course.version.pk), "key": key, "answer-q1": "b", "answer-q2": "b"}
    response = client.post(url("pre_quiz", course.assignment.pk), form)
    assert response.status_code == 302
    result = client.get(response["Location"]).content.decode()
    assert "1 out of 2" in result and "Before the lessons" in result
    assert "Right answer" not in result and "Your answers" not in result
    assert QuizAttempt.objects.get().wave == Wave.PRE
    module_page = client.get(url("assignment", course.assignment.pk)).content.decode()
    assert url("pre_quiz", course.assignment.pk) not in module_page
    assert client.get(url("pre_quiz", course.assignment.pk)).status_code == 302, "taken: back to the module"
