"""A pupil in a comparison (wait-list) class before its post wave: the module page says when the lessons open,
lists them without links, and a lesson opened anyway sends the pupil back with the date (zero axe violations)."""

import datetime

import pytest
from django.utils import timezone

from schools.models import Arm, Assignment
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_pupil_module_journey import module_set, sign_in_pupil  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", [1280, 360])
def test_a_waiting_comparison_pupil_is_told_when_the_lessons_open(browser, module_set, width):  # noqa: F811
    today = timezone.localdate()
    opens = today + datetime.timedelta(days=5)
    Assignment.objects.update(arm=Arm.COMPARISON, opens_on=today - datetime.timedelta(days=9), post_wave_on=opens)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in_pupil(page, module_set)
    page.get_by_role("link", name="Standing up for others").first.click()

    message = f"Your class has these lessons later: they open on {opens:%-d %B %Y}."
    assert message in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Lesson 1: Noticing").count() == 0
    assert_no_axe_violations(page)

    lesson = Assignment.objects.get().module.get_children().first()
    page.goto(page.url + f"lessons/{lesson.pk}/")
    assert message in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    context.close()
