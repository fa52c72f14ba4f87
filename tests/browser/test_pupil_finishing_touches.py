"""What a pupil sees of the smaller things: a counter on the survey's comment box (read out politely,
a plain limit without JavaScript), something to do alone on a discussion slide, and a certificate
with a print button that prints as a certificate, on a phone and a laptop."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.versioning import record_version
from learning.models import ModuleProgress
from schools.models import Assignment
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import (
    LessonPageFactory,
    ModulePageFactory,
    ProgrammePageFactory,
    QuizFactory,
    SurveyFactory,
    likert,
    make_site_home,
    pupil,
    school_class,
    staff,
    stream,
)
from tests.factories import SchoolFactory as School
from tests.learning.conftest import free_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BODY = [
    {"type": "text", "value": "<p>Sam and Jo are friends.</p>"},
    {"type": "discussion", "value": {"prompt": "Why might Sam find it hard to speak up?", "follow_up": []}},
]


@pytest.fixture
def setup(live_server):
    programme = ProgrammePageFactory(parent=make_site_home())
    survey = SurveyFactory(title="What you think", questions=stream([likert("a1"), free_text("f1")]))
    quiz = QuizFactory()
    module = ModulePageFactory(parent=programme, title="Speaking up", knowledge_quiz=quiz, attitude_survey=survey)
    lesson = LessonPageFactory(parent=module, title="Friends", body=json.dumps(BODY))
    record_version(instrument=quiz)
    record_version(instrument=survey)
    school = School()
    klass = school_class(school, staff(school), name="8J", year_group=8)
    _, amara_code = pupil(klass, "Amara", "K")
    bea, bea_code = pupil(klass, "Bea", "L")
    assignment = Assignment.objects.create(
        school_class=klass, module=module, opens_on=timezone.localdate(), delivery="self_paced", include_surveys=True
    )
    ModuleProgress.objects.create(pupil=bea, assignment=assignment, completed_at=timezone.now())
    return {
        "url": live_server.url,
        "class": klass,
        "amara": amara_code,
        "bea": bea_code,
        "survey": reverse("learning:survey", args=[assignment.pk, "pre"]),
        "lesson": reverse("learning:lesson", args=[assignment.pk, lesson.pk]),
        "certificate": reverse("learning:certificate", args=[assignment.pk]),
    }


def signed_in(browser, setup, code, width, javascript=True):
    context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(setup["url"] + "/pupil/login/")
    page.get_by_label("Class code").fill(setup["class"].class_code)
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/pupil/")
    return context, page


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [360, 1280])
def test_comment_box_counts_characters_and_a_discussion_slide_has_something_to_do_alone(browser, setup, width):
    context, page = signed_in(browser, setup, setup["amara"], width)
    page.goto(setup["url"] + setup["survey"])
    box = page.get_by_label("Anything else about f1?")
    status = page.locator(".govuk-character-count__status")
    assert status.inner_text() == "You have 1,000 characters left"
    assert page.locator(".govuk-character-count__sr-status").get_attribute("aria-live") == "polite"
    box.fill("x" * 1003)
    assert status.inner_text() == "You have 3 characters too many"
    box.fill("Kind")
    assert status.inner_text() == "You have 996 characters left"
    assert fits(page)
    assert_no_axe_violations(page)

    for slide in range(1, 6):  # the lesson's own slides follow the ground rules
        page.goto(setup["url"] + setup["lesson"] + f"?slide={slide}")
        if page.get_by_text("Why might Sam find it hard to speak up?").count():
            break
    note = page.get_by_label("Your thoughts, just for you")
    assert page.get_by_role("heading", name="On your own: think about it").is_visible()
    assert note.is_visible() and note.get_attribute("name") is None
    note.fill("Sam might worry about losing a friend.")
    assert fits(page)
    assert_no_axe_violations(page)
    context.close()


def test_without_javascript_the_comment_box_states_its_limit(browser, setup):
    context, page = signed_in(browser, setup, setup["amara"], 360, javascript=False)
    page.goto(setup["url"] + setup["survey"])
    assert page.get_by_text("You can use up to 1000 characters").is_visible()
    page.get_by_label("Anything else about f1?").fill("y" * 1001)
    page.get_by_role("button", name="Send my answers").click()
    assert (
        page.locator(".govuk-error-summary")
        .get_by_text("Please keep your answer to 1000 characters or fewer.")
        .is_visible()
    )
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_certificate_has_a_print_button_and_prints_as_a_certificate(browser, setup, width):
    context, page = signed_in(browser, setup, setup["bea"], width)
    assert page.get_by_text("You have finished all your work").is_visible()
    assert page.get_by_text("You have nothing to do yet").count() == 0
    page.goto(setup["url"] + setup["certificate"])
    button = page.get_by_role("button", name="Print your certificate")
    assert button.is_visible()
    assert fits(page)
    assert_no_axe_violations(page)
    # A statement, not an expression: Playwright would call a function the expression returned.
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    button.click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    assert not button.is_visible()
    assert not page.locator("header").first.is_visible() and not page.locator(".quick-exit").is_visible()
    title = page.locator(".certificate .govuk-panel__title")
    assert title.is_visible() and title.inner_text() == "Bea"
    # Backgrounds are not printed: the certificate's text must be dark on paper, not the panel's white.
    assert title.evaluate("e => getComputedStyle(e).color") == "rgb(11, 12, 12)"
    context.close()

    context, page = signed_in(browser, setup, setup["bea"], width, javascript=False)
    page.goto(setup["url"] + setup["certificate"])
    assert page.get_by_role("button", name="Print your certificate").count() == 0
    assert page.get_by_text("You can also use the Print option in your browser").is_visible()
    context.close()
