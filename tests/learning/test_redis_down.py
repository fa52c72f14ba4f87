"""With Redis down (cache and broker), pupils still sign in, learn and submit, and staff still sign in."""

import pytest
from django.urls import reverse

from config import cache_backend
from learning.models import LessonProgress, QuizAnswer, QuizAttempt
from schools.pupil_session import WRONG_CODES
from tests.celery_broker import broker_at
from tests.learning.pupil_client import lesson_url, sign_in, url
from tests.learning.test_pupil_views import right_answers, self_paced

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every connection is refused.
DOWN = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings, monkeypatch):
    """The cache and the Celery broker both at a Redis that cannot be reached."""
    monkeypatch.setattr(cache_backend, "_outages", {})
    settings.CACHES = {"default": {"BACKEND": "config.cache_backend.FailOpenRedisCache", "LOCATION": DOWN}}
    with broker_at(DOWN):
        yield


def test_a_pupil_signs_in_learns_and_submits_a_quiz_once(client, course, redis_down):
    self_paced(course)
    sign_in(client, course.pupil)
    assert client.get(url("pupil_home")).status_code == 200
    assert client.get(lesson_url(course, 0)).status_code == 200
    assert client.post(lesson_url(course, 0, 3), {"action": "finish"}).status_code == 302
    assert LessonProgress.objects.get(pupil=course.pupil, lesson=course.lessons[0]).completed_at is not None
    assert client.get(lesson_url(course, 1)).status_code == 200
    assert client.post(lesson_url(course, 1, 3), {"action": "finish"}).status_code == 302

    form = right_answers(course)
    first = client.post(url("quiz", course.assignment.pk), form)
    again = client.post(url("quiz", course.assignment.pk), form)
    assert first.status_code == again.status_code == 302 and again["Location"] == first["Location"]
    assert QuizAttempt.objects.filter(pupil=course.pupil).count() == 1
    assert QuizAnswer.objects.count() == 2
    assert client.get(first["Location"]).status_code == 200


def test_sign_in_limits_are_not_enforced_until_redis_is_back(client, course, redis_down, settings):
    settings.PUPIL_LOGIN_RATE_PER_IP = "2/5m"
    klass = course.pupil.memberships.get().school_class
    for _ in range(4):
        # Well formed (the codes' alphabet) but wrong: the codes are checked, and the tries are not counted.
        response = client.post(reverse("schools:pupil_login"), {"class_code": klass.class_code, "pupil_code": "ZZZZZZ"})
        assert response.status_code == 200, "told the codes are wrong, never paused"
        assert WRONG_CODES in response.content.decode()
    sign_in(client, course.pupil)


def test_a_teacher_signs_in_with_a_password(client, course, redis_down):
    course.teacher.set_password("a-long-test-password")
    course.teacher.save()
    response = client.post(
        reverse("account_login"), {"login": course.teacher.email, "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(course.teacher.pk)
