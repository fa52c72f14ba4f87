"""A visitor browses the programme, and leaves quickly with the quick-exit button."""

import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LESSON_PATH = "/respectful-relationships/healthy-relationships-and-consent/understanding-consent/"


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo_data")
    return live_server.url


@pytest.fixture
def neutral_site(settings, demo_site):
    """The quick exit's destination, served locally (the machine has no internet): the site's home page."""
    settings.QUICK_EXIT_URL = demo_site + "/?left=1"
    return settings.QUICK_EXIT_URL


def test_visitor_browses_from_home_to_a_lesson_with_no_accessibility_violations(page, demo_site):
    page.goto(demo_site + "/")
    assert page.locator("h1").inner_text() == "Respect Online"
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Respectful Relationships").first.click()
    page.wait_for_url("**/respectful-relationships/")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Healthy relationships and consent").click()
    page.wait_for_url("**/healthy-relationships-and-consent/")
    assert page.get_by_text("Content warning:").count() == 1
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Understanding consent").click()
    page.wait_for_url("**" + LESSON_PATH)
    assert page.locator("h1").inner_text() == "Understanding consent"
    slides = page.locator("ol.lesson-slides > li")
    assert slides.first.get_attribute("class").endswith("lesson-slide--ground_rules")
    assert slides.last.get_attribute("class").endswith("lesson-slide--signposting")
    assert_no_axe_violations(page)

    page.goto(demo_site + "/respectful-relationships/healthy-relationships-and-consent/")
    page.get_by_role("link", name="Healthy relationships and consent for parents and carers").click()
    page.wait_for_url("**/parents/")
    assert page.locator("#quiz").count() == 1
    assert_no_axe_violations(page)


def test_quick_exit_leaves_for_a_neutral_site_and_replaces_history(page, demo_site, neutral_site):
    page.goto(demo_site + "/respectful-relationships/")
    page.goto(demo_site + LESSON_PATH)

    page.get_by_role("button", name="Emergency Quick exit").click()
    page.wait_for_url(neutral_site)

    page.go_back()
    page.wait_for_load_state()
    assert page.url == demo_site + "/respectful-relationships/", "the lesson must not be in the history"


def test_pressing_shift_three_times_is_a_quick_exit(page, demo_site, neutral_site):
    page.goto(demo_site + LESSON_PATH)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)


def test_keyboard_user_reaches_skip_link_then_quick_exit(page, demo_site):
    page.goto(demo_site + LESSON_PATH)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Tab")
    assert "Quick exit" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id || location.hash") in {"main-content", "#main-content"}


def test_lesson_works_at_320px_and_without_javascript(browser, demo_site):
    context = browser.new_context(viewport={"width": 320, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(demo_site + LESSON_PATH)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        check = page.locator(".block--knowledge-check details").first
        check.locator("summary").click()
        assert check.get_attribute("open") is not None
        assert check.locator(".govuk-details__text").is_visible()
        assert page.locator("[data-quick-exit-button]").get_attribute("href") == "/quick-exit/"
    finally:
        context.close()


def test_pages_at_320px_have_no_accessibility_violations(browser, demo_site):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    try:
        for path in ("/", "/respectful-relationships/healthy-relationships-and-consent/", LESSON_PATH):
            page.goto(demo_site + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
            assert_no_axe_violations(page)
    finally:
        context.close()
