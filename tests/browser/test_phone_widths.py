"""Staff pages on a 360 px phone: wide tables scroll in their own labelled region, the page never sideways."""

import pytest
from django.utils import timezone

from classroom.services.live import join_session, start_session
from classroom.services.questions import ask_question, pass_to_dsl
from schools.models import Assignment
from tests.browser.conftest import assert_no_axe_violations
from tests.classroom.live_world import give_dsl, make_live_world
from tests.factories import ProgrammePageFactory, make_site_home, pupil

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def school(live_server):
    world = make_live_world(ProgrammePageFactory(parent=make_site_home()), pupils=4)
    give_dsl(world.school, account=world.lead)
    for n in range(3):
        pupil(world.klass, f"Maximiliana-Josephine{n}", "Fitzwilliam-Hetherington")
    world.module.title = "Healthy relationships, consent and respecting boundaries online and offline"
    world.module.save()
    Assignment.objects.filter(pk=world.assignment.pk).update(opens_on=timezone.localdate())
    question = ask_question(pupil=world.pupils[0], school_class=world.klass, text="Is it ok to say no to a friend?")
    pass_to_dsl(question=question, user=world.teacher)
    world.tick_checklist()
    session = start_session(
        school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher
    )
    join_session(session=session, pupil=world.pupils[0])
    return world, session, live_server.url


def test_staff_pages_fit_a_phone(browser, school):
    world, session, base = school
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(world.lead.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/teach/")
    assert page.evaluate("getComputedStyle(document.querySelector('.quick-exit')).marginBottom") == "0px"

    pages = {
        "class page": f"/teach/classes/{world.klass.pk}/",
        "progress grid": f"/teach/classes/{world.klass.pk}/progress/",
        "staff list": f"/school/{world.school.urn}/staff/",
        "pupil list": f"/school/{world.school.urn}/pupils/",
        "audit log": f"/school/{world.school.urn}/audit/",
        "questions passed to the safeguarding lead": "/teach/safeguarding/questions/",
        "register": f"/teach/live/{session.pk}/register/",
    }
    for name, path in pages.items():
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
        regions = page.locator(".table-scroll")
        assert regions.count() >= 1, name
        for region in regions.all():
            assert region.get_attribute("role") == "region" and region.get_attribute("aria-label"), name
            caption = region.locator("caption")
            if caption.count() and caption.is_visible():
                box = caption.bounding_box()
                assert box["x"] + box["width"] <= 360, f"the caption of the {name} fits the screen"
    for path in (pages["class page"], pages["pupil list"], pages["register"]):
        page.goto(base + path)
        assert_no_axe_violations(page)
    context.close()
