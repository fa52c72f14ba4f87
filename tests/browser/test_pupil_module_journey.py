"""A pupil works through a whole self-paced module; their teacher sees it in the progress grid."""

import json

import pytest
from django.utils import timezone

from courses.versioning import record_version
from schools.models import Assignment
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import (
    LessonPageFactory,
    ModulePageFactory,
    ProgrammePageFactory,
    QuizFactory,
    SchoolFactory,
    SurveyFactory,
    make_site_home,
    pupil,
    school_class,
    staff,
)

INTERACTIVE_BODY = [
    {"type": "text", "value": "<p>Bystanders can help.</p>"},
    {
        "type": "knowledge_check",
        "value": {
            "question": "Who can be an active bystander?",
            "choices": [{"text": "Anyone", "correct": True}, {"text": "Only adults", "correct": False}],
            "explanation": "Anyone can help safely.",
        },
    },
    {
        "type": "scenario",
        "value": {
            "title": "On the bus",
            "characters": "Jo and Sam (made up)",
            "situation": "<p>Jo hears a comment about Sam.</p>",
            "question": "What could Jo do?",
            "choices": [
                {"text": "Check Sam is OK", "feedback": "Support helps.", "recommended": True},
                {"text": "Laugh along", "feedback": "Sam may feel alone.", "recommended": False},
            ],
        },
    },
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def module_set(live_server):
    programme = ProgrammePageFactory(parent=make_site_home())
    quiz, survey = QuizFactory(title="Bystander quiz"), SurveyFactory(title="What you think")
    module = ModulePageFactory(
        parent=programme,
        title="Standing up for others",
        delivery_mode="teacher_led_or_self_paced",
        knowledge_quiz=quiz,
        attitude_survey=survey,
    )
    LessonPageFactory(parent=module, title="Noticing", body=json.dumps(INTERACTIVE_BODY))
    LessonPageFactory(parent=module, title="Stepping in")
    record_version(instrument=quiz)
    record_version(instrument=survey)
    school = SchoolFactory()
    teacher = staff(school, email="teacher@journey.example.org")
    klass = school_class(school, teacher, name="8J", year_group=8)
    _, code = pupil(klass, "Amara", "K")
    Assignment.objects.create(
        school_class=klass, module=module, opens_on=timezone.localdate(), delivery="self_paced", include_surveys=True
    )
    return {"url": live_server.url, "class": klass, "code": code, "teacher": teacher}


def answer_survey(page) -> None:
    for group in page.locator("fieldset").all():
        group.locator("input[type=radio]").first.check()
    page.get_by_role("button", name="Send my answers").click()
    # Every survey ends on a thank-you page that offers to talk to someone, then leads back.
    page.get_by_role("link", name="I'd like to talk to someone").wait_for()
    page.get_by_role("link", name="Go back to").click()


def answer_the_slide(page, check_accessibility: bool) -> None:
    """Answer a quick check or a scenario if the slide has one (quick checks are needed to finish)."""
    for button in ("Check my answer", "See what happens"):
        if page.get_by_role("button", name=button).count():
            page.locator("input[type=radio]").first.check()
            page.get_by_role("button", name=button).click()
            if check_accessibility:
                assert_no_axe_violations(page)


def do_the_module(page, check_accessibility: bool) -> None:
    page.get_by_role("link", name="Standing up for others").first.click()
    page.get_by_role("link", name="Answer a few questions about what you think now").click()
    if check_accessibility:
        assert_no_axe_violations(page)
    answer_survey(page)
    page.get_by_role("link", name="See what you know already: a short quiz").click()
    for group in page.locator("fieldset").all():
        group.locator("input").last.check()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/quiz/attempts/*/")
    assert page.get_by_text("Before the lessons", exact=True).count() == 1
    page.get_by_role("link", name="Back to Standing up for others").click()
    for title in ("Noticing", "Stepping in"):
        page.get_by_role("link", name=title).click()
        if check_accessibility:
            assert_no_axe_violations(page)
        while page.get_by_role("button", name="Finish lesson").count() == 0:
            answer_the_slide(page, check_accessibility)
            page.get_by_role("link", name="Next slide").click()
        answer_the_slide(page, check_accessibility)
        page.get_by_role("button", name="Finish lesson").click()
        if page.get_by_role("link", name="Back to all lessons").count():
            page.get_by_role("link", name="Back to all lessons").click()
    page.get_by_role("link", name="Take the quiz").click()
    if check_accessibility:
        assert_no_axe_violations(page)
    for group in page.locator("fieldset").all():
        group.locator("input").first.check()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/quiz/attempts/*/")
    if check_accessibility:
        assert_no_axe_violations(page)
    page.goto(page.url.split("/quiz/")[0] + "/")
    page.get_by_role("link", name="Answer the questions").click()
    answer_survey(page)


def sign_in_pupil(page, setup) -> None:
    page.goto(setup["url"] + "/pupil/login/")
    page.get_by_label("Class code").fill(setup["class"].class_code)
    page.get_by_label("Your code").fill(setup["code"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/pupil/")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_pupil_completes_a_module_and_the_teacher_sees_it(browser, module_set, javascript):
    phone = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=javascript)
    page = phone.new_page()
    page.set_default_timeout(20_000)
    sign_in_pupil(page, module_set)
    if javascript:
        assert_no_axe_violations(page)
    do_the_module(page, check_accessibility=javascript)
    page.goto(module_set["url"] + "/pupil/")
    assert page.get_by_text("Finished").count() >= 1
    phone.close()

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    teacher = desk.new_page()
    teacher.goto(module_set["url"] + "/accounts/login/")
    teacher.get_by_label("Email").fill("teacher@journey.example.org")
    teacher.get_by_label("Password").fill("a-long-test-password")
    teacher.get_by_role("button", name="Sign in").click()
    teacher.wait_for_url("**/teach/")
    teacher.goto(module_set["url"] + f"/teach/classes/{module_set['class'].pk}/progress/")
    row = teacher.get_by_role("row", name="Amara K")
    assert row.get_by_text("Completed").count() == 1
    assert row.get_by_text("Done").count() >= 2
    assert teacher.evaluate("document.documentElement.scrollWidth") <= 1280, "the wide grid scrolls in its own region"
    if javascript:
        assert_no_axe_violations(teacher)
    desk.close()
