"""A commissioner opens an evaluation protocol, plans its subgroups, freezes it, and the dashboard names it."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from accounts.demo_data import DEMO_TOTP_SECRET, current_demo_totp_code
from accounts.roles import GlobalRole
from reports.protocol_models import EvaluationProtocol
from tests.browser.conftest import assert_no_axe_violations, keep_screenshot
from tests.factories import UserFactory
from tests.reports.conftest import evaluated  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def signed_in(live_server, browser, evaluated):  # noqa: F811
    commissioner = UserFactory(email="pcc@example.org", password=PASSWORD)
    commissioner.groups.add(Group.objects.get_or_create(name=GlobalRole.COMMISSIONER.value)[0])
    TOTP.activate(commissioner, DEMO_TOTP_SECRET)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("pcc@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/2fa/authenticate/")
    page.locator("#id_code").fill(current_demo_totp_code())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/reports/")
    yield page
    context.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_commissioner_opens_plans_and_freezes_a_protocol(signed_in, live_server, width):
    page = signed_in
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/reports/protocols/new/")
    page.get_by_label("Title").fill("Kent and Medway 2026 to 2027")
    page.get_by_label("First day of the period").fill("1/9/2026")
    page.get_by_label("Last day of the period").fill("31/8/2027")
    page.get_by_label("Primary outcome").fill("Change in the end-of-module quiz score, first attempt.")
    page.locator("input[name=quiz_versions]").first.check()
    page.get_by_label("Before the module").check()
    page.get_by_label("After the module").check()
    page.get_by_label("Analysis").fill("Paired change, clustered by school.")
    page.get_by_label("Gender").check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("button", name="Freeze and publish the saved draft").click()

    page.wait_for_selector("text=Evaluation protocol, frozen")
    protocol = EvaluationProtocol.objects.get()
    assert protocol.is_frozen and protocol.record["subgroups"] == ["gender"]
    assert "Subgroups compared" in page.content() and "Gender" in page.locator("dl").inner_text()
    assert_no_axe_violations(page)
    keep_screenshot(page, f"protocol-frozen-{width}")

    page.goto(live_server.url + "/reports/")
    assert "Kent and Medway 2026 to 2027" in page.locator("p.protocol-answered").inner_text()
