"""The teacher's class survey summary before and after its first batch is released, at 1280 and 360 px."""

import uuid

import pytest
from django.utils import timezone

from courses.versioning import record_version
from learning.models import Wave
from learning.services.surveys import submit_survey_response
from schools.models import Assignment
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import (
    ModulePageFactory,
    ProgrammePageFactory,
    SchoolFactory,
    SurveyFactory,
    likert,
    make_site_home,
    pupil,
    school_class,
    staff,
    stream,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def surveyed(live_server, settings):
    settings.SUPPRESSION_THRESHOLD = 10
    programme = ProgrammePageFactory(parent=make_site_home())
    survey = SurveyFactory(
        questions=stream([likert("feel_safe"), likert("speak_up"), likert("pressure", reverse=True)])
    )
    module = ModulePageFactory(parent=programme, title="Respect in relationships", attitude_survey=survey)
    version = record_version(instrument=survey)
    school = SchoolFactory()
    teacher = staff(school, email="summary@example.org")
    klass = school_class(school, teacher, name="9S", year_group=9)
    pupils = [pupil(klass, f"Pupil{n:02d}", "Surname")[0] for n in range(14)]
    assignment = Assignment.objects.create(
        school_class=klass, module=module, opens_on=timezone.localdate(), include_surveys=True
    )

    def answer(who, n):
        submit_survey_response(
            pupil=who,
            assignment=assignment,
            version=version,
            answers={"feel_safe": str(2 + n % 4), "speak_up": str(1 + n % 5), "pressure": str(1 + n % 3)},
            key=uuid.uuid4(),
            wave=Wave.PRE,
        )

    return live_server.url, f"/teach/classes/{klass.pk}/assignments/{assignment.pk}/survey/", pupils, answer


def test_the_summary_appears_with_the_tenth_answer_and_not_with_the_eleventh(browser, surveyed, tmp_path):
    base, path, pupils, answer = surveyed
    for n, who in enumerate(pupils[:9]):
        answer(who, n)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill("summary@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/teach/")

    page.goto(base + path)
    assert page.get_by_text("not shown yet. 9 pupils have answered").is_visible()
    assert page.get_by_text("Mean answer").count() == 0
    assert_no_axe_violations(page)
    page.screenshot(path=tmp_path / "before-1280.png", full_page=True)

    answer(pupils[9], 9)
    page.goto(base + path)
    assert page.get_by_text("Mean answer").count() == 3
    released = page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.screenshot(path=tmp_path / "after-1280.png", full_page=True)

    answer(pupils[10], 10)
    page.goto(base + path)
    assert page.get_by_text("1 more pupil has answered since").is_visible()
    assert (
        page.locator("main")
        .inner_text()
        .replace("1 more pupil has answered since; they are added once 10 have.", "No pupil has answered since.")
        == released
    )

    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=tmp_path / "after-360.png", full_page=True)
    context.close()
