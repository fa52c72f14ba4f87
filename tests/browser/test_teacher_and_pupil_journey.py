"""A teacher sets up a class and a pupil signs in with a printed card's codes."""

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_no_axe_violations
from tests.factories import SchoolFactory, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROSTER = "First name,Surname,Year group,Gender\nAmara,K,9,F\nReuben,T,9,M\nSiân,W,9,\n"


@pytest.fixture
def teacher_site(live_server):
    call_command("load_demo_data")
    school = SchoolFactory(name="Kestrel Park School", urn=990001)
    staff(school, "teacher", email="teacher@kestrel.example.org", password="a-long-test-password")
    return live_server.url


def test_teacher_sets_up_a_class_and_pupil_signs_in_with_a_card(browser, teacher_site, tmp_path: Path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)

    page.goto(teacher_site + "/accounts/login/")
    assert_no_axe_violations(page)
    page.get_by_label("Email").fill("teacher@kestrel.example.org")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/teach/")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Create a class").click()
    page.get_by_label("Name").fill("9K")
    page.get_by_label("Year group").select_option("9")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Create class").click()
    page.wait_for_url("**/teach/classes/*/")
    assert page.locator("h1").inner_text() == "9K"

    page.get_by_role("link", name="Upload a class list").click()
    roster = tmp_path / "9k.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(roster))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Upload and check").click()
    confirm = page.get_by_role("button", name="Confirm and import 3 new pupils")
    confirm.wait_for()
    assert page.get_by_text("Siân").count() == 1, "the preview shows the names as read from the file"
    assert_no_axe_violations(page)
    confirm.click()
    page.get_by_text("3 new pupils added").wait_for()
    assert_no_axe_violations(page)

    page.goto(teacher_site + "/teach/")
    page.get_by_role("link", name="9K").click()
    assert page.locator("table").last.get_by_role("row").count() == 4, "three pupils and the header"
    page.get_by_role("link", name="Assign a module").click()
    page.get_by_label("Module").select_option(label="Being an active bystander")
    page.get_by_label("Opens on").fill(date.today().isoformat())
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Assign module").click()
    page.wait_for_url("**/teach/classes/*/")
    assert page.get_by_text("Being an active bystander").count() >= 1

    page.get_by_role("link", name="Print login cards").click()
    page.get_by_role("button", name="Make new codes and show the cards").click()
    cards = page.locator(".login-card")
    assert cards.count() == 3
    assert_no_axe_violations(page)
    class_code = cards.first.locator("dd").nth(0).inner_text()
    pupil_code = cards.first.locator("dd").nth(1).inner_text()
    pupil_name = cards.first.locator(".login-card__name").inner_text()
    context.close()

    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    pupil_page = phone.new_page()
    pupil_page.goto(teacher_site + "/pupil/login/")
    assert_no_axe_violations(pupil_page)
    pupil_page.get_by_label("Class code").fill(class_code)
    pupil_page.get_by_label("Your code").fill(pupil_code)
    pupil_page.get_by_role("button", name="Sign in").click()
    pupil_page.wait_for_url("**/pupil/")
    assert pupil_page.locator("h1").inner_text() == f"Hello, {pupil_name.split()[0]}"
    assert pupil_page.get_by_role("link", name="Being an active bystander", exact=True).count() == 1
    assert pupil_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_no_axe_violations(pupil_page)
    phone.close()


def test_qr_code_link_fills_in_the_pupil_sign_in_form(browser, live_server):
    page = browser.new_page()
    page.goto(live_server.url + "/pupil/login/#class=ABC234&code=XYZ789")
    assert page.get_by_label("Class code").input_value() == "ABC234"
    assert page.get_by_label("Your code").input_value() == "XYZ789"
    assert "#" not in page.url, "the codes are removed from the address bar"
    page.close()
