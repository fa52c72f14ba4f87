"""The menu on a phone and a wide screen, and the designed page for a page someone's role does not open."""

import pytest

from tests.browser.conftest import assert_no_axe_violations
from tests.factories import SchoolFactory, school_class, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def teacher(live_server):
    school = SchoolFactory(name="Northgate School")
    user = staff(school, email="teacher@northgate.example.org")
    school_class(school, user, name="8N")
    return user


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/teach/")


@pytest.mark.parametrize("width", [360, 1280])
def test_a_teacher_sent_to_a_commissioners_page_gets_a_designed_refusal(browser, live_server, teacher, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, live_server.url, teacher.email)

    response = page.goto(live_server.url + "/reports/")
    assert response.status == 403
    assert page.get_by_role("heading", name="You cannot open this page").is_visible()
    assert page.locator("main").get_by_role("link", name="Your classes").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_axe_violations(page)

    menu_button = page.get_by_role("button", name="Menu")
    if width == 360:
        # On a phone the menu folds behind a button, and opens from it.
        assert not page.locator("#site-menu").is_visible()
        menu_button.click()
        assert page.locator("#site-menu").get_by_role("link", name="Your classes").is_visible()
        assert_no_axe_violations(page)
    else:
        assert not menu_button.is_visible()
    page.locator("#site-menu").get_by_role("link", name="Your classes").click()
    page.wait_for_url("**/teach/")
    assert page.locator("#site-menu [aria-current=page]").inner_text() == "Your classes"
    context.close()
