"""A pupil on a 360 px phone: feedback lands in view, a blank quiz or survey is held, a lesson says it is done."""

import pytest

from learning.models import QuizAttempt, SurveyResponse
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_pupil_module_journey import module_set, sign_in_pupil  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}


def in_view(page, selector: str) -> bool:
    """Whether the element's top is on the screen as it is scrolled now (not above it, not below it)."""
    box = page.evaluate(f"document.querySelector('{selector}').getBoundingClientRect().toJSON()")
    return 0 <= box["top"] < PHONE["height"] - 40


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def phone(browser, request):
    context = browser.new_context(viewport=PHONE, java_script_enabled=request.param)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.javascript = request.param
    yield page
    context.close()


def test_feedback_after_an_answer_is_on_the_screen_and_finishing_says_so(phone, module_set):  # noqa: F811
    page = phone
    sign_in_pupil(page, module_set)
    page.get_by_role("link", name="Standing up for others").first.click()
    page.get_by_role("link", name="Lesson 1: Noticing").click()
    while page.get_by_role("button", name="Check my answer").count() == 0:
        page.get_by_role("link", name="Next slide").click()

    page.get_by_label("Only adults").check()
    page.get_by_role("button", name="Check my answer").click()
    page.locator("#feedback").wait_for()
    assert page.url.endswith("#feedback")
    assert in_view(page, "#feedback"), "the feedback is on the screen, not far below it"
    assert page.locator("#feedback").get_by_text("Not quite.").is_visible()
    if page.javascript:
        assert page.evaluate("document.activeElement.id") == "feedback", "focus moves to the feedback"
        assert_no_axe_violations(page)
    assert no_sideways_scroll(page)

    page.get_by_role("link", name="Next slide").click()  # the scenario comes next
    page.get_by_label("Check Sam is OK").check()
    page.get_by_role("button", name="See what happens").click()
    assert in_view(page, "#feedback")

    while page.get_by_role("button", name="Finish lesson").count() == 0:
        page.get_by_role("link", name="Next slide").click()
    page.get_by_role("button", name="Finish lesson").click()
    page.get_by_role("heading", name="Lesson finished").wait_for()
    assert page.get_by_text("You have finished lesson 1: Noticing").is_visible()
    assert page.get_by_text("You have done 1 of 2 lessons").is_visible()
    if page.javascript:
        assert_no_axe_violations(page)
    assert no_sideways_scroll(page)
    page.get_by_role("link", name="Start lesson 2: Stepping in").click()
    page.get_by_role("heading", name="Stepping in").wait_for()


def test_a_blank_survey_and_quiz_are_held_and_nothing_is_stored(phone, module_set):  # noqa: F811
    page = phone
    sign_in_pupil(page, module_set)
    page.get_by_role("link", name="Standing up for others").first.click()

    page.get_by_role("link", name="Answer a few questions about what you think now").click()
    page.get_by_role("button", name="Send my answers").click()
    summary = page.locator(".govuk-error-summary")
    summary.get_by_text("You have not answered any of the questions.").wait_for()
    assert not SurveyResponse.objects.exists()
    if page.javascript:
        assert_no_axe_violations(page)
    page.go_back()
    assert "Page not found" not in page.content()

    page.goto(module_set["url"] + "/pupil/")
    page.get_by_role("link", name="Standing up for others").first.click()
    page.get_by_role("link", name="See what you know already: a short quiz").click()
    page.get_by_role("button", name="Send my answers").click()
    page.locator(".govuk-error-summary").get_by_text("You have not answered any of the questions.").wait_for()
    assert not QuizAttempt.objects.exists()

    page.locator("fieldset").first.locator("input").first.check()
    page.get_by_role("button", name="Send my answers").click()
    summary = page.locator(".govuk-error-summary")
    summary.get_by_role("link", name="Question 2 has no answer").wait_for()
    assert not QuizAttempt.objects.exists()
    assert page.locator("fieldset").first.locator("input").first.is_checked(), "the answer given is kept"
    if page.javascript:
        assert_no_axe_violations(page)
    assert no_sideways_scroll(page)
    summary.get_by_role("link", name="Question 2 has no answer").click()
    assert in_view(page, "#q2-a"), "the summary leads to the question"

    page.get_by_role("button", name="Send with 1 unanswered").click()
    page.wait_for_url("**/quiz/attempts/*/")
    assert QuizAttempt.objects.count() == 1


def test_results_fit_a_phone_and_say_what_each_quiz_is_for(phone, module_set):  # noqa: F811
    page = phone
    sign_in_pupil(page, module_set)
    page.get_by_role("link", name="Standing up for others").first.click()
    page.get_by_role("link", name="Answer a few questions about what you think now").click()
    assert page.get_by_role("heading", name="Before the lessons: what you think now").is_visible()
    page.get_by_role("button", name="Skip the survey").click()
    page.get_by_role("link", name="Go back to Standing up for others").click()
    page.get_by_role("link", name="See what you know already: a short quiz").click()
    assert page.get_by_text("There is no pass mark for this one.").is_visible()
    for group in page.locator("fieldset").all():
        group.locator("input").first.check()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/quiz/attempts/*/")

    page.goto(module_set["url"] + "/pupil/results/")
    results = page.locator(".govuk-summary-list__row").first
    assert results.get_by_text("Before the lessons").is_visible()
    assert results.get_by_text("What you knew at the start. There is no pass mark for this one.").is_visible()
    assert page.get_by_text("Not passed").count() == 0
    assert no_sideways_scroll(page)
    if page.javascript:
        assert_no_axe_violations(page)
