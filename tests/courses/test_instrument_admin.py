"""Editing quizzes in the Wagtail admin goes through the versioning rule."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.models import Quiz
from courses.versioning import record_version
from tests.factories import QuizFactory, enable_mfa

pytestmark = pytest.mark.django_db


def quiz_form(quiz_key: str, question_text: str, pass_mark: int = 70) -> dict:
    return nested_form_data(
        {
            "title": "Consent quiz",
            "key": quiz_key,
            "intro": "",
            "pass_mark": pass_mark,
            "questions": streamfield(
                [
                    (
                        "single_choice",
                        {
                            "key": "q1",
                            "text": question_text,
                            "choices": streamfield(
                                [
                                    ("item", {"text": "Yes", "correct": "on"}),
                                    ("item", {"text": "No"}),
                                ]
                            ),
                            "feedback": "Anyone can change their mind.",
                        },
                    )
                ]
            ),
        }
    )


@pytest.fixture
def admin_client(client, django_user_model):
    user = enable_mfa(django_user_model.objects.create_superuser("admin@example.org", "a-long-test-password"))
    client.force_login(user)
    return client


def test_creating_a_quiz_in_admin_records_version_one(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_courses_quiz:add"), quiz_form("consent-quiz", "Can consent be withdrawn?")
    )
    assert response.status_code == 302, response.content[:2000]
    quiz = Quiz.objects.get(key="consent-quiz")
    assert quiz.current_version.number == 1
    assert quiz.current_version.definition["questions"][0]["text"] == "Can consent be withdrawn?"


def test_editing_an_answered_quiz_in_admin_creates_a_new_version(admin_client):
    quiz = QuizFactory(key="consent-quiz")
    first = record_version(instrument=quiz)
    first.lock()
    response = admin_client.post(
        reverse("wagtailsnippets_courses_quiz:edit", args=[quiz.pk]),
        quiz_form("consent-quiz", "Reworded question?"),
        follow=True,
    )
    assert response.status_code == 200
    assert "saved as version 2" in response.content.decode()
    first.refresh_from_db()
    assert first.definition["questions"][0]["text"] == "Question q1?"
    assert quiz.current_version.number == 2


def test_admin_rejects_single_choice_without_one_correct_answer(admin_client):
    data = quiz_form("bad-quiz", "Which?")
    data["questions-0-value-choices-0-value-correct"] = ""
    response = admin_client.post(reverse("wagtailsnippets_courses_quiz:add"), data)
    assert response.status_code == 200
    assert "exactly one correct choice" in response.content.decode()
    assert not Quiz.objects.filter(key="bad-quiz").exists()


def test_answered_quiz_cannot_be_deleted(admin_client):
    quiz = QuizFactory()
    record_version(instrument=quiz).lock()
    response = admin_client.post(reverse("wagtailsnippets_courses_quiz:delete", args=[quiz.pk]), follow=True)
    assert Quiz.objects.filter(pk=quiz.pk).exists()
    assert "cannot be deleted" in response.content.decode()


def test_unanswered_quiz_can_be_deleted(admin_client):
    quiz = QuizFactory()
    record_version(instrument=quiz)
    admin_client.post(reverse("wagtailsnippets_courses_quiz:delete", args=[quiz.pk]))
    assert not Quiz.objects.filter(pk=quiz.pk).exists()


def test_quiz_listing_shows_newest_version_number(admin_client):
    quiz = QuizFactory(title="Listing quiz")
    record_version(instrument=quiz).lock()
    quiz.pass_mark = 10
    quiz.save()
    record_version(instrument=quiz)
    response = admin_client.get(reverse("wagtailsnippets_courses_quiz:list"))
    assert response.status_code == 200
    row = next(q for q in response.context["object_list"] if q.pk == quiz.pk)
    assert row.latest_version == 2
    assert row.answered_at is not None
    assert "First answered" in response.content.decode()
