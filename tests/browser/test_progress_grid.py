"""The progress grid at 1280 px: it uses the width, the pupil's name stays in view, and a compact view fits."""

import json

import pytest
from django.utils import timezone

from courses.versioning import record_version
from schools.models import Assignment
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import (
    LessonPageFactory,
    ModulePageFactory,
    ProgrammePageFactory,
    QuizFactory,
    SchoolFactory,
    SurveyFactory,
    make_site_home,
    pupil,
    school_class,
    staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"
TITLES = [
    "What makes a friendship healthy",
    "Noticing pressure and control",
    "Consent in everyday life",
    "Online comments and their effects",
    "Being an active bystander",
]


@pytest.fixture
def grid_url(live_server):
    programme = ProgrammePageFactory(parent=make_site_home())
    quiz, survey = QuizFactory(), SurveyFactory()
    module = ModulePageFactory(
        parent=programme, title="Respect in relationships", knowledge_quiz=quiz, attitude_survey=survey
    )
    for title in TITLES:
        LessonPageFactory(parent=module, title=title, body=json.dumps([{"type": "text", "value": "<p>Text.</p>"}]))
    record_version(instrument=quiz)
    record_version(instrument=survey)
    school = SchoolFactory()
    teacher = staff(school, email="grid@example.org")
    klass = school_class(school, teacher, name="10G", year_group=10)
    for n in range(12):
        pupil(klass, f"Pupil{n:02d}", "Longsurname-Hyphenated")
    Assignment.objects.create(school_class=klass, module=module, opens_on=timezone.localdate(), include_surveys=True)
    return live_server.url, f"/teach/classes/{klass.pk}/progress/"


def test_the_grid_uses_the_screen_keeps_names_in_view_and_has_a_compact_view(browser, grid_url):
    base, path = grid_url
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill("grid@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/teach/")
    page.goto(base + path)

    region = page.get_by_role("region", name="Progress grid for Respect in relationships, scrolls sideways")
    assert region.bounding_box()["width"] > 1150, "the grid is not squeezed into 960 px"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_axe_violations(page)

    # Scrolled to its far right, the grid still shows whose row is whose.
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    name = page.get_by_role("rowheader", name="Pupil00 Longsurname-Hyphenated")
    assert abs(name.bounding_box()["x"] - region.bounding_box()["x"]) < 2
    assert page.get_by_role("columnheader", name="Completed on").is_visible()

    page.get_by_role("link", name="Show a compact grid").click()
    page.wait_for_url("**view=compact**")
    region = page.get_by_role("region", name="Progress grid for Respect in relationships, scrolls sideways")
    fits = region.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert fits, "in the compact view every column fits at 1280 px"
    assert page.get_by_role("columnheader", name="Lesson 3: Consent in everyday life").is_visible()
    assert page.get_by_role("list").filter(has_text="Being an active bystander").count() == 1
    assert_no_axe_violations(page)

    # The filters keep the compact view; the link goes back to the full one.
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**view=compact**")
    page.get_by_role("link", name="Show the full grid").click()
    page.wait_for_url("**view=full**")
    assert page.get_by_role("columnheader", name="3. Consent in everyday life").is_visible()
    context.close()
