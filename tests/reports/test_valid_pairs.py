"""Only valid pairs count: a pair answered out of order, or whose order cannot be shown, is left out and counted."""

import datetime

import pytest
from django.urls import reverse

from learning.models import ModuleProgress, QuizAttempt, SurveyResponse, Wave
from learning.services.progress import rebuild_progress
from reports import disclosure_cube as cube
from reports.dashboard_cells import cell, load_pattern, own_area
from reports.dashboard_queries import DashboardFilters
from reports.disclosure import SUPPRESSED
from reports.models import ProgressRollup, ScaleRollup
from reports.pairs_left_out import pairs_left_out
from reports.published_pattern import PagePattern, store_pattern
from reports.rollups import refresh_rollups

from .conftest import add_pupil, assign, populate
from .rollup_rows import commissioner

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def _answered_before_after_a_lesson_began(who) -> None:
    """Stamp the pupil's pre quiz and pre survey an hour after their first lesson began (as the old rule allowed)."""
    progress = ModuleProgress.objects.get(pupil=who)
    late = progress.first_lesson_at + HOUR
    QuizAttempt.objects.filter(pupil=who, wave=Wave.PRE).update(submitted_at=late)
    SurveyResponse.objects.filter(pupil=who, wave=Wave.PRE).update(submitted_at=late)


@pytest.fixture
def school_with_bad_pairs(evaluated):
    """Six pupils who did everything: four in order, one pre after the lessons began, one with no record of them."""
    assignment = assign(evaluated)
    pupils = populate(evaluated, assignment, 6)
    _answered_before_after_a_lesson_began(pupils[4])
    rebuild_progress()
    ModuleProgress.objects.filter(pupil=pupils[5]).update(first_lesson_at=None)
    refresh_rollups()
    return assignment, pupils


def test_rollups_count_only_pairs_in_order_and_count_the_rest_by_reason(school_with_bad_pairs):
    totals = ProgressRollup.objects.totals()
    assert (totals["knowledge_pairs"], totals["knowledge_wrong_order"], totals["knowledge_order_unknown"]) == (4, 1, 1)
    assert (totals["survey_pairs"], totals["survey_wrong_order"], totals["survey_order_unknown"]) == (4, 1, 1)
    assert (totals["pre_quiz_done"], totals["pre_survey_done"], totals["post_survey_done"]) == (6, 6, 6)
    for scale in ("attitudes", "safety"):
        sums = ScaleRollup.objects.filter(scale=scale).totals()
        assert (sums["n_pre"], sums["n_post"], sums["pairs"]) == (6, 6, 4), scale


COUNTY = (cube.COUNTY, "", cube.ALL, cube.ALL, cube.ALL, cube.ALL, cube.EVERY_GENDER)


def left_out(*, hidden=(), limit=1, public=False):
    """The pairs left out of every rollup row, shown as a pattern hiding ``hidden`` measures of the county's cell."""
    pattern = PagePattern(hidden={COUNTY: frozenset(hidden)}, limit=limit)
    return pairs_left_out(ProgressRollup.objects.all(), pattern=pattern, key=COUNTY, public=public)


def test_pairs_left_out_are_counted_by_reason(school_with_bad_pairs):
    quiz, survey = left_out()
    assert (quiz.wrong_order, quiz.order_unknown, quiz.left_out) == (1, 1, 2)
    assert (survey.wrong_order, survey.order_unknown, survey.left_out) == (1, 1, 2)


def test_pairs_left_out_show_the_stored_pattern(school_with_bad_pairs):
    quiz, survey = left_out(hidden=["knowledge_wrong_order", "knowledge_order_unknown", "survey_left_out"])
    assert (quiz.wrong_order, quiz.order_unknown, quiz.left_out) == (SUPPRESSED, SUPPRESSED, 2)
    assert (survey.wrong_order, survey.order_unknown, survey.left_out) == (1, 1, SUPPRESSED)
    below, _ = left_out(limit=2)
    assert (below.wrong_order, below.order_unknown, below.left_out) == (SUPPRESSED, SUPPRESSED, 2), "one pupil each"


def test_pairs_left_out_are_hidden_by_the_refresh_pattern_with_one_school(school_with_bad_pairs, settings):
    settings.SUPPRESSION_THRESHOLD = 1
    store_pattern(refresh_rollups())
    # The refresh's pattern hides every figure of a county with one school (fewer than 3), so these too.
    filters = DashboardFilters()
    quiz, _ = pairs_left_out(
        ProgressRollup.objects.all(), pattern=load_pattern(filters), key=cell(own_area(filters), filters)
    )
    assert set(quiz.texts) == {SUPPRESSED}


def test_public_counts_are_rounded(evaluated):
    unknown = []
    for _ in range(3):
        pupils = populate(evaluated, assign(evaluated), 4)
        _answered_before_after_a_lesson_began(pupils[0])
        unknown += pupils[1:3]
    rebuild_progress()
    ModuleProgress.objects.filter(pupil__in=unknown).update(first_lesson_at=None)
    refresh_rollups()
    quiz, _ = left_out(public=True)
    assert (quiz.wrong_order, quiz.order_unknown, quiz.left_out) == (5, 5, 10), "3, 6 and 9 to the nearest 5"


def test_the_method_on_the_dashboard_says_how_many_pairs_were_left_out_and_why(client, school_with_bad_pairs, settings):
    settings.SUPPRESSION_THRESHOLD = 1
    store_pattern(refresh_rollups())
    assignment, _ = school_with_bad_pairs
    client.force_login(commissioner())
    page = client.get(reverse("reports:school", args=[assignment.school_class.school.urn])).content.decode()
    assert "Pupils whose answers before and after are left out" in page
    assert "there is no record of when the pupil" in page and "after a lesson had begun" in page
    row = page.split("Quiz (knowledge)</th>")[1].split("</tr>")[0]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[:-1]]
    # The school is alone in its district, so the district's hidden figures hide the school's too.
    assert cells == [SUPPRESSED] * 3


def test_a_pupil_out_of_order_is_left_out_but_still_counted_as_answering(evaluated):
    assignment = assign(evaluated)
    (who,) = populate(evaluated, assignment, 1)
    _answered_before_after_a_lesson_began(who)
    rebuild_progress()
    add_pupil(assignment, "Eve")
    refresh_rollups()
    totals = ProgressRollup.objects.totals()
    assert (totals["pupils_assigned"], totals["knowledge_pairs"], totals["knowledge_wrong_order"]) == (2, 0, 1)
    assert totals["knowledge_sum_diff"] == 0.0
