"""The school lead's pupil list as they see it: filtered by class and searched without JavaScript,
each pupil's class shown, erasing a red danger button unlike the links beside it, on a phone too."""

import pytest

from tests.browser.conftest import assert_no_axe_violations
from tests.factories import SchoolFactory, pupil, school_class, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-test-password"
WARNING_RED = "rgb(202, 53, 53)"  # GOV.UK Frontend 6 "red"


@pytest.fixture
def lead(live_server):
    school = SchoolFactory(name="Hollowbrook Academy")
    lead = staff(school, "school_lead", email="lead@hollowbrook.example", password=PASSWORD)
    nine = school_class(school, lead, name="9R", year_group=9)
    ten = school_class(school, lead, name="10T", year_group=10)
    for n in range(30):
        pupil(nine, f"Nina{n:02d}", "Rowe")
    pupil(ten, "Zara", "Quint")
    pupil(ten, "Tomasz", "Quint")
    return school, lead, ten


def sign_in(page, base, lead):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(lead.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/teach/")


@pytest.mark.parametrize("width", [360, 1280])
def test_lead_filters_and_searches_the_pupil_list_without_javascript(browser, live_server, lead, width):
    school, user, ten = lead
    context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/school/{school.urn}/pupils/")
    assert page.get_by_text("32 pupils.").is_visible()
    page.get_by_label("Class").select_option(label="10T")
    page.get_by_role("button", name="Show pupils").click()
    page.get_by_text("2 pupils match.").wait_for()
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).locator("th").inner_text() == "Tomasz Quint"
    assert rows.nth(0).locator("td").first.inner_text() == "10T"
    page.get_by_label("Name").fill("zara")
    page.get_by_role("button", name="Show pupils").click()
    page.get_by_text("1 pupil matches.").wait_for()
    assert page.locator("tbody th").all_inner_texts() == ["Zara Quint"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    erase = page.get_by_role("button", name="Erase this pupil (Zara Quint)")
    link = page.get_by_role("link", name="Get this pupil's data (Zara Quint)")
    assert erase.evaluate("e => getComputedStyle(e).backgroundColor") == WARNING_RED
    assert link.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert erase.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    context.close()

    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    sign_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/school/{school.urn}/pupils/?q=quint&school_class={ten.pk}")
    assert_no_axe_violations(page)
    context.close()
