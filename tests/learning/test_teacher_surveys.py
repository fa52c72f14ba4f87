import datetime
import uuid

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import ModulePage
from courses.versioning import record_version
from learning.models import FollowUpWindow, SurveyAnswer, SurveyResponse, Wave
from learning.services.surveys import open_follow_up
from schools.models import Assignment, AuditAction, AuditEvent
from tests.factories import ModulePageFactory, SchoolFactory, SurveyFactory, likert, pupil, staff, stream

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def surveyed(course, settings):
    """The `course` assignment with a survey (Likert a1, a2 and free text f1); threshold 3."""
    settings.SUPPRESSION_THRESHOLD = 3
    survey = SurveyFactory(
        questions=stream(
            [likert("a1"), likert("a2"), ("free_text", {"key": "f1", "prompt": "Anything else?", "optional": True})]
        )
    )
    ModulePage.objects.filter(pk=course.assignment.module_id).update(attitude_survey=survey)
    course.assignment.module.attitude_survey = survey
    course.survey_version = record_version(instrument=survey)
    return course


def summary_url(course):
    return reverse("learning:survey_summary", args=[course.assignment.school_class_id, course.assignment.pk])


def follow_up_url(course):
    return reverse("learning:follow_up", args=[course.assignment.school_class_id, course.assignment.pk])


def answer(course, who, values, wave=Wave.PRE):
    response = SurveyResponse.objects.create(
        idempotency_key=uuid.uuid4(),
        pupil=who,
        assignment=course.assignment,
        survey_version=course.survey_version,
        wave=wave,
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(
            response=response,
            item_key=key,
            value=value if isinstance(value, int) else None,
            text=value if isinstance(value, str) else "",
        )
        for key, value in values.items()
    )


def dates(opens: datetime.date | None = None, closes: datetime.date | None = None, **overrides) -> dict:
    opens = opens or timezone.localdate() + 100 * DAY
    closes = closes or opens + 30 * DAY
    data = {
        "opens_on_day": str(opens.day),
        "opens_on_month": str(opens.month),
        "opens_on_year": str(opens.year),
        "closes_on_day": str(closes.day),
        "closes_on_month": str(closes.month),
        "closes_on_year": str(closes.year),
    }
    data.update(overrides)
    return data


def page_text(response) -> str:
    """The page's words, with runs of white space made one space."""
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def error_summary(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(" ", strip=True) for li in soup.select(".govuk-error-summary__list li")]


# --- Class survey summary -------------------------------------------------------------------------


def test_summary_shows_class_counts_but_no_pupil_names_or_written_answers(client, surveyed):
    pupils = [surveyed.pupil, surveyed.other_pupil, pupil(surveyed.assignment.school_class, "Cara", "C")[0]]
    for who, value in zip(pupils, [2, 4, 4], strict=True):
        answer(surveyed, who, {"a1": value, "a2": 5, "f1": "A very private thought"})
    client.force_login(surveyed.teacher)
    response = client.get(summary_url(surveyed))
    assert response.status_code == 200
    page = response.content.decode()
    soup = BeautifulSoup(page, "html.parser")
    first = soup.select("table")[1]
    rows = {
        tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in first.select("tbody tr")
    }
    assert rows["2"] == ["1 (33%)"] and rows["4"] == ["2 (67%)"]
    assert rows["Pupils who answered"] == ["3"] and rows["Mean answer"] == ["3.3"]
    for name in ("Ava", "Ben", "Cara"):
        assert name not in page
    assert "A very private thought" not in page
    assert "never shown to teachers" in page


def test_summary_hides_an_item_fewer_than_the_threshold_answered(client, surveyed):
    answer(surveyed, surveyed.pupil, {"a1": 1, "a2": 1})
    answer(surveyed, surveyed.other_pupil, {"a1": 1, "a2": 2})
    answer(surveyed, pupil(surveyed.assignment.school_class, "Cara", "C")[0], {"a2": 3})
    client.force_login(surveyed.teacher)
    page = page_text(client.get(summary_url(surveyed)))
    assert "Before the module: fewer than 3 pupils answered this, so the answers are not shown" in page
    assert page.count("Mean answer") == 1  # Statement 2's, which three pupils answered.


def test_summary_explains_when_nobody_has_answered(client, surveyed):
    client.force_login(surveyed.teacher)
    assert "No pupil in this class has answered the survey yet" in page_text(client.get(summary_url(surveyed)))


def test_summary_queries_do_not_grow_with_the_class(client, surveyed, django_assert_max_num_queries):
    klass = surveyed.assignment.school_class

    def add_answers(count, start):
        for n in range(start, start + count):
            who, _ = pupil(klass, f"Pupil{n:03d}", "Z")
            answer(surveyed, who, {"a1": n % 5 + 1, "a2": 3 + n % 2, "f1": "text"})
            answer(surveyed, who, {"a1": 4 + n % 2, "a2": 2 + n % 2}, wave=Wave.POST)

    client.force_login(surveyed.teacher)
    add_answers(5, 0)
    client.get(summary_url(surveyed))  # Warms the site's cached page links, read once per process.
    add_answers(5, 5)
    # Each load below releases a new batch of both waves.
    with CaptureQueriesContext(connection) as small:
        assert "5 (50%)" in client.get(summary_url(surveyed)).content.decode()
    add_answers(10, 10)
    with django_assert_max_num_queries(len(small)):
        assert "10 (50%)" in client.get(summary_url(surveyed)).content.decode()


def test_school_lead_sees_the_summary(client, surveyed):
    client.force_login(staff(surveyed.assignment.school_class.school, role="school_lead"))
    assert client.get(summary_url(surveyed)).status_code == 200


# --- Who may see the pages ------------------------------------------------------------------------


def test_another_schools_teacher_gets_404_on_both_pages(client, surveyed):
    client.force_login(staff(SchoolFactory()))
    assert client.get(summary_url(surveyed)).status_code == 404
    assert client.get(follow_up_url(surveyed)).status_code == 404
    assert client.post(follow_up_url(surveyed), dates()).status_code == 404
    assert not FollowUpWindow.objects.exists()


def test_same_school_teacher_who_does_not_teach_the_class_gets_404(client, surveyed):
    client.force_login(staff(surveyed.assignment.school_class.school))
    assert client.get(summary_url(surveyed)).status_code == 404
    assert client.post(follow_up_url(surveyed), dates()).status_code == 404
    assert not FollowUpWindow.objects.exists()


def test_assignment_of_another_class_is_404(client, surveyed, programme):
    from tests.factories import school_class

    other_class = school_class(SchoolFactory(), staff(SchoolFactory()), name="7X", year_group=7)
    stray = Assignment.objects.create(
        school_class=other_class, module=ModulePageFactory(parent=programme), opens_on=timezone.localdate()
    )
    client.force_login(surveyed.teacher)
    klass = surveyed.assignment.school_class_id
    assert client.get(reverse("learning:survey_summary", args=[klass, stray.pk])).status_code == 404
    assert client.get(reverse("learning:follow_up", args=[klass, stray.pk])).status_code == 404


def test_teacher_who_cannot_manage_the_class_gets_403_on_follow_up(client, surveyed):
    klass = surveyed.assignment.school_class
    klass.archived_at = timezone.now()
    klass.save()
    client.force_login(surveyed.teacher)
    assert client.get(summary_url(surveyed)).status_code == 200
    assert client.get(follow_up_url(surveyed)).status_code == 403
    assert client.post(follow_up_url(surveyed), dates()).status_code == 403
    assert not FollowUpWindow.objects.exists()


def test_anonymous_visitor_is_sent_to_sign_in(client, surveyed):
    for url in (summary_url(surveyed), follow_up_url(surveyed)):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


# --- Opening a follow-up window -------------------------------------------------------------------


def test_follow_up_form_suggests_dates_3_to_12_months_after_the_module(client, surveyed):
    surveyed.assignment.due_on = datetime.date(2030, 1, 31)
    surveyed.assignment.save()
    client.force_login(surveyed.teacher)
    response = client.get(follow_up_url(surveyed))
    assert "between 30 April 2030 and 31 January 2031" in page_text(response)
    assert "For example, 30 4 2030" in page_text(response)
    page = response.content.decode()
    assert 'id="id_opens_on"' in page and 'name="opens_on_day"' in page and 'name="closes_on_year"' in page


def test_opening_a_follow_up_window_stores_it_and_audits_it(client, surveyed):
    opens = timezone.localdate() + 90 * DAY
    client.force_login(surveyed.teacher)
    response = client.post(follow_up_url(surveyed), dates(opens, opens + 21 * DAY))
    assert response.status_code == 302 and response["Location"] == follow_up_url(surveyed)
    window = FollowUpWindow.objects.get()
    assert (window.assignment, window.opens_on, window.closes_on) == (surveyed.assignment, opens, opens + 21 * DAY)
    assert window.opened_by == surveyed.teacher
    event = AuditEvent.objects.get(action=AuditAction.FOLLOW_UP_OPENED)
    assert event.actor == surveyed.teacher and event.school == surveyed.assignment.school_class.school
    assert event.target_id == str(window.pk) and event.detail["opens_on"] == opens.isoformat()
    page = client.get(response["Location"]).content.decode()
    assert "Not open yet" in page


def test_school_lead_can_open_a_follow_up_window(client, surveyed):
    lead = staff(surveyed.assignment.school_class.school, role="school_lead")
    client.force_login(lead)
    assert client.post(follow_up_url(surveyed), dates()).status_code == 302
    assert FollowUpWindow.objects.get().opened_by == lead


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"opens_on_day": "", "opens_on_month": "", "opens_on_year": ""},
            "Enter the date the follow-up survey opens",
        ),
        ({"opens_on_month": ""}, "The date the follow-up survey opens must include a month"),
        (
            {"closes_on_day": "", "closes_on_month": ""},
            "The date the follow-up survey closes must include a day and month",
        ),
        ({"opens_on_day": "31", "opens_on_month": "2"}, "The date the follow-up survey opens must be a real date"),
        ({"opens_on_day": "1st"}, "The date the follow-up survey opens must be a real date"),
        ({"closes_on_month": "13"}, "The date the follow-up survey closes must be a real date"),
        ({"opens_on_year": "31"}, "Year must include 4 numbers"),
        ({"closes_on_day": "9" * 30}, "The date the follow-up survey closes must be a real date"),
    ],
)
def test_invalid_dates_are_explained(client, surveyed, overrides, message):
    client.force_login(surveyed.teacher)
    response = client.post(follow_up_url(surveyed), dates(**overrides))
    assert response.status_code == 400
    assert message in error_summary(response)
    assert not FollowUpWindow.objects.exists()


def test_error_summary_links_to_the_day_box(client, surveyed):
    client.force_login(surveyed.teacher)
    response = client.post(follow_up_url(surveyed), dates(opens_on_day="x"))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".govuk-error-summary__list a")["href"] == "#id_opens_on"
    day = soup.find(id="id_opens_on")
    assert day["name"] == "opens_on_day" and day["value"] == "x", "what was typed is kept"
    assert "govuk-input--error" in day["class"]


def test_closing_before_opening_is_refused(client, surveyed):
    opens = timezone.localdate() + 100 * DAY
    client.force_login(surveyed.teacher)
    response = client.post(follow_up_url(surveyed), dates(opens, opens - DAY))
    assert response.status_code == 400
    assert error_summary(response) == [
        "The date the follow-up survey closes must be the same as or after the date it opens"
    ]
    assert not FollowUpWindow.objects.exists()


def test_window_in_the_past_is_refused(client, surveyed):
    Assignment.objects.filter(pk=surveyed.assignment.pk).update(opens_on=timezone.localdate() - 400 * DAY)
    today = timezone.localdate()
    client.force_login(surveyed.teacher)
    response = client.post(follow_up_url(surveyed), dates(today - 30 * DAY, today - DAY))
    assert response.status_code == 400
    assert error_summary(response) == ["The date the follow-up survey opens must be today or in the future"]
    assert not FollowUpWindow.objects.exists()


def test_window_opening_on_or_before_the_module_is_refused(client, surveyed):
    Assignment.objects.filter(pk=surveyed.assignment.pk).update(opens_on=timezone.localdate() + 10 * DAY)
    client.force_login(surveyed.teacher)
    response = client.post(follow_up_url(surveyed), dates(timezone.localdate() + 5 * DAY))
    assert response.status_code == 400
    assert error_summary(response)[0].startswith("The follow-up survey must open after the module opens on")
    assert not FollowUpWindow.objects.exists()


def test_overlapping_an_existing_window_is_refused(client, surveyed):
    opens = timezone.localdate() + 100 * DAY
    open_follow_up(assignment=surveyed.assignment, opens_on=opens, closes_on=opens + 10 * DAY, actor=None)
    client.force_login(surveyed.teacher)
    response = client.post(follow_up_url(surveyed), dates(opens + 10 * DAY, opens + 20 * DAY))
    assert response.status_code == 400
    (message,) = error_summary(response)
    assert message.startswith("These dates overlap the follow-up survey already set from")
    assert FollowUpWindow.objects.count() == 1
    # The day after it closes is fine.
    assert client.post(follow_up_url(surveyed), dates(opens + 11 * DAY, opens + 20 * DAY)).status_code == 302
    assert FollowUpWindow.objects.count() == 2


def test_tampered_post_is_refused_and_stores_nothing(client, surveyed):
    client.force_login(surveyed.teacher)
    response = client.post(follow_up_url(surveyed), {"opens_on": "2030-01-01", "closes_on_day": "-1"})
    assert response.status_code == 400
    assert set(error_summary(response)) == {
        "Enter the date the follow-up survey opens",
        "The date the follow-up survey closes must include a month and year",
    }
    assert not FollowUpWindow.objects.exists()
    assert not AuditEvent.objects.filter(target_type="learning.FollowUpWindow").exists()


@pytest.mark.parametrize("cause", ["surveys_off", "no_survey"])
def test_follow_up_is_not_available_without_a_survey(client, surveyed, cause):
    if cause == "surveys_off":
        Assignment.objects.filter(pk=surveyed.assignment.pk).update(include_surveys=False)
        expected = "switched off when this module was assigned"
    else:
        ModulePage.objects.filter(pk=surveyed.assignment.module_id).update(attitude_survey=None)
        expected = "has no survey"
    client.force_login(surveyed.teacher)
    response = client.get(follow_up_url(surveyed))
    assert response.status_code == 200
    assert expected in page_text(response) and "Follow-up is not available" in page_text(response)
    assert "opens_on_day" not in response.content.decode()
    response = client.post(follow_up_url(surveyed), dates())
    assert response.status_code == 400
    assert expected in error_summary(response)[0]
    assert not FollowUpWindow.objects.exists()


# --- Links from the progress grid -----------------------------------------------------------------


def grid_links(client, course) -> set[str]:
    url = reverse("learning:class_progress", args=[course.assignment.school_class_id])
    soup = BeautifulSoup(client.get(f"{url}?assignment={course.assignment.pk}").content, "html.parser")
    return {a.get_text(strip=True) for a in soup.select("a.govuk-link")}


def test_progress_grid_links_to_the_survey_pages(client, surveyed):
    client.force_login(surveyed.teacher)
    assert {"Survey answers (class summary)", "Follow-up survey"} <= grid_links(client, surveyed)


def test_progress_grid_offers_follow_up_only_to_those_who_manage_the_class(client, surveyed):
    klass = surveyed.assignment.school_class
    klass.archived_at = timezone.now()
    klass.save()
    client.force_login(surveyed.teacher)
    links = grid_links(client, surveyed)
    assert "Survey answers (class summary)" in links and "Follow-up survey" not in links


def test_progress_grid_has_no_survey_links_without_a_survey(client, course):
    client.force_login(course.teacher)
    links = grid_links(client, course)
    assert "Survey answers (class summary)" not in links and "Follow-up survey" not in links
