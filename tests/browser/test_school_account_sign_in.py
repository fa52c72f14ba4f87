"""Staff sign in with a school account, through the browser, against a real OpenID Connect
provider started by the tests (tests/accounts/oidc_provider.py): first sign-in at a school's
domain, the lead's approval, linking and unlinking an existing account, and a refused
unverified address."""

import pytest
from allauth.socialaccount.models import SocialAccount

from schools.models import StaffJoinRequest, StaffMembership
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import SchoolFactory, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-test-password"


@pytest.fixture
def site(live_server, school_accounts):
    school = SchoolFactory(name="Hollowbrook Academy", staff_email_domains="hollowbrook.example")
    lead = staff(school, "school_lead", email="lead@hollowbrook.example", password=PASSWORD)
    return live_server.url, school, lead


def provider_sign_in(page, base, button, sub):
    """From our sign-in page through the provider's page and back."""
    page.goto(base + "/accounts/login/")
    page.get_by_role("button", name=button).click()
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize").click()


def password_sign_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_first_sign_in_waits_for_the_lead_who_approves(browser, site, school_accounts):
    base, school, lead = site
    school_accounts.set_user("g-7001", email="d.price@hollowbrook.example", email_verified=True, given_name="Daniel")
    teacher = browser.new_context().new_page()
    teacher.goto(base + "/accounts/login/")
    assert teacher.get_by_role("button", name="Sign in with Google").is_visible()
    assert teacher.get_by_role("button", name="Sign in with Microsoft").is_visible()
    assert_no_axe_violations(teacher)

    provider_sign_in(teacher, base, "Sign in with Google", "g-7001")
    teacher.get_by_role("heading", name="Waiting for your school lead").wait_for()
    assert_no_axe_violations(teacher)

    head = browser.new_context().new_page()
    password_sign_in(head, base, lead.email)
    head.goto(f"{base}/school/{school.urn}/staff/")
    head.get_by_role("heading", name="Waiting for your approval").wait_for()
    assert_no_axe_violations(head)
    head.get_by_role("button", name="Approve d.price@hollowbrook.example").click()
    head.get_by_text("d.price@hollowbrook.example is now a teacher at Hollowbrook Academy").wait_for()

    teacher.context.clear_cookies()  # a new day: signed out
    provider_sign_in(teacher, base, "Sign in with Google", "g-7001")
    teacher.wait_for_url("**/teach/")
    assert StaffMembership.objects.get(user__email="d.price@hollowbrook.example").role == "teacher"
    assert StaffJoinRequest.objects.get().approved is True


def test_an_existing_account_links_signs_in_with_and_unlinks_microsoft(browser, site, school_accounts):
    base, school, _ = site
    staff(school, "teacher", email="ruth@hollowbrook.example", password=PASSWORD)
    school_accounts.set_user("m-7002", email="ruth@hollowbrook.example", email_verified=True)
    page = browser.new_context().new_page()

    # Signing in with the provider first is refused: the address has an account already.
    provider_sign_in(page, base, "Sign in with Microsoft", "m-7002")
    page.get_by_text("There is already an account for ruth@hollowbrook.example").wait_for()
    assert_no_axe_violations(page)

    password_sign_in(page, base, "ruth@hollowbrook.example")
    page.wait_for_url("**/teach/")
    page.goto(base + "/accounts/3rdparty/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Microsoft").click()
    page.get_by_role("button", name="Continue").click()
    page.locator("input[name=sub]").fill("m-7002")
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url("**/accounts/3rdparty/")
    page.context.clear_cookies()

    provider_sign_in(page, base, "Sign in with Microsoft", "m-7002")
    page.wait_for_url("**/teach/")

    page.goto(base + "/accounts/3rdparty/")
    page.locator("input[name=account]").first.check()
    page.get_by_role("button", name="Remove").click()
    page.wait_for_load_state()
    assert not SocialAccount.objects.exists()
    page.context.clear_cookies()
    provider_sign_in(page, base, "Sign in with Microsoft", "m-7002")
    page.get_by_text("There is already an account for ruth@hollowbrook.example").wait_for()


def test_an_unverified_address_is_refused(browser, site, school_accounts):
    base, _, _ = site
    school_accounts.set_user("g-7003", email="nobody@hollowbrook.example")  # no email_verified claim
    page = browser.new_context().new_page()

    provider_sign_in(page, base, "Sign in with Google", "g-7003")

    page.get_by_text("did not confirm that nobody@hollowbrook.example is yours").wait_for()
    assert not StaffJoinRequest.objects.exists()
    assert_no_axe_violations(page)
