"""A teacher gets a sensitive lesson ready and presents it with the keyboard; the presenter view follows."""

import pytest

from classroom.services.delivery import record_checklist
from schools.services.pupils import reset_login_code
from tests.browser.conftest import assert_no_axe_violations, keep_screenshot
from tests.classroom.teaching_world import GROUND_NOTE, PUPIL_NAMES, TEXT_NOTE, give_safeguarding_lead, make_world
from tests.factories import ProgrammePageFactory, make_site_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"
MODULE_WARNING = "This module talks about controlling relationships."
LESSON_WARNING = "This lesson describes a partner checking someone's phone."


@pytest.fixture
def lesson_world(live_server):
    world = make_world(ProgrammePageFactory(parent=make_site_home()))
    world.module.content_warning = MODULE_WARNING
    world.module.save()
    world.lesson.content_warning = LESSON_WARNING
    world.lesson.save()
    return world


def visible_slide(page):
    return page.locator("[data-slide]:not([hidden])")


def expect_slide(page, number: int) -> None:
    page.locator(f'[data-slide="{number}"]:not([hidden])').wait_for()
    assert visible_slide(page).count() == 1


def test_teacher_presents_with_the_keyboard_and_the_presenter_view_follows(browser, live_server, lesson_world):
    world = lesson_world
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    screen = context.new_page()
    screen.set_default_timeout(20_000)

    screen.goto(live_server.url + "/accounts/login/")
    screen.get_by_label("Email").fill(world.teacher.email)
    screen.get_by_label("Password").fill(PASSWORD)
    screen.get_by_role("button", name="Sign in").click()
    screen.wait_for_url("**/teach/")

    screen.goto(live_server.url + f"/teach/classes/{world.klass.pk}/")
    screen.get_by_role("link", name=f"Teach lesson 1: {world.lesson.title}").click()
    screen.wait_for_url("**" + world.url("teach_lesson"))
    assert screen.get_by_text("You cannot present this lesson yet.").is_visible()
    assert screen.get_by_role("link", name="Present", exact=True).count() == 0
    assert_no_axe_violations(screen)

    # The school lead puts a safeguarding lead on record; the teacher ticks the checklist.
    give_safeguarding_lead(world.school)
    screen.reload()
    screen.get_by_label("I have told our designated safeguarding lead").check()
    screen.get_by_label("I have thought about pupils who may be affected").check()
    screen.get_by_label("The class's ground rules are ready").check()
    screen.get_by_role("button", name="Save checklist").click()
    screen.get_by_text("Checklist complete").wait_for()
    assert_no_axe_violations(screen)

    # The key message is optional: hide it for this class.
    screen.get_by_role("button", name="Hide slide: Jealousy is not proof of love").click()
    screen.get_by_text("Slide hidden for this class.").wait_for()

    screen.get_by_role("link", name="Change 9R's ground rules").click()
    screen.get_by_label("Your class's ground rules").fill("We listen to each other.\nAnyone can pass.")
    assert_no_axe_violations(screen)
    screen.get_by_role("button", name="Save ground rules").click()
    screen.get_by_text("Ground rules saved for 9R.").wait_for()

    presenter = context.new_page()
    presenter.set_default_timeout(20_000)
    presenter.goto(live_server.url + world.url("presenter"))
    expect_slide(presenter, 1)
    assert GROUND_NOTE in visible_slide(presenter).inner_text()
    assert MODULE_WARNING in visible_slide(presenter).inner_text()
    assert LESSON_WARNING in visible_slide(presenter).inner_text()
    assert presenter.locator("[data-timer]").is_visible(), "the clock runs with JavaScript"
    assert_no_axe_violations(presenter)

    screen.goto(live_server.url + world.url("present"))
    expect_slide(screen, 1)
    first = visible_slide(screen).inner_text()
    assert "We listen to each other." in first and "Anyone can pass." in first
    assert MODULE_WARNING in first and LESSON_WARNING in first, "the content warning is on the first slide"
    assert screen.locator("[data-slide='1'] .content-warning").is_visible()
    assert_no_axe_violations(screen)
    keep_screenshot(screen, "projected-first-slide")
    keep_screenshot(presenter, "presenter-first-slide")
    html = screen.content()
    assert not any(name in html for name in PUPIL_NAMES)
    assert GROUND_NOTE not in html and TEXT_NOTE not in html
    assert screen.locator(".govuk-header").is_hidden(), "no site chrome on the classroom screen"

    # Five slides: ground rules, text, quick check, discussion, signposting (the key message is hidden).
    screen.keyboard.press("ArrowRight")
    expect_slide(screen, 2)
    assert "Care or control?" in visible_slide(screen).inner_text()
    expect_slide(presenter, 2)
    assert TEXT_NOTE in visible_slide(presenter).inner_text()
    assert "Is checking a partner" in visible_slide(presenter).inner_text(), "the next slide is named"

    screen.keyboard.press("Space")
    expect_slide(screen, 3)
    assert "Is checking a partner" in visible_slide(screen).inner_text()
    expect_slide(presenter, 3)
    assert "?slide=3" in screen.url

    screen.keyboard.press("End")
    expect_slide(screen, 5)
    assert "Where to get help" in visible_slide(screen).inner_text()
    expect_slide(presenter, 5)

    screen.keyboard.press("PageUp")
    expect_slide(screen, 4)
    expect_slide(presenter, 4)
    screen.keyboard.press("Home")
    expect_slide(screen, 1)
    expect_slide(presenter, 1)

    # The teacher can also move on from their own screen; the classroom screen follows.
    presenter.keyboard.press("ArrowRight")
    expect_slide(presenter, 2)
    expect_slide(screen, 2)
    assert_no_axe_violations(screen)
    assert_no_axe_violations(presenter)

    # Without scripts each slide is its own page, reached by the links.
    screen.get_by_role("link", name="Next slide").click()
    expect_slide(screen, 3)
    context.close()


def test_slides_are_separate_pages_without_javascript(browser, live_server, lesson_world):
    world = lesson_world
    give_safeguarding_lead(world.school)
    record_checklist(
        school_class=world.klass,
        lesson=world.lesson,
        teacher=world.teacher,
        dsl_told=True,
        affected_pupils_considered=True,
        ground_rules_ready=True,
    )
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(world.teacher.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/teach/")
    page.goto(live_server.url + world.url("present"))
    expect_slide(page, 1)
    page.get_by_role("link", name="Next slide").click()
    page.wait_for_url("**?slide=2")
    expect_slide(page, 2)
    assert page.get_by_role("link", name="Previous slide").get_attribute("href") == "?slide=1"
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_presenter_notes_and_next_slide_are_on_the_first_screen_of_a_laptop(
    browser, live_server, lesson_world, javascript
):
    world = lesson_world
    give_safeguarding_lead(world.school)
    record_checklist(
        school_class=world.klass,
        lesson=world.lesson,
        teacher=world.teacher,
        dsl_told=True,
        affected_pupils_considered=True,
        ground_rules_ready=True,
    )
    context = browser.new_context(viewport={"width": 1280, "height": 720}, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(world.teacher.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/teach/")
    page.goto(live_server.url + world.url("presenter") + "?slide=2")
    expect_slide(page, 2)
    slide = visible_slide(page)
    for part, what in ((slide.get_by_text(TEXT_NOTE), "the notes"), (slide.locator(".presenter-slide__next"), "next")):
        box = part.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 720, f"{what} on the first screen: {box}"
    assert slide.locator(".presenter-slide__next").inner_text() == "Jealousy is not proof of love"
    assert page.evaluate("window.scrollY") == 0
    if javascript:
        assert_no_axe_violations(page)
    context.close()


def test_lead_names_the_safeguarding_lead_and_pupils_see_them_on_the_help_page(browser, live_server, lesson_world):
    world = lesson_world
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(world.lead.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/teach/")
    page.goto(live_server.url + f"/school/{world.school.urn}/")
    page.get_by_role("link", name="Designated safeguarding lead").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save safeguarding lead").click()
    page.locator(".govuk-error-summary").wait_for()
    assert_no_axe_violations(page)
    page.get_by_label("Name, as pupils should see it").fill("Mrs Okafor")
    page.get_by_label("How pupils can reach them").fill("Room 14")
    page.get_by_role("button", name="Save safeguarding lead").click()
    page.get_by_text("Mrs Okafor is now on record").wait_for()
    context.close()

    first = world.klass.memberships.select_related("pupil").first().pupil
    code = reset_login_code(pupil=first, actor=None)
    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    pupil_page = phone.new_page()
    pupil_page.set_default_timeout(20_000)
    pupil_page.goto(live_server.url + "/pupil/login/")
    pupil_page.get_by_label("Class code").fill(world.klass.class_code)
    pupil_page.get_by_label("Your code").fill(code)
    pupil_page.get_by_role("button", name="Sign in").click()
    pupil_page.wait_for_url("**/pupil/")
    pupil_page.goto(live_server.url + "/pupil/help/")
    assert "Mrs Okafor" in pupil_page.locator("#safeguarding-lead").inner_text()
    assert pupil_page.get_by_text("Childline").count() >= 1
    assert_no_axe_violations(pupil_page)
    phone.close()
