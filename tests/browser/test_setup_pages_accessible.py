"""The possible-match questions and the new-year preview, as a school lead sees them: answered
and started through the browser, with no axe violations."""

import pytest

from schools.models import ImportStatus, Pupil, RosterImport, YearRollover
from schools.services.classes import create_class, current_academic_year
from schools.services.pupils import create_pupil
from schools.services.roster import check_roster_import, start_roster_import
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import SchoolFactory, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-test-password"


def test_a_lead_answers_a_possible_match_and_starts_the_new_year(browser, live_server):
    school = SchoolFactory(name="Hollowbrook Academy", statutory_high_age=18)
    lead = staff(school, "school_lead", email="lead@hollowbrook.example", password=PASSWORD)
    last_year = current_academic_year() - 1
    nine = create_class(school=school, name="9R", year_group=9, academic_year=last_year, teacher=lead)
    sam = create_pupil(school=school, school_class=nine, first_name="Sam", last_name="Smith", year_group=9, actor=None)[
        0
    ]
    job = start_roster_import(
        school=school,
        school_class=None,
        uploaded_by=lead,
        filename="list.csv",
        content=b"First name,Surname,Year\nSam,Smith,9\n",
    )
    check_roster_import(roster_import=job)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(lead.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/teach/")

    page.goto(f"{live_server.url}/teach/roster/{job.pk}/")
    page.get_by_role("button", name="Confirm your answers and import").click()
    page.get_by_text("Say whether Sam Smith (row 2) is the same pupil or a new pupil").first.wait_for()
    assert_no_axe_violations(page)
    page.get_by_label("Same pupil: Sam Smith").check()
    page.get_by_role("button", name="Confirm your answers and import").click()
    page.get_by_text("Pupils imported").first.wait_for()
    assert RosterImport.objects.get().status == ImportStatus.IMPORTED
    assert Pupil.objects.count() == 1

    page.goto(f"{live_server.url}/school/{school.urn}/new-year/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Start").click()
    page.get_by_role("button", name="Undo the start of the year").wait_for()
    assert_no_axe_violations(page)
    sam.refresh_from_db()
    assert sam.year_group == 10
    assert YearRollover.objects.get().counts["classes_carried_over"] == 1
