"""What staff and parents see of the smaller things: the QR code on the projected join screen, the
count of new questions on the teacher's home, the parents' page on paper, and the two-factor code
box, on a phone and a laptop, with no accessibility violations."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from classroom.services.live import start_session
from classroom.services.questions import ask_question
from schools.models import Assignment
from tests.browser.conftest import assert_no_axe_violations
from tests.classroom.live_world import make_live_world
from tests.factories import ProgrammePageFactory, make_site_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-test-password"
QR_NAME = "QR code that opens the page for joining this lesson with the class code filled in"


@pytest.fixture
def world(live_server):
    world = make_live_world(ProgrammePageFactory(parent=make_site_home()), pupils=3)
    Assignment.objects.filter(pk=world.assignment.pk).update(opens_on=timezone.localdate())
    world.tick_checklist()
    ask_question(pupil=world.pupils[0], school_class=world.klass, text="Is it ok to say no to a friend?")
    ask_question(pupil=world.pupils[1], school_class=world.klass, text="What is coercive control?")
    world.base = live_server.url
    return world


def signed_in(browser, world, width, height=800, user=None):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(world.base + "/accounts/login/")
    page.get_by_label("Email").fill((user or world.teacher).email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    return context, page


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [360, 1280])
def test_teacher_home_counts_new_questions(browser, world, width):
    context, page = signed_in(browser, world, width)
    page.wait_for_url("**/teach/")
    banner = page.get_by_role("region", name="Question box")
    assert banner.get_by_text("2 new questions from pupils, not answered yet").is_visible()
    banner.get_by_role("link", name="9F: 2 new questions").click()
    page.wait_for_url("**/questions/?show=new")
    assert page.get_by_text("Is it ok to say no to a friend?").is_visible()
    page.go_back()
    assert fits(page)
    assert_no_axe_violations(page)
    context.close()


def test_projected_join_screen_shows_a_scannable_qr_code_on_the_first_screen(browser, world):
    session = start_session(
        school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher
    )
    context, page = signed_in(browser, world, 1280, 720)
    page.wait_for_url("**/teach/")
    page.goto(f"{world.base}/teach/live/{session.pk}/screen/")
    qr = page.get_by_role("img", name=QR_NAME)
    assert qr.evaluate("img => img.complete && img.naturalWidth >= 200")
    box = qr.bounding_box()
    assert box["y"] + box["height"] <= 720, "the code is on the projected screen without scrolling"
    assert box["width"] >= 200, "large enough to scan across a classroom"
    assert_no_axe_violations(page)
    context.close()


def test_parents_page_prints_the_lessons_without_the_site(browser, world):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(world.base + world.module.url + "parents/")
    button = page.get_by_role("button", name="Print this page")
    assert button.is_visible()
    assert page.get_by_role("navigation", name="Contents").is_visible()
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    assert not button.is_visible()
    assert not page.locator("header").first.is_visible() and not page.locator(".quick-exit").is_visible()
    assert page.get_by_role("heading", name=f"Lesson 1: {world.lesson.title}").is_visible()
    column = page.locator(".govuk-grid-column-two-thirds").first
    assert column.evaluate("e => getComputedStyle(e).width") == page.evaluate(
        "getComputedStyle(document.querySelector('.govuk-grid-row')).width"
    ), "the whole width of the paper"
    context.close()


def test_two_factor_code_box_brings_up_the_number_pad_on_a_phone(browser, world):
    TOTP.activate(world.lead, generate_totp_secret())
    context, page = signed_in(browser, world, 360, user=world.lead)
    page.wait_for_url("**/2fa/authenticate/")
    box = page.get_by_label("Code from your authenticator app")
    assert box.get_attribute("inputmode") == "numeric" and box.get_attribute("autocomplete") == "one-time-code"
    assert page.get_by_role("heading", name="Enter your sign-in code").is_visible()
    assert page.get_by_text("Lost your phone? Enter one of the 8-digit recovery codes").is_visible()
    assert fits(page)
    assert_no_axe_violations(page)
    context.close()
