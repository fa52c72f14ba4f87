"""A double submit racing through two database connections stores one attempt (PostgreSQL)."""

import threading
import uuid

import pytest
from django.db import connection

from learning.models import QuizAnswer, QuizAttempt
from learning.services.quizzes import submit_quiz_attempt
from tests.learning.conftest import all_right, lessons_done

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_same_key_from_two_threads_at_once_stores_one_attempt(course):
    lessons_done(course)  # The end-of-module quiz opens once every lesson is done.
    key = uuid.uuid4()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def send():
        try:
            barrier.wait(timeout=10)
            attempt = submit_quiz_attempt(
                pupil=course.pupil, assignment=course.assignment, version=course.version, answers=all_right(), key=key
            )
            results.append(attempt.pk)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(set(results)) == 1
    assert QuizAttempt.objects.count() == 1
    assert QuizAnswer.objects.count() == 2


def test_many_pupils_submitting_at_once_are_all_stored(course):
    from tests.factories import pupil

    pupils = [course.pupil, course.other_pupil] + [pupil(course.assignment.school_class, f"P{n}")[0] for n in range(8)]
    lessons_done(course, *pupils)
    barrier = threading.Barrier(len(pupils))
    errors = []

    def send(who):
        try:
            barrier.wait(timeout=10)
            submit_quiz_attempt(
                pupil=who, assignment=course.assignment, version=course.version, answers=all_right(), key=uuid.uuid4()
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(who,)) for who in pupils]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert QuizAttempt.objects.count() == len(pupils)
    assert set(QuizAttempt.objects.values_list("number", flat=True)) == {1}
