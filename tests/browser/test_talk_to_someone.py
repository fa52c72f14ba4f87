"""A pupil on a 360 px phone asks to talk to someone; the school's safeguarding lead reads it, and nobody else can."""

from __future__ import annotations

import pytest
from django.utils import timezone

from schools.models import AuditAction, AuditEvent, TalkRequest
from tests.browser.conftest import assert_no_axe_violations, keep_screenshot
from tests.browser.test_pupil_module_journey import sign_in_pupil
from tests.factories import SchoolFactory, pupil, school_class, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}
NOTE = "Something happened at the weekend and I would like to talk about it."
PASSWORD = "a-long-test-password"


@pytest.fixture
def school_with_dsl(live_server):
    school = SchoolFactory(name="Oakfield School")
    teacher = staff(school, email="teacher@oak.example.org")
    dsl = staff(school, email="dsl@oak.example.org")
    school.dsl_name, school.dsl_contact, school.dsl_user = "Ms Patel", "The pastoral office, room 3", dsl
    school.save()
    klass = school_class(school, teacher, name="10P", year_group=10)
    _, code = pupil(klass, "Amara", "K")
    other = SchoolFactory(name="Riverside School")
    other_dsl = staff(other, email="dsl@river.example.org")
    other.dsl_name, other.dsl_user = "Mr Jones", other_dsl
    other.save()
    return {"url": live_server.url, "class": klass, "code": code}


def _staff_page(browser, setup, email: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(setup["url"] + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/teach/")
    return context, page


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_pupil_asks_to_talk_from_a_phone_and_only_the_dsl_reads_it(browser, school_with_dsl, javascript):
    setup = school_with_dsl
    phone = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = phone.new_page()
    page.set_default_timeout(20_000)
    sign_in_pupil(page, setup)
    page.goto(setup["url"] + "/pupil/help/")
    page.get_by_role("link", name="I'd like to talk to someone").click()
    page.get_by_role("heading", name="Ask to talk to someone").wait_for()
    assert page.get_by_text("Ms Patel, your school's safeguarding lead").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scroll"
    if javascript:
        assert_no_axe_violations(page)
        keep_screenshot(page, "talk-request-phone")
    page.get_by_label("Anything you want to say first").fill(NOTE)
    page.get_by_role("button", name="Send my request").click()
    page.get_by_role("heading", name="Your request has been sent").wait_for()
    assert page.get_by_text("usually the same day or the next school day").is_visible()
    assert page.locator("#talk-meanwhile").get_by_text("0800 1111").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    if javascript:
        assert_no_axe_violations(page)
        keep_screenshot(page, "talk-request-sent-phone")
    phone.close()
    talk = TalkRequest.objects.get()
    assert talk.note == NOTE and talk.created_at <= timezone.now()

    # Another school's safeguarding lead and the pupil's own teacher are told it does not exist.
    for email in ("dsl@river.example.org", "teacher@oak.example.org"):
        context, other = _staff_page(browser, setup, email)
        response = other.goto(setup["url"] + f"/teach/safeguarding/talk/{talk.pk}/")
        assert response.status == 404, email
        assert NOTE not in other.content()
        context.close()

    context, dsl = _staff_page(browser, setup, "dsl@oak.example.org")
    dsl.get_by_role("link", name="Pupils who asked to talk to you").click()
    dsl.get_by_role("heading", name="Pupils who asked to talk").wait_for()
    if javascript:
        assert_no_axe_violations(dsl)
    dsl.get_by_role("link", name="Open").click()
    dsl.get_by_role("heading", name="Amara K would like to talk").wait_for()
    assert dsl.locator("#talk-note").get_by_text(NOTE).is_visible()
    if javascript:
        assert_no_axe_violations(dsl)
        keep_screenshot(dsl, "talk-request-dsl-view")
    context.close()
    assert AuditEvent.objects.filter(
        action=AuditAction.TALK_REQUEST_VIEWED, actor__email="dsl@oak.example.org"
    ).exists()
