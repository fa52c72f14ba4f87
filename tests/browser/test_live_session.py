"""A live class lesson: two pupils join on their own devices and answer; the teacher's screen follows."""

import re

import pytest

from classroom.models import AnonymousQuestion
from learning.models import ActivityAnswer, QuizAttempt
from learning.services.lessons import record_lesson_taught
from tests.browser.conftest import assert_no_axe_violations
from tests.classroom.live_world import give_dsl, make_live_world
from tests.factories import ProgrammePageFactory, make_site_home, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"
WAIT_MS = 25_000


@pytest.fixture
def live_class(live_server):
    world = make_live_world(ProgrammePageFactory(parent=make_site_home()), pupils=2)
    world.teacher.set_password(PASSWORD)
    world.teacher.save()
    world.dsl = staff(world.school, "teacher", email="dsl@fern.example.org", password=PASSWORD)
    give_dsl(world.school, account=world.dsl)
    # The module's other lesson was taught before: the quiz at the end of this one is the end-of-module quiz.
    record_lesson_taught(assignment=world.assignment, lesson=world.later_lesson, pupils=world.pupils)
    world.base = live_server.url
    return world


def _staff_page(browser, world, email):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(world.base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/teach/**")
    return context, page


def _button(page, action: str, target: str):
    """A button whose visible text is the action, with the target for screen readers after it."""
    return page.get_by_role("button", name=re.compile(rf"^{re.escape(action)}\s*:\s*{re.escape(target)}$"))


def _phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    return context, page


def test_two_pupils_answer_a_scenario_and_a_quiz_and_the_teacher_screen_updates(browser, live_class):
    world = live_class
    teacher_context, teacher = _staff_page(browser, world, world.teacher.email)
    teacher.goto(f"{world.base}/teach/classes/{world.klass.pk}/live/")
    assert_no_axe_violations(teacher)
    _button(teacher, "Start live lesson", world.lesson.title).click()
    teacher.wait_for_url(re.compile(r".*/teach/live/\d+/$"))
    assert_no_axe_violations(teacher)
    screen = teacher_context.new_page()
    screen.set_default_timeout(WAIT_MS)
    screen.goto(teacher.url + "screen/")
    assert_no_axe_violations(screen)

    # One pupil is signed in already and sees the prompt; the other joins with the codes.
    first_context, first = _phone(browser)
    first.goto(world.base + "/pupil/login/")
    first.get_by_label("Class code").fill(world.klass.class_code)
    first.get_by_label("Your code").fill(world.codes[0])
    first.get_by_role("button", name="Sign in").click()
    first.get_by_text("Your class lesson has started").wait_for()
    assert_no_axe_violations(first)
    first.get_by_role("button", name="Join the lesson").click()
    first.get_by_text("Wait for your teacher to open the next activity").wait_for()
    assert_no_axe_violations(first)

    second_context, second = _phone(browser)
    second.goto(world.base + "/pupil/live/join/")
    assert_no_axe_violations(second)
    second.get_by_label("Class code").fill(world.klass.class_code)
    second.get_by_label("Your code").fill(world.codes[1])
    second.get_by_role("button", name="Join the lesson").click()
    second.get_by_text("Wait for your teacher to open the next activity").wait_for()

    screen.locator("[data-live-counts-panel]").get_by_text("2 pupils joined", exact=True).wait_for()

    # The teacher opens the scenario: both pupils' pages change on their own (polling).
    _button(teacher, "Open", "Scenario: The group chat").click()
    for pupil_page, choice in ((first, "Message Priya"), (second, "Tell a teacher")):
        pupil_page.get_by_text("What could Sam do?").wait_for()
        assert_no_axe_violations(pupil_page)
        pupil_page.get_by_label(choice).check()
        pupil_page.get_by_role("button", name="Send my answer").click()
        pupil_page.get_by_text(f"You chose: {choice}").wait_for()
        assert_no_axe_violations(pupil_page)
    screen.locator("[data-live-counts-panel]").get_by_text("2 answered", exact=True).wait_for()
    assert screen.get_by_text("How the class answered").count() == 0, "fewer than five answers: counts only"
    assert ActivityAnswer.objects.filter(in_class=True).count() == 2

    _button(teacher, "Open", "The module quiz").click()
    for pupil_page in (first, second):
        pupil_page.get_by_text("Question 1 of 2").wait_for()
        assert_no_axe_violations(pupil_page)
        for group in pupil_page.locator("#live-answers fieldset").all():
            group.locator("input[type=radio]").first.check()
        pupil_page.get_by_role("button", name="Send my answers").click()
        pupil_page.get_by_text("Your quiz answers are in.").wait_for()
        assert_no_axe_violations(pupil_page)
    screen.get_by_text("The module quiz").wait_for()
    screen.locator("[data-live-counts-panel]").get_by_text("2 answered", exact=True).wait_for()
    assert_no_axe_violations(screen)
    assert QuizAttempt.objects.count() == 2
    for name in ("Wystan00", "Wystan01"):
        assert name not in screen.content() and name not in teacher.content()

    teacher.get_by_role("link", name="End the lesson and take the register").click()
    teacher.get_by_role("heading", name="End the lesson?").wait_for()
    assert_no_axe_violations(teacher)
    assert first.get_by_text("This lesson has ended").count() == 0, "nothing ends before the teacher confirms"
    teacher.get_by_role("button", name="Yes, end the lesson").click()
    teacher.wait_for_url("**/register/")
    assert_no_axe_violations(teacher)
    teacher.get_by_role("button", name="Mark everyone present").click()
    teacher.get_by_text("Everyone in the class is marked present").wait_for()
    assert teacher.locator("input[name=present]:not(:checked)").count() == 0
    teacher.get_by_role("button", name="Mark the lesson taught for the pupils ticked").click()
    teacher.get_by_text("Nobody needs to catch up on this lesson.").wait_for()
    assert_no_axe_violations(teacher)
    first.get_by_text("This lesson has ended").wait_for()
    assert_no_axe_violations(first)
    for context in (first_context, second_context, teacher_context):
        context.close()


def test_question_box_pages_have_no_accessibility_problems(browser, live_class):
    world = live_class
    pupil_context, pupil = _phone(browser)
    pupil.goto(world.base + "/pupil/login/")
    pupil.get_by_label("Class code").fill(world.klass.class_code)
    pupil.get_by_label("Your code").fill(world.codes[0])
    pupil.get_by_role("button", name="Sign in").click()
    pupil.get_by_role("link", name="Ask your teacher a question without your name").click()
    assert_no_axe_violations(pupil)
    pupil.get_by_role("button", name="Send my question").click()
    pupil.get_by_text("Write your question").first.wait_for()
    assert_no_axe_violations(pupil)
    pupil.get_by_label("Your question").fill("What should I do if a friend is being pressured?")
    pupil.get_by_role("button", name="Send my question").click()
    pupil.get_by_text("Your question has been sent").wait_for()
    pupil.goto(world.base + "/pupil/live/")
    assert_no_axe_violations(pupil)

    teacher_context, teacher = _staff_page(browser, world, world.teacher.email)
    teacher.goto(f"{world.base}/teach/classes/{world.klass.pk}/questions/")
    assert_no_axe_violations(teacher)
    assert "Wystan00" not in teacher.content()
    teacher.get_by_role("link", name=re.compile("^Answer in writing")).click()
    assert_no_axe_violations(teacher)
    teacher.get_by_label("Your answer").fill("Talk to them, and tell an adult you trust.")
    teacher.get_by_label(re.compile("^I have checked the question and my answer")).check()
    teacher.get_by_role("button", name="Show the question and answer to the class").click()
    teacher.get_by_text("Your answer is now shown to the class.").wait_for()
    teacher.get_by_role("link", name=re.compile("^Pass to the safeguarding lead")).click()
    assert_no_axe_violations(teacher)
    teacher.get_by_role("button", name="Pass it to the safeguarding lead").click()
    teacher.get_by_text("The question has been passed to the safeguarding lead.").wait_for()
    assert_no_axe_violations(teacher)
    teacher_context.close()

    pupil.goto(world.base + "/pupil/questions/")
    pupil.get_by_text("Talk to them, and tell an adult you trust.").wait_for()
    assert_no_axe_violations(pupil)
    pupil_context.close()

    dsl_context, dsl = _staff_page(browser, world, world.dsl.email)
    dsl.goto(world.base + "/teach/safeguarding/questions/")
    assert_no_axe_violations(dsl)
    dsl.get_by_role("link", name=re.compile("^See who asked")).click()
    dsl.get_by_text("Wystan00").wait_for()
    assert_no_axe_violations(dsl)
    dsl_context.close()
    assert AnonymousQuestion.objects.get().passed_to_dsl_at is not None
