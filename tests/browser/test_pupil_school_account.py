"""A pupil links their school account, signs in with it instead of their codes, and unlinks
it, through the browser against the real local OpenID Connect provider."""

import pytest

from schools.models import Pupil
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import SchoolFactory, pupil, school_class, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_pupil_links_signs_in_with_and_unlinks_a_school_account(browser, live_server, school_accounts):
    school = SchoolFactory(name="Kestrel Park School")
    klass = school_class(school, staff(school, "teacher"), name="9K")
    ava, code = pupil(klass, "Ava", "K")
    school_accounts.set_user("pupil-ms-1", email="ava.k@pupils.kestrel.example", email_verified=True)
    page = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True).new_page()

    page.goto(live_server.url + "/pupil/login/")
    page.get_by_label("Class code").fill(klass.class_code)
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_role("link", name="Your school account").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Link my Microsoft account").click()
    page.locator("input[name=sub]").fill("pupil-ms-1")
    page.get_by_role("button", name="Authorize").click()
    page.get_by_text("Your school account is linked").first.wait_for()
    assert Pupil.objects.get(pk=ava.pk).account_digest

    page.context.clear_cookies()
    page.goto(live_server.url + "/pupil/login/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Sign in with Microsoft").click()
    page.locator("input[name=sub]").fill("pupil-ms-1")
    page.get_by_role("button", name="Authorize").click()
    page.get_by_role("heading", name="Hello, Ava").wait_for()

    page.goto(live_server.url + "/pupil/account/")
    page.get_by_role("button", name="Unlink my school account").click()
    page.get_by_text("no longer linked").wait_for()
    assert Pupil.objects.get(pk=ava.pk).account_digest == ""
