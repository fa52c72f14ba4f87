import uuid

import pytest

from courses.versioning import record_version
from learning.models import ModuleProgress, QuizAnswer, QuizAttempt
from learning.scoring import SubmissionRejectedError
from learning.services.quizzes import submit_quiz_attempt
from tests.factories import QuizFactory, SchoolFactory, pupil, school_class, single_choice, staff, stream
from tests.learning.conftest import all_right, lessons_done

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _lessons_taught(course):
    """The end-of-module quiz opens once every lesson is done (tests/learning/test_wave_order.py)."""
    lessons_done(course, course.pupil, course.other_pupil)


def submit(course, answers=None, key=None, **extra):
    return submit_quiz_attempt(
        pupil=extra.pop("pupil", course.pupil),
        assignment=course.assignment,
        version=extra.pop("version", course.version),
        answers=all_right() if answers is None else answers,
        key=key or uuid.uuid4(),
        **extra,
    )


def test_submission_is_scored_on_the_server_and_stored_with_answers(course):
    attempt = submit(course, {"q1": ["a"], "q2": ["a"]})
    assert (attempt.score, attempt.max_score, attempt.passed) == (1, 2, False)
    assert list(QuizAnswer.objects.filter(attempt=attempt).values_list("question_key", "correct")) == [
        ("q1", True),
        ("q2", False),
    ]


def test_each_answer_is_stored_as_sent_with_its_points_and_the_attempt_as_scored(course):
    attempt = submit(course, {"q1": ["a"], "q2": ["a"]})
    stored = QuizAttempt.objects.get(pk=attempt.pk)
    assert (stored.pupil_id, stored.assignment_id, stored.quiz_version_id) == (
        course.pupil.pk,
        course.assignment.pk,
        course.version.pk,
    )
    assert (stored.number, stored.counts_for_evaluation, stored.submitted_at) == (1, True, attempt.submitted_at)
    rows = QuizAnswer.objects.filter(attempt=attempt).order_by("question_key")
    assert [(a.question_key, a.selected, a.correct, a.points) for a in rows] == [
        ("q1", ["a"], True, 1),
        ("q2", ["a"], False, 0),
    ]


def test_same_key_twice_records_one_attempt_and_returns_the_same_result(course):
    key = uuid.uuid4()
    first = submit(course, key=key)
    again = submit(course, {"q1": ["b"]}, key=key)
    assert again.pk == first.pk and again.score == 2
    assert QuizAttempt.objects.count() == 1
    assert QuizAnswer.objects.count() == 2


def test_first_attempt_counts_and_later_ones_are_practice(course):
    first = submit(course, {"q1": ["a"]})
    second = submit(course)
    assert (first.number, first.counts_for_evaluation) == (1, True)
    assert (second.number, second.counts_for_evaluation) == (2, False)
    progress = ModuleProgress.objects.get(pupil=course.pupil, assignment=course.assignment)
    assert (progress.quiz_attempts, progress.first_score, progress.best_score, progress.passed) == (2, 1, 2, True)


def test_scoring_uses_the_version_the_pupil_was_given(course):
    quiz = course.version.quiz
    quiz.questions = stream([single_choice("q1", correct=1), single_choice("q2", correct=1)])
    quiz.save()
    submit(course)  # answered v1 while it was current: v1 is now locked
    newer = record_version(instrument=quiz)
    assert newer.number == 2
    late = submit(course, version=course.version)  # opened before the edit
    assert late.quiz_version == course.version and late.score == 2
    course.version.refresh_from_db()
    assert course.version.is_locked


def test_key_of_another_pupil_is_refused(course):
    key = uuid.uuid4()
    submit(course, key=key)
    with pytest.raises(SubmissionRejectedError):
        submit(course, key=key, pupil=course.other_pupil)
    assert QuizAttempt.objects.count() == 1


def test_quiz_not_set_for_the_pupil_is_refused_and_nothing_stored(course):
    school = SchoolFactory()
    outsider, _ = pupil(school_class(school, staff(school)), "Cai")
    with pytest.raises(SubmissionRejectedError, match="not set for you"):
        submit(course, pupil=outsider)
    other_version = record_version(instrument=QuizFactory())
    with pytest.raises(SubmissionRejectedError, match="not part of this module"):
        submit(course, version=other_version)
    with pytest.raises(SubmissionRejectedError):
        submit(course, {"q1": ["a", "b"]})
    assert not QuizAttempt.objects.exists()
    assert not ModuleProgress.objects.filter(pupil=outsider).exists()
    assert ModuleProgress.objects.get(pupil=course.pupil).quiz_attempts == 0
    course.version.refresh_from_db()
    assert not course.version.is_locked


@pytest.fixture
def key_stored_meanwhile(monkeypatch):
    """The key is stored by another connection after this submission looked for it."""
    from learning.services import quizzes

    original = quizzes._KEY_AND_ATTEMPTS.run

    def not_seen_yet(*, key, pupil_id, assignment_id):
        return [row for row in original(key=key, pupil_id=pupil_id, assignment_id=assignment_id) if row[3] != key]

    monkeypatch.setattr(quizzes._KEY_AND_ATTEMPTS, "run", not_seen_yet)


def test_a_key_that_won_the_race_gives_back_its_attempt_and_nothing_else_is_stored(course, key_stored_meanwhile):
    key = uuid.uuid4()
    first = submit(course, key=key)
    again = submit(course, {"q1": ["b"]}, key=key)
    assert again.pk == first.pk
    assert QuizAttempt.objects.count() == 1 and QuizAnswer.objects.count() == 2
    progress = ModuleProgress.objects.get(pupil=course.pupil, assignment=course.assignment)
    assert progress.quiz_attempts == 1


def test_a_key_another_pupil_won_the_race_with_is_refused(course, key_stored_meanwhile):
    key = uuid.uuid4()
    submit(course, key=key)
    with pytest.raises(SubmissionRejectedError, match="another account"):
        submit(course, key=key, pupil=course.other_pupil)
    assert QuizAttempt.objects.count() == 1
    assert not ModuleProgress.objects.filter(pupil=course.other_pupil, quiz_attempts__gt=0).exists()
