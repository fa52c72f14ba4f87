"""A slide's page is rendered once for every pupil on it and filled in with each pupil's own
values: their name, their assignment's links and their form token, never another pupil's."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from courses.page_shell import _TOKEN
from schools.models import Assignment
from tests.factories import pupil, school_class
from tests.learning.pupil_client import lesson_url, sign_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def self_paced(course):
    course.assignment.delivery = "self_paced"
    course.assignment.save()
    return course


def page(client, address) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def test_each_pupil_sees_their_own_name_and_assignment_on_a_shared_slide(self_paced):
    # A pupil of another class doing the same module: the same slide, another assignment.
    other_class = school_class(self_paced.assignment.school_class.school, self_paced.teacher, name="9Q")
    zara, _ = pupil(other_class, "Zara")
    theirs = Assignment.objects.create(
        school_class=other_class,
        module=self_paced.assignment.module,
        opens_on=timezone.localdate(),
        delivery="self_paced",
    )
    ava, zed = Client(), Client()
    sign_in(ava, self_paced.pupil)
    sign_in(zed, zara)
    lesson = self_paced.lessons[0]

    mine = page(ava, lesson_url(self_paced, 0, 1))
    other = page(zed, f"{url('lesson', theirs.pk, lesson.pk)}?slide=1")

    assert 'Sign out<span class="govuk-visually-hidden">, Ava</span>' in mine
    assert 'Sign out<span class="govuk-visually-hidden">, Zara</span>' in other and "Ava" not in other
    assert url("assignment", theirs.pk) in other and url("assignment", self_paced.assignment.pk) not in other
    assert url("assignment", self_paced.assignment.pk) in mine
    assert _TOKEN not in mine and _TOKEN not in other, "no stand-in is left in a page"


def test_a_name_is_escaped_where_it_is_filled_in(client, self_paced):
    self_paced.pupil.first_name = "<b>Ava</b>"
    self_paced.pupil.save()
    sign_in(client, self_paced.pupil)
    html = page(client, lesson_url(self_paced, 0, 1))
    assert "&lt;b&gt;Ava&lt;/b&gt;" in html and "<b>Ava</b>" not in html


def test_the_form_token_filled_in_is_the_pupils_own(self_paced, interactive_lesson):
    browser = Client(enforce_csrf_checks=True)
    sign_in_with_token(browser, self_paced)
    html = page(browser, lesson_url(self_paced, 0, 2))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    answered = browser.post(
        lesson_url(self_paced, 0, 2), {"csrfmiddlewaretoken": token, "action": "check", "choice": "0"}
    )
    assert answered.status_code == 200 and "Yes, that's right." in answered.content.decode()
    again = page(browser, lesson_url(self_paced, 0, 2))
    assert "Yes, that's right." in again, "the answer's shell shows the answer"
    refused = browser.post(lesson_url(self_paced, 0, 2), {"csrfmiddlewaretoken": "x" * 64, "action": "check"})
    assert refused.status_code == 403


def sign_in_with_token(browser, course):
    """Sign in through the form with its own token, as a browser that checks tokens must."""
    from django.urls import reverse

    from schools.services.pupils import reset_login_code

    login = reverse("schools:pupil_login")
    html = browser.get(login).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    code = reset_login_code(pupil=course.pupil, actor=None)
    klass = course.assignment.school_class
    response = browser.post(login, {"csrfmiddlewaretoken": token, "class_code": klass.class_code, "pupil_code": code})
    assert response.status_code == 302


def test_a_message_for_the_pupil_is_shown_on_the_slide(client, self_paced):
    sign_in(client, self_paced.pupil)
    page(client, lesson_url(self_paced, 0, 1))  # the shell is kept from here on
    refused = client.get(url("quiz", self_paced.assignment.pk))  # the lessons are not done yet: a message
    assert refused.status_code == 302
    html = page(client, lesson_url(self_paced, 0, 1))
    assert "govuk-notification-banner" in html, "the message is shown on the slide opened next"
    assert "govuk-notification-banner" not in page(client, lesson_url(self_paced, 0, 1)), "and only once"
