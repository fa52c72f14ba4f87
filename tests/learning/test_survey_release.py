"""The class survey summary is released in batches: a teacher who reloads it after one pupil answers, or
after one pupil opts out, learns nothing about that pupil (``learning.survey_release``)."""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from courses.models import ModulePage
from courses.versioning import record_version
from learning.models import SurveySummaryRelease, Wave
from learning.services.surveys import submit_survey_response
from learning.survey_release import change_is_a_batch
from tests.factories import SchoolFactory, SurveyFactory, likert, pupil, staff, stream

pytestmark = pytest.mark.django_db

THRESHOLD = 10


@pytest.fixture
def surveyed(course, settings):
    """The `course` assignment with a survey of two 1-5 Likert items, a1 and a2; the threshold is 10."""
    settings.SUPPRESSION_THRESHOLD = THRESHOLD
    survey = SurveyFactory(questions=stream([likert("a1"), likert("a2")]))
    ModulePage.objects.filter(pk=course.assignment.module_id).update(attitude_survey=survey)
    course.assignment.module.attitude_survey = survey
    course.survey_version = record_version(instrument=survey)
    return course


def newcomers(course, count: int, start: int = 0) -> list:
    klass = course.assignment.school_class
    return [pupil(klass, f"Pupil{n:03d}", "Z")[0] for n in range(start, start + count)]


def submit(course, who, a1: int, a2: int, wave: str = Wave.PRE) -> None:
    submit_survey_response(
        pupil=who,
        assignment=course.assignment,
        version=course.survey_version,
        answers={"a1": str(a1), "a2": str(a2)},
        key=uuid.uuid4(),
        wave=wave,
    )


def summary_url(course) -> str:
    return reverse("learning:survey_summary", args=[course.assignment.school_class_id, course.assignment.pk])


def answer_tables(client, course) -> list[list[list[str]]]:
    """Every table of the summary page, cell by cell: what a teacher could compare between loads."""
    soup = BeautifulSoup(client.get(summary_url(course)).content, "html.parser")
    return [
        [[cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in table.select("tr")]
        for table in soup.select("main table")
    ]


def page_text(client, course) -> str:
    return " ".join(BeautifulSoup(client.get(summary_url(course)).content, "html.parser").get_text(" ").split())


def first_batch(course) -> list:
    """Ten pupils answer before the lessons: a1 is 2 for six of them and 4 for four; a2 is 3 or 1."""
    pupils = newcomers(course, THRESHOLD)
    for n, who in enumerate(pupils):
        submit(course, who, 2 if n < 6 else 4, 3 if n % 2 else 1)
    return pupils


def test_nothing_is_shown_until_the_threshold_have_answered(client, surveyed):
    pupils = newcomers(surveyed, THRESHOLD)
    for who in pupils[:-1]:
        submit(surveyed, who, 2, 3)
    client.force_login(surveyed.teacher)
    text = page_text(client, surveyed)
    assert "Before the module: not shown yet. 9 pupils have answered; the answers are shown once 10 have." in text
    assert "Mean answer" not in text
    assert not SurveySummaryRelease.objects.exists()

    submit(surveyed, pupils[-1], 4, 1)
    text = page_text(client, surveyed)
    assert text.count("Mean answer") == 2
    assert "No pupil has answered since" in text


def test_reloading_after_one_more_pupil_answers_shows_nothing_new(client, surveyed):
    first_batch(surveyed)
    client.force_login(surveyed.teacher)
    before = answer_tables(client, surveyed)
    assert ["2 (Disagree)", "6 (60%)"] in before[1] or ["2", "6 (60%)"] in before[1]

    # The grid shows the teacher that this pupil has just done the survey.
    (latecomer,) = newcomers(surveyed, 1, start=50)
    submit(surveyed, latecomer, 5, 5)
    grid = client.get(reverse("learning:class_progress", args=[surveyed.assignment.school_class_id]))
    assert grid.status_code == 200 and "Pupil050" in grid.content.decode()

    assert answer_tables(client, surveyed) == before
    assert "1 more pupil has answered since; they are added once 10 have." in page_text(client, surveyed)


def test_a_full_batch_more_is_released_with_every_answer(client, surveyed):
    first_batch(surveyed)
    client.force_login(surveyed.teacher)
    before = answer_tables(client, surveyed)
    second = newcomers(surveyed, THRESHOLD, start=50)
    for who in second[:-1]:
        submit(surveyed, who, 5, 3)
        assert answer_tables(client, surveyed) == before, "unchanged until the batch is full"
    submit(surveyed, second[-1], 1, 1)

    after = answer_tables(client, surveyed)
    assert after != before
    # a1 at 20 answers: 6 twos, 4 fours, 9 fives, 1 one; mean (1 + 12 + 16 + 45) / 20 = 3.7
    a1 = {row[0]: row[1:] for row in after[1]}
    assert a1["Pupils who answered"] == ["20"] and a1["Mean answer"] == ["3.7"]
    assert after[0][1][:2] == ["Before the module", "20"]


def test_an_opt_out_after_the_release_changes_nothing_until_the_next_batch(client, surveyed):
    pupils = first_batch(surveyed)
    client.force_login(surveyed.teacher)
    before = answer_tables(client, surveyed)

    leaver = pupils[9]  # a1 = 4, a2 = 3
    leaver.opted_out_at = timezone.localdate()
    leaver.save()
    assert answer_tables(client, surveyed) == before

    for who in newcomers(surveyed, THRESHOLD, start=50):
        submit(surveyed, who, 2 + who.pk % 2, 1 + who.pk % 2)
    after = answer_tables(client, surveyed)
    assert after[0][1][:2] == ["Before the module", "19"]
    a1 = {row[0]: row[1:] for row in after[1]}
    assert a1["Pupils who answered"] == ["19"]


def test_an_item_whose_new_batch_all_chose_one_answer_keeps_its_last_counts(client, surveyed):
    first_batch(surveyed)
    client.force_login(surveyed.teacher)
    before = answer_tables(client, surveyed)
    for n, who in enumerate(newcomers(surveyed, THRESHOLD, start=50)):
        submit(surveyed, who, 5, 1 + n % 3)
    after = answer_tables(client, surveyed)
    # Every one of the new batch chose 5 for a1: showing it would tell the teacher each one's answer.
    assert after[1] == before[1]
    assert {row[0]: row[1:] for row in after[2]}["Pupils who answered"] == ["20"]


def test_loading_twice_releases_once_and_other_waves_wait_for_their_own_batch(client, surveyed):
    pupils = first_batch(surveyed)
    client.force_login(surveyed.teacher)
    client.get(summary_url(surveyed))
    client.get(summary_url(surveyed))
    (release,) = SurveySummaryRelease.objects.all()
    assert (release.wave, release.answered, release.skipped) == (Wave.PRE, THRESHOLD, 0)
    assert "Pupil000" not in str(release.items)
    SurveySummaryRelease.objects.filter(pk=release.pk).update(answered=99)
    assert "99" in answer_tables(client, surveyed)[0][1], "the page shows the stored release"
    assert pupils


def test_another_schools_teacher_gets_404_and_releases_nothing(client, surveyed):
    first_batch(surveyed)
    client.force_login(staff(SchoolFactory()))
    assert client.get(summary_url(surveyed)).status_code == 404
    assert not SurveySummaryRelease.objects.exists()


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ([6, 4, 0], [6, 4, 10], False),  # all ten new answers chose the third point
        ([6, 4, 0], [10, 4, 6], True),  # ten new answers, four and six
        ([6, 4, 0], [6, 4, 9], False),  # fewer than ten
        ([6, 4, 0], [5, 4, 10], False),  # one answer taken away and ten added to one point
        ([6, 4, 0], [5, 8, 6], True),  # one taken away, ten added over two points
    ],
)
def test_a_change_is_a_batch_only_with_threshold_answers_over_more_than_one_point(before, after, expected):
    assert change_is_a_batch(before, after, THRESHOLD) is expected


def test_an_item_everyone_answered_alike_stays_hidden_until_the_new_counts_leave_that_answer_open(client, surveyed):
    client.force_login(surveyed.teacher)
    pupils = newcomers(surveyed, 3 * THRESHOLD)
    for n, who in enumerate(pupils[:THRESHOLD]):
        submit(surveyed, who, 4, 1 + n % 2)  # everyone chose 4 for a1
    assert "every pupil who answered gave the same answer" in page_text(client, surveyed)

    # Ten more, spread: 4 is the only answer with ten or more, so showing a1 would say the first ten chose 4.
    for n, who in enumerate(pupils[THRESHOLD : 2 * THRESHOLD]):
        submit(surveyed, who, 1 + n % 5, 1 + n % 2)
    text = page_text(client, surveyed)
    assert "every pupil who answered gave the same answer" in text
    assert text.count("Mean answer") == 1

    # Ten more who all chose 2: now 2 and 4 each have ten or more, so the first ten's answer is open.
    for n, who in enumerate(pupils[2 * THRESHOLD :]):
        submit(surveyed, who, 2, 1 + n % 2)
    text = page_text(client, surveyed)
    assert text.count("Mean answer") == 2
