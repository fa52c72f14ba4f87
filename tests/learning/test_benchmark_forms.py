"""The load benchmarks' simulated pupils read the real pages' forms (``benchmarks/page_forms.py``).

A benchmark whose devices cannot read a form sends blank quizzes and measures refusals, not
submissions; so the reader is checked against the pages as they are rendered now.
"""

import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from learning.models import QuizAttempt
from tests.learning.conftest import lessons_done
from tests.learning.pupil_client import lesson_url, sign_in, url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from page_forms import choices, csrf_token, first_choice_form, hidden_fields

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def test_a_simulated_pupil_answers_every_question_of_the_quiz_page_and_it_is_stored(client, course):
    lessons_done(course)
    sign_in(client, course.pupil)
    page = client.get(url("quiz", course.assignment.pk)).content.decode()

    form = first_choice_form(page)

    assert set(choices(page, "answer-")) == {"answer-q1", "answer-q2"}
    assert form["answer-q1"] == "a" and form["answer-q2"] == "a", "the first choice of each question"
    assert form["version"] == str(course.version.pk) and form["key"]
    response = client.post(url("quiz", course.assignment.pk), form)
    assert response.status_code == 302, "a complete answer is taken, not held for blank questions"
    assert QuizAttempt.objects.filter(pupil=course.pupil, assignment=course.assignment).count() == 1


def test_the_form_token_and_hidden_fields_are_read_in_any_attribute_order():
    page = (
        '<input value="tok" type="hidden" name="csrfmiddlewaretoken">'
        '<input name="version" type="hidden" value="7">'
        '<input type="radio" value="b" name="choice"><input name="choice" value="c" type="radio">'
    )
    assert csrf_token(page) == "tok"
    assert hidden_fields(page, {"version"}) == {"version": "7"}
    assert choices(page) == {"choice": ["b", "c"]}


def test_a_quick_check_slide_gives_its_choices_and_form_token(client, course, interactive_lesson):
    sign_in(client, course.pupil)
    page = client.get(lesson_url(course, 0, 2)).content.decode()
    assert list(choices(page, "choice").values()) == [["0", "1"]]
    assert csrf_token(page)
