"""A commissioner signs in with MFA, filters, drills down from county to district to school, and downloads an export."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from accounts.demo_data import DEMO_TOTP_SECRET, current_demo_totp_code
from accounts.roles import GlobalRole
from reports.published_pattern import store_pattern
from reports.rollups import refresh_rollups
from schools.models import District
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import SchoolFactory, UserFactory
from tests.reports.conftest import assign, evaluated, populate  # noqa: F401 (evaluated is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def county(live_server, settings, tmp_path, request):
    """Three schools in one district, four pupils each who did everything: enough for district figures."""
    module = request.getfixturevalue("evaluated")  # the reports tests' module with a quiz and a survey
    settings.PRIVATE_STORAGE_ROOT = str(tmp_path / "private")
    first = SchoolFactory(name="Harbour Academy")
    district = District.objects.create(code="E07000999", name="Harbourside", local_authority=first.local_authority)
    schools = [first, *(SchoolFactory(local_authority=first.local_authority) for _ in range(2))]
    for school in schools:
        school.district = district
        school.save()
        populate(module, assign(module, school), 4)
    store_pattern(refresh_rollups())  # as the nightly task does
    commissioner = UserFactory(email="pcc@example.org", password=PASSWORD)
    commissioner.groups.add(Group.objects.get_or_create(name=GlobalRole.COMMISSIONER.value)[0])
    TOTP.activate(commissioner, DEMO_TOTP_SECRET)
    return {"url": live_server.url, "district": district}


def test_commissioner_signs_in_with_mfa_drills_down_and_downloads_an_export(browser, county):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(county["url"] + "/accounts/login/")
    page.get_by_label("Email").fill("pcc@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/2fa/authenticate/")
    page.locator("#id_code").fill(current_demo_totp_code())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/reports/")
    assert page.locator("h1").inner_text() != ""
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Harbourside").first.click()
    page.wait_for_url(f"**/reports/districts/{county['district'].code}/**")
    assert "Harbourside" in page.locator("h1").inner_text()
    assert "Pupil0" not in page.content(), "no pupil-level data on a commissioner's page"
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Harbour Academy").first.click()
    page.wait_for_url("**/reports/schools/*/**")
    assert "Harbour Academy" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)

    # The menu leads to the commissioner's own pages, and to nothing that would refuse them.
    menu = page.locator("#site-menu")
    assert menu.get_by_role("link", name="Your classes").count() == 0
    menu.get_by_role("link", name="Audit reports").click()
    page.wait_for_url("**/reports/exports/audit-reports/")
    assert menu.locator("[aria-current=page]").inner_text() == "Audit reports"
    assert_no_axe_violations(page)
    menu.get_by_role("link", name="Download tables").click()
    page.wait_for_url("**/reports/exports/dashboard-tables/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Build the export").click()
    page.wait_for_url("**/reports/exports/*/")
    for _ in range(20):
        if page.get_by_role("link", name="Download the file").count():
            break
        page.wait_for_timeout(500)
        page.reload()
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the file").click()
    assert download.value.suggested_filename.endswith((".csv", ".zip", ".xlsx"))
    context.close()
