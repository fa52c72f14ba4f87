"""Teaching in class safely: content warnings on every screen, honest ground rules, the edit step
before a written answer is shown, and the disclosure-response script with the school's DSL filled in."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from classroom.models import AnonymousQuestion, QuestionStatus
from classroom.services.delivery import MAX_RULE_LENGTH, record_checklist
from classroom.services.live import join_session, start_session
from classroom.services.questions import ask_question, pass_to_dsl
from courses.ground_rules import DEFAULT_GROUND_RULES
from tests.classroom.live_world import give_dsl, make_live_world
from tests.classroom.teaching_world import give_safeguarding_lead, make_world
from tests.factories import staff

pytestmark = pytest.mark.django_db

MODULE_WARNING = "This module talks about controlling behaviour in relationships."
LESSON_WARNING = "This lesson describes a character being pressured to share a photo."
QUESTION = "My friend Jade in 9F gets messages from Tom every night telling her where she can go. Is that ok?"
EDITED = "A friend gets messages every night telling them where they can go. Is that ok?"
ANSWER = "No. Telling someone where they can go is controlling behaviour. Talk to a trusted adult."


def _warned(world) -> None:
    world.module.content_warning = MODULE_WARNING
    world.module.save()
    world.lesson.content_warning = LESSON_WARNING
    world.lesson.save()


@pytest.fixture
def ready(programme):
    world = make_world(programme)
    give_safeguarding_lead(world.school)
    record_checklist(
        school_class=world.klass,
        lesson=world.lesson,
        teacher=world.teacher,
        dsl_told=True,
        affected_pupils_considered=True,
        ground_rules_ready=True,
    )
    _warned(world)
    return world


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def _lesson_args(world) -> list[int]:
    return [world.klass.pk, world.assignment.pk, world.lesson.pk]


# --- Content warnings -----------------------------------------------------------------------------


def test_the_projected_first_slide_carries_the_module_and_lesson_warnings(ready):
    response = _client(ready.teacher).get(reverse("classroom:present", args=_lesson_args(ready)))
    soup = BeautifulSoup(response.content, "html.parser")
    first = soup.select_one('[data-slide="1"]')
    assert MODULE_WARNING in first.get_text() and LESSON_WARNING in first.get_text()
    assert first.select_one(".content-warning") is not None
    for later in soup.select("[data-slide]")[1:]:
        assert MODULE_WARNING not in later.get_text(), "once, on the first slide"


def test_the_presenter_view_and_the_lesson_page_carry_both_warnings(ready):
    teacher = _client(ready.teacher)
    presenter = BeautifulSoup(
        teacher.get(reverse("classroom:presenter", args=_lesson_args(ready))).content, "html.parser"
    )
    first = presenter.select_one('[data-slide="1"]').get_text()
    assert MODULE_WARNING in first and LESSON_WARNING in first
    page = teacher.get(reverse("classroom:teach_lesson", args=_lesson_args(ready))).content.decode()
    assert MODULE_WARNING in page and LESSON_WARNING in page


def test_pupils_live_screens_and_the_live_projected_screen_carry_both_warnings(programme):
    world = make_live_world(programme, pupils=1)
    _warned(world)
    world.tick_checklist()
    session = start_session(
        school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher
    )
    pupil = world.pupil_client(0)
    waiting = pupil.get(reverse("classroom:pupil_live_lesson", args=[session.pk])).content.decode()
    assert MODULE_WARNING in waiting and LESSON_WARNING in waiting, "before joining"
    join_session(session=session, pupil=world.pupils[0])
    joined = pupil.get(reverse("classroom:pupil_live_lesson", args=[session.pk])).content.decode()
    assert MODULE_WARNING in joined and LESSON_WARNING in joined
    screen = world.teacher_client().get(reverse("classroom:live_screen", args=[session.pk])).content.decode()
    assert MODULE_WARNING in screen and LESSON_WARNING in screen


def test_no_warning_box_when_neither_has_a_warning(ready):
    ready.module.content_warning = ""
    ready.module.save()
    ready.lesson.content_warning = ""
    ready.lesson.save()
    html = _client(ready.teacher).get(reverse("classroom:present", args=_lesson_args(ready))).content.decode()
    assert "content-warning" not in html


# --- Ground rules ---------------------------------------------------------------------------------


def test_default_ground_rules_state_the_limits_of_confidentiality_and_forbid_personal_questions(ready):
    rules = " ".join(DEFAULT_GROUND_RULES)
    assert "No personal questions, of anyone, including staff." in rules
    assert "with one exception: if an adult hears that someone may be at risk of harm" in rules
    assert "the safeguarding lead can find out" in rules, "the question box promises only what is true"
    assert "anonymously" not in rules
    assert all(len(rule) <= MAX_RULE_LENGTH for rule in DEFAULT_GROUND_RULES), "a class can save them as they are"
    first_slide = (
        BeautifulSoup(
            _client(ready.teacher).get(reverse("classroom:present", args=_lesson_args(ready))).content, "html.parser"
        )
        .select_one('[data-slide="1"]')
        .get_text()
    )
    assert "No personal questions, of anyone, including staff." in first_slide


# --- Answer in writing: the edit step ------------------------------------------------------------


@pytest.fixture
def asked(programme):
    world = make_live_world(programme, pupils=2)
    world.dsl = staff(world.school, "teacher", email="dsl@fern.example.org")
    give_dsl(world.school, account=world.dsl)
    world.question = ask_question(pupil=world.pupils[0], school_class=world.klass, text=QUESTION)
    return world


def _answer_url(world) -> str:
    return reverse("classroom:question_answer", args=[world.klass.pk, world.question.pk])


def test_answer_in_writing_opens_an_edit_step_and_shows_nothing_until_sent(asked):
    page = asked.teacher_client().get(_answer_url(asked)).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one("textarea[name=shown_text]").get_text().strip() == QUESTION
    assert "Take out names, places, dates" in page
    assert soup.select_one("input[name=checked][type=checkbox]") is not None
    pupils = asked.pupil_client(1).get(reverse("classroom:pupil_questions")).content.decode()
    assert "Jade" not in pupils and ANSWER not in pupils


def test_without_the_check_nothing_is_shown(asked):
    response = asked.teacher_client().post(_answer_url(asked), {"shown_text": EDITED, "answer": ANSWER})
    assert response.status_code == 400
    assert "Check the question and your answer" in response.content.decode()
    asked.question.refresh_from_db()
    assert asked.question.status == QuestionStatus.NEW and asked.question.shown_text == ""


def test_the_class_reads_the_edited_question_and_the_original_stays_for_the_dsl_only(asked):
    response = asked.teacher_client().post(
        _answer_url(asked), {"shown_text": EDITED, "answer": ANSWER, "checked": "on"}
    )
    assert response.status_code == 302
    stored = AnonymousQuestion.objects.get()
    assert stored.text == QUESTION and stored.shown_text == EDITED
    for index in (0, 1):
        html = asked.pupil_client(index).get(reverse("classroom:pupil_questions")).content.decode()
        assert EDITED in html and ANSWER in html
        assert "Jade" not in html and "Tom" not in html
    teacher_list = asked.teacher_client().get(reverse("classroom:class_questions", args=[asked.klass.pk]))
    assert EDITED in teacher_list.content.decode() and "Jade" not in teacher_list.content.decode()
    pass_to_dsl(question=stored, user=asked.teacher)
    dsl = asked.teacher_client(asked.dsl).get(reverse("classroom:dsl_question", args=[stored.pk])).content.decode()
    assert "Jade in 9F" in dsl and EDITED in dsl


def test_another_schools_teacher_cannot_open_the_edit_step(asked):
    outsider = asked.teacher_client(asked.other_teacher)
    assert outsider.get(_answer_url(asked)).status_code == 404
    assert outsider.post(_answer_url(asked), {"shown_text": "x", "answer": "y", "checked": "on"}).status_code == 404
    assert AnonymousQuestion.objects.get().status == QuestionStatus.NEW


def test_the_pupil_is_told_identifying_details_are_taken_out_before_the_class_sees_it(asked):
    page = asked.pupil_client(0).get(reverse("classroom:pupil_questions")).content.decode()
    assert "takes out names and anything else that could show who asked" in page


# --- The disclosure-response script --------------------------------------------------------------

SCRIPT_PARTS = [
    "Listen.",
    "Tell me…",
    "Explain…",
    "Describe…",
    "Do not ask leading questions",
    "Never promise to keep it secret.",
    "Write it down word for word",
    "Report to the safeguarding lead the same day",
]


def _has_script(html: str, *, name: str, contact: str) -> bool:
    return all(part in html for part in SCRIPT_PARTS) and name in html and contact in html


def test_before_you_teach_has_the_script_with_the_schools_dsl(ready):
    html = _client(ready.teacher).get(reverse("classroom:teach_lesson", args=_lesson_args(ready))).content.decode()
    assert _has_script(html, name="Mrs Okafor", contact="Room 14, or ask any member of staff")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("details.disclosure-script").has_attr("open"), "open for a sensitive module"


def test_the_question_box_and_the_answer_step_have_the_script(asked):
    teacher = asked.teacher_client()
    for address in (reverse("classroom:class_questions", args=[asked.klass.pk]), _answer_url(asked)):
        assert _has_script(teacher.get(address).content.decode(), name="Mr Adeyemi", contact="Room 14"), address


def test_the_teacher_help_page_has_the_script_for_each_of_their_schools_only(asked):
    response = asked.teacher_client().get(reverse("schools:teacher_help"))
    html = response.content.decode()
    assert response.status_code == 200
    assert _has_script(html, name="Mr Adeyemi", contact="Room 14")
    assert "Brookside School" not in html, "not another school's lead"
    assert (
        reverse("schools:teacher_help") in asked.teacher_client().get(reverse("schools:teacher_home")).content.decode()
    )


def test_without_a_dsl_on_record_the_script_says_who_to_ask(programme):
    world = make_live_world(programme, pupils=1, with_dsl=False)
    html = world.teacher_client().get(reverse("schools:teacher_help")).content.decode()
    assert all(part in html for part in SCRIPT_PARTS)
    assert "has not recorded its safeguarding lead" in html
