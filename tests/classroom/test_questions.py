"""The anonymous question box: no teacher ever sees who asked; only the DSL can, and it is logged."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classroom.models import AnonymousQuestion, QuestionStatus
from classroom.services.live import start_session
from classroom.services.questions import QUESTIONS_PER_HOUR, delete_expired_questions, pass_to_dsl
from classroom.tasks import delete_expired_questions_task
from schools.models import AuditAction, AuditEvent
from tests.classroom.live_world import NAME_STEM, give_dsl, make_live_world, url
from tests.factories import platform_admin, staff

pytestmark = pytest.mark.django_db

QUESTION = "Is it normal if my boyfriend checks my phone every night?"


@pytest.fixture
def world(programme):
    world = make_live_world(programme, pupils=3)
    world.dsl = staff(world.school, "teacher", email="dsl@fern.example.org")
    give_dsl(world.school, account=world.dsl)
    return world


def _ask(world, index=0, text=QUESTION):
    client = world.pupil_client(index)
    return client, client.post(url("pupil_questions"), {"text": text})


def _assert_anonymous(html: str, world) -> None:
    assert NAME_STEM not in html
    for pupil in world.pupils:
        assert pupil.last_name not in html
        assert str(pupil.research_key) not in html


# --- Pupils ---------------------------------------------------------------------------------------


def test_pupils_are_told_who_can_see_a_question_before_they_post(world):
    page = world.pupil_client(0).get(url("pupil_questions")).content.decode()
    explanation = page.index("Your teacher sees your question, but not your name.")
    safeguarding = page.index("Mr Adeyemi, the school's safeguarding lead")
    assert explanation < safeguarding < page.index('name="text"')
    assert "can find out who asked" in page


def test_pupil_posts_a_question_to_their_class(world):
    session = start_session(
        school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher
    )
    _, response = _ask(world)
    assert response.status_code == 302
    question = AnonymousQuestion.objects.get()
    assert question.text == QUESTION and question.pupil == world.pupils[0]
    assert question.school_class == world.klass and question.session == session
    assert question.status == QuestionStatus.NEW


@pytest.mark.parametrize("text", ["", "   ", "x" * 501], ids=["empty", "blank", "too-long"])
def test_bad_questions_are_refused(world, text):
    _, response = _ask(world, text=text)
    assert response.status_code == 400
    assert not AnonymousQuestion.objects.exists()


def test_a_pupil_cannot_flood_the_box(world):
    client = world.pupil_client(0)
    for n in range(QUESTIONS_PER_HOUR):
        assert client.post(url("pupil_questions"), {"text": f"Question {n}"}).status_code == 302
    response = client.post(url("pupil_questions"), {"text": "One more"})
    assert response.status_code == 400
    assert AnonymousQuestion.objects.count() == QUESTIONS_PER_HOUR


def test_written_answers_are_shown_to_the_whole_class(world):
    _ask(world)
    question = AnonymousQuestion.objects.get()
    response = world.teacher_client().post(
        url("question_answer", world.klass.pk, question.pk),
        {"shown_text": QUESTION, "answer": "No. Checking your phone is control.", "checked": "on"},
    )
    assert response.status_code == 302
    classmate = world.pupil_client(1).get(url("pupil_questions")).content.decode()
    assert QUESTION in classmate and "Checking your phone is control." in classmate
    assert world.pupils[0].first_name not in classmate, "who asked is not shown to the class"


# --- Teachers -------------------------------------------------------------------------------------


def test_teacher_pages_never_show_who_asked(world):
    start_session(school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher)
    _ask(world)
    question = AnonymousQuestion.objects.get()
    teacher = world.teacher_client()
    pages = [
        url("class_questions", world.klass.pk),
        url("class_questions", world.klass.pk) + "?show=new",
        url("question_answer", world.klass.pk, question.pk),
        url("question_pass", world.klass.pk, question.pk),
        url("live_session", question.session_id),
        url("live_screen", question.session_id),
    ]
    for address in pages:
        response = teacher.get(address)
        assert response.status_code == 200, address
        _assert_anonymous(response.content.decode(), world)
    assert QUESTION in teacher.get(pages[0]).content.decode()
    pass_to_dsl(question=question, user=world.teacher)
    _assert_anonymous(teacher.get(pages[0]).content.decode(), world)
    _assert_anonymous(world.teacher_client(world.lead).get(pages[0]).content.decode(), world)


def test_teacher_marks_answered_in_class_hides_and_shows_again(world):
    _ask(world)
    question = AnonymousQuestion.objects.get()
    teacher = world.teacher_client()
    action = url("question_action", world.klass.pk, question.pk)
    teacher.post(action, {"action": "answered_in_class"})
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED_IN_CLASS and question.answered_by == world.teacher
    teacher.post(action, {"action": "hide"})
    assert QUESTION not in teacher.get(url("class_questions", world.klass.pk)).content.decode()
    assert QUESTION in teacher.get(url("class_questions", world.klass.pk) + "?show=hidden").content.decode()
    teacher.post(action, {"action": "show"})
    question.refresh_from_db()
    assert question.status == QuestionStatus.NEW
    assert teacher.post(action, {"action": "reveal"}).status_code == 400


def test_empty_written_answer_is_refused(world):
    _ask(world)
    question = AnonymousQuestion.objects.get()
    response = world.teacher_client().post(
        url("question_answer", world.klass.pk, question.pk), {"shown_text": QUESTION, "answer": "  ", "checked": "on"}
    )
    assert response.status_code == 400
    question.refresh_from_db()
    assert question.status == QuestionStatus.NEW and question.answer == ""


# --- The safeguarding lead ------------------------------------------------------------------------


def test_pass_to_dsl_is_audit_logged_without_naming_the_pupil(world):
    _ask(world)
    question = AnonymousQuestion.objects.get()
    response = world.teacher_client().post(url("question_pass", world.klass.pk, question.pk))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.passed_to_dsl_at is not None and question.passed_by == world.teacher
    event = AuditEvent.objects.get(action=AuditAction.QUESTION_PASSED_TO_DSL)
    assert event.actor == world.teacher and event.school == world.school
    assert NAME_STEM not in event.summary and NAME_STEM not in str(event.detail)
    world.teacher_client().post(url("question_pass", world.klass.pk, question.pk))
    assert AuditEvent.objects.filter(action=AuditAction.QUESTION_PASSED_TO_DSL).count() == 1


def test_only_the_dsl_sees_who_asked_and_each_look_is_logged(world):
    _ask(world)
    question = AnonymousQuestion.objects.get()
    pass_to_dsl(question=question, user=world.teacher)
    dsl = world.teacher_client(world.dsl)
    listing = dsl.get(url("dsl_questions")).content.decode()
    assert QUESTION in listing
    _assert_anonymous(listing, world)
    for _ in range(2):
        detail = dsl.get(url("dsl_question", question.pk))
        assert detail.status_code == 200
        assert world.pupils[0].display_name in detail.content.decode()
    views = AuditEvent.objects.filter(action=AuditAction.QUESTION_IDENTITY_VIEWED)
    assert views.count() == 2 and set(views.values_list("actor", flat=True)) == {world.dsl.pk}
    assert all(NAME_STEM not in event.summary for event in views)

    other_dsl = staff(world.other_school, "teacher", email="dsl@brook.example.org")
    give_dsl(world.other_school, account=other_dsl)
    for user in (world.teacher, world.lead, platform_admin(email="root@example.org")):
        client = world.teacher_client(user)
        assert client.get(url("dsl_question", question.pk)).status_code == 404, user
        assert client.get(url("dsl_questions")).status_code == 404, user
    other = world.teacher_client(other_dsl)
    assert other.get(url("dsl_question", question.pk)).status_code == 404
    assert QUESTION not in other.get(url("dsl_questions")).content.decode()
    assert views.count() == 2


def test_dsl_cannot_see_who_asked_a_question_that_was_not_passed_on(world):
    _ask(world)
    question = AnonymousQuestion.objects.get()
    assert world.teacher_client(world.dsl).get(url("dsl_question", question.pk)).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.QUESTION_IDENTITY_VIEWED).exists()


def test_without_a_linked_dsl_account_nothing_is_passed(world):
    give_dsl(world.school, account=None)
    _ask(world)
    question = AnonymousQuestion.objects.get()
    page = world.teacher_client().get(url("question_pass", world.klass.pk, question.pk)).content.decode()
    assert "no account linked" in page
    response = world.teacher_client().post(url("question_pass", world.klass.pk, question.pk), follow=True)
    assert "Speak to them in person" in response.content.decode()
    question.refresh_from_db()
    assert question.passed_to_dsl_at is None
    assert not AuditEvent.objects.filter(action=AuditAction.QUESTION_PASSED_TO_DSL).exists()


def _passed(world, count: int) -> list[AnonymousQuestion]:
    for number in range(count):
        _ask(world, index=number, text=f"{QUESTION} ({number})")
    questions = list(AnonymousQuestion.objects.order_by("pk"))
    for question in questions:
        pass_to_dsl(question=question, user=world.teacher)
    return questions


def test_the_dsl_finds_the_questions_waiting_for_them_from_their_home_page(world):
    first, _ = _passed(world, 2)
    home = reverse("schools:teacher_home")
    dsl = world.teacher_client(world.dsl)
    page = dsl.get(home).content.decode()
    assert f'href="{url("dsl_questions")}"' in page and "2 waiting" in page
    assert dsl.get(url("dsl_questions")).content.decode().count('govuk-tag--red">New</strong>') == 2
    dsl.get(url("dsl_question", first.pk))
    first.refresh_from_db()
    assert first.dsl_opened_at is not None
    assert "1 waiting" in dsl.get(home).content.decode(), "a question the DSL opened no longer waits"
    assert dsl.get(url("dsl_questions")).content.decode().count('govuk-tag--red">New</strong>') == 1
    for user in (world.teacher, world.lead):
        assert url("dsl_questions") not in world.teacher_client(user).get(home).content.decode(), user


def test_a_school_lead_who_is_the_dsl_sees_the_link_on_the_school_overview(world):
    overview = reverse("schools:school_overview", args=[world.school.urn])
    _passed(world, 1)
    assert url("dsl_questions") not in world.teacher_client(world.lead).get(overview).content.decode()
    give_dsl(world.school, account=world.lead)
    page = world.teacher_client(world.lead).get(overview).content.decode()
    assert f'href="{url("dsl_questions")}"' in page and "1 waiting" in page


def test_the_count_on_a_school_overview_is_that_school_s_only(world):
    _passed(world, 1)
    other_lead = staff(world.other_school, "school_lead", email="lead@brook.example.org")
    give_dsl(world.other_school, account=other_lead)
    page = world.teacher_client(other_lead).get(reverse("schools:teacher_home")).content.decode()
    assert url("dsl_questions") in page and "none waiting" in page
    overview = reverse("schools:school_overview", args=[world.other_school.urn])
    assert "none waiting" in world.teacher_client(other_lead).get(overview).content.decode()


# --- Other schools, reports and retention ---------------------------------------------------------


def test_other_school_gets_404_for_the_class_questions(world):
    _ask(world)
    question = AnonymousQuestion.objects.get()
    outsider = world.teacher_client(world.other_teacher)
    assert outsider.get(url("class_questions", world.klass.pk)).status_code == 404
    assert outsider.get(url("question_answer", world.klass.pk, question.pk)).status_code == 404
    assert outsider.post(url("question_pass", world.klass.pk, question.pk)).status_code == 404
    assert outsider.post(url("question_action", world.klass.pk, question.pk), {"action": "hide"}).status_code == 404
    own = world.teacher_client()
    assert own.get(url("question_answer", world.other_klass.pk, question.pk)).status_code == 404
    question.refresh_from_db()
    assert question.status == QuestionStatus.NEW and question.passed_to_dsl_at is None


def test_signed_out_visitors_are_sent_to_sign_in(world):
    assert Client().get(url("pupil_questions")).status_code == 302
    assert Client().get(url("class_questions", world.klass.pk)).status_code == 302
    assert Client().get(url("dsl_questions")).status_code == 302


def test_question_text_never_reaches_reports_or_the_admin():
    """Commissioners and evaluators read the reports app; no module of it touches the classroom app."""
    assert not admin.site.is_registered(AnonymousQuestion)
    reports = Path(__file__).resolve().parents[2] / "reports"
    for module in reports.rglob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert "classroom" not in source and "AnonymousQuestion" not in source, module


def test_old_questions_are_deleted(world):
    _ask(world, text="Old question")
    _ask(world, index=1, text="New question")
    AnonymousQuestion.objects.filter(text="Old question").update(created_at=timezone.now() - timedelta(days=400))
    assert delete_expired_questions() == 1
    assert list(AnonymousQuestion.objects.values_list("text", flat=True)) == ["New question"]


def test_the_daily_task_deletes_old_questions(world):
    _ask(world, text="Old question")
    AnonymousQuestion.objects.update(created_at=timezone.now() - timedelta(days=400))
    assert delete_expired_questions_task.delay().get() == 1
    assert not AnonymousQuestion.objects.exists()


# --- The teacher's home -----------------------------------------------------------------------------


def test_teacher_home_counts_new_questions_per_class_without_who_asked(world):
    from classroom.services.questions import ask_question
    from tests.factories import pupil as make_pupil
    from tests.factories import school_class

    home = reverse("schools:teacher_home")
    teacher = world.teacher_client()
    assert "new question" not in teacher.get(home).content.decode()
    for index in (0, 1):
        ask_question(pupil=world.pupils[index], school_class=world.klass, text=f"{QUESTION} ({index})")
    answered = ask_question(pupil=world.pupils[2], school_class=world.klass, text="Answered already")
    AnonymousQuestion.objects.filter(pk=answered.pk).update(status=QuestionStatus.ANSWERED_IN_CLASS)
    other_teacher = staff(world.school, "teacher", email="other@fern.example.org")
    elsewhere = school_class(world.school, other_teacher, name="10Z", year_group=10)
    ask_question(pupil=make_pupil(elsewhere, "Zed", "Q")[0], school_class=elsewhere, text="Not this teacher's")

    html = teacher.get(home).content.decode()
    assert "2 new questions from pupils, not answered yet" in html
    assert f'href="{url("class_questions", world.klass.pk)}?show=new">9F: 2 new questions</a>' in html
    assert "10Z" not in html
    _assert_anonymous(html, world)
