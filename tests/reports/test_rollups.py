import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.models import ModuleProgress
from reports import rollups
from reports.models import ProgressRollup, RefreshStatus, RollupRefresh, ScaleRollup
from reports.pattern_models import SuppressionPattern
from reports.rollup_bands import FsmBand, Locality, fsm_band, locality
from reports.rollups import refresh_rollups
from reports.tasks import refresh_rollups_task
from reports.terms import Term, term_for
from schools.models import SchoolClass
from schools.services.pupils import record_opt_out
from tests.factories import SchoolFactory, staff

from .conftest import add_pupil, assign, populate, work

pytestmark = pytest.mark.django_db


def snapshot(model) -> list[tuple]:
    """Every row's values except its id and refresh time, in a stable order."""
    skip = {"id", "refreshed_at"}
    rows = [tuple(sorted((k, v) for k, v in row.items() if k not in skip)) for row in model.objects.values()]
    return sorted(rows, key=repr)


def only(model, **filters):
    rows = list(model.objects.filter(**filters))
    assert len(rows) == 1, rows
    return rows[0]


# --- Terms and bands --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (datetime.date(2026, 9, 1), Term.AUTUMN),
        (datetime.date(2026, 12, 31), Term.AUTUMN),
        (datetime.date(2027, 1, 1), Term.SPRING),
        (datetime.date(2027, 4, 30), Term.SPRING),
        (datetime.date(2027, 5, 1), Term.SUMMER),
        (datetime.date(2027, 8, 31), Term.SUMMER),
    ],
)
def test_term_follows_the_month_the_assignment_opens(day, term):
    assert term_for(day) == term


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (None, FsmBand.NOT_KNOWN),
        (Decimal("0"), FsmBand.UNDER_10),
        (Decimal("9.99"), FsmBand.UNDER_10),
        (Decimal("10"), FsmBand.FROM_10),
        (Decimal("29.99"), FsmBand.FROM_20),
        (Decimal("30"), FsmBand.FROM_30),
        (Decimal("40"), FsmBand.FROM_40),
        (Decimal("100"), FsmBand.FROM_40),
    ],
)
def test_fsm_band_of_a_percentage(percent, band):
    assert fsm_band(percent) == band


def test_rows_are_annotated_with_the_schools_fsm_band_and_locality(evaluated):
    rural = assign(evaluated, SchoolFactory(fsm_percent=Decimal("25.50"), urban_rural="(England/Wales) Rural village"))
    urban = assign(evaluated, SchoolFactory(fsm_percent=None, urban_rural="(England/Wales) Urban city and town"))
    add_pupil(rural)
    add_pupil(urban)
    refresh_rollups()

    bands = {row.school_id: (row.fsm_band, row.locality) for row in ProgressRollup.objects.with_bands()}

    assert bands == {
        rural.school_class.school_id: (FsmBand.FROM_20, Locality.RURAL),
        urban.school_class.school_id: (FsmBand.NOT_KNOWN, Locality.URBAN),
    }
    assert locality("") == Locality.NOT_KNOWN


# --- Uptake -----------------------------------------------------------------------------------------


def test_counts_equal_the_module_progress_summaries_of_each_school(evaluated):
    first, second = assign(evaluated), assign(evaluated)
    populate(evaluated, first, 3)
    half_way = add_pupil(first, "Dan")
    work(evaluated, first, half_way, pre_quiz=1, finish=False)
    add_pupil(first, "Eve")  # assigned, never started
    populate(evaluated, second, 2)
    failed = add_pupil(second, "Fin")
    work(evaluated, second, failed, finish=True, post_quiz=0, post_survey={"a1": 3})

    refresh_rollups()

    for assignment in (first, second):
        school_id = assignment.school_class.school_id
        expected = ModuleProgress.objects.filter(assignment__school_class__school_id=school_id).aggregate(
            started=Count("pk", filter=Q(first_activity_at__isnull=False)),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            passed=Count("pk", filter=Q(first_passed=True)),
            pre_survey=Count("pk", filter=Q(pre_survey_done=True)),
            post_survey=Count("pk", filter=Q(post_survey_done=True)),
        )
        totals = ProgressRollup.objects.filter(school_id=school_id).totals()
        assert totals["pupils_assigned"] == assignment.school_class.memberships.count()
        assert totals["pupils_started"] == expected["started"]
        assert totals["pupils_completed"] == expected["completed"]
        assert totals["pupils_passed"] == expected["passed"]
        assert totals["pre_survey_done"] == expected["pre_survey"]
        assert totals["post_survey_done"] == expected["post_survey"]
    first_totals = ProgressRollup.objects.filter(school=first.school_class.school).totals()
    assert [first_totals[name] for name in ("pupils_assigned", "pupils_started", "pupils_completed")] == [5, 4, 3]
    second_totals = ProgressRollup.objects.filter(school=second.school_class.school).totals()
    assert [second_totals[name] for name in ("pupils_completed", "pupils_passed", "quiz_taken")] == [3, 2, 3]


def test_rows_are_keyed_by_gender_year_group_and_term(evaluated):
    autumn = assign(evaluated, year_group=9)
    school = autumn.school_class.school
    spring = assign(evaluated, school, year_group=10, name="10B", opens_on=datetime.date(2027, 2, 1))
    add_pupil(autumn, "Ava", gender="female")
    add_pupil(autumn, "Ben", gender="male")
    add_pupil(autumn, "Cal")
    add_pupil(spring, "Dee", gender="female")

    refresh_rollups()

    keys = set(ProgressRollup.objects.values_list("year_group", "term", "gender", "pupils_assigned"))
    assert keys == {
        (9, Term.AUTUMN, "female", 1),
        (9, Term.AUTUMN, "male", 1),
        (9, Term.AUTUMN, "", 1),
        (10, Term.SPRING, "female", 1),
    }
    assert set(ProgressRollup.objects.values_list("academic_year", flat=True)) == {autumn.school_class.academic_year}


# --- Knowledge and attitude change, worked by hand ----------------------------------------------------


def knowledge_example(evaluated):
    """Pre/post quiz out of 2: Ava 0 -> 2, Ben 1 -> 2, Cal 1 -> 1, Dan no pre -> 2.

    As percentages the pairs are (0, 100), (50, 100), (50, 50); Dan is not a pair.
    """
    assignment = assign(evaluated)
    for name, pre, post in [("Ava", 0, 2), ("Ben", 1, 2), ("Cal", 1, 1), ("Dan", None, 2)]:
        work(evaluated, assignment, add_pupil(assignment, name), pre_quiz=pre, post_quiz=post)
    return assignment


def test_knowledge_sums_match_a_hand_worked_example(evaluated):
    knowledge_example(evaluated)

    refresh_rollups()

    row = only(ProgressRollup)
    assert (row.pupils_assigned, row.quiz_taken, row.pupils_passed, row.pre_quiz_done) == (4, 4, 3, 3)
    assert row.knowledge.as_tuple() == pytest.approx(
        (
            3,
            0 + 50 + 50,  # Σpre
            100 + 100 + 50,  # Σpost
            0 + 2500 + 2500,  # Σpre²
            10000 + 10000 + 2500,  # Σpost²
            100 + 50 + 0,  # Σd
            10000 + 2500 + 0,  # Σd²
        )
    )


def test_rollup_sums_give_the_statistics_of_the_raw_scores(evaluated):
    from reports.stats import paired_change, paired_change_from_sums

    knowledge_example(evaluated)
    refresh_rollups()

    from_rollups = paired_change_from_sums(*only(ProgressRollup).knowledge.as_tuple())
    from_scores = paired_change([0, 50, 50], [100, 100, 50])

    assert from_rollups.mean_diff == pytest.approx(from_scores.mean_diff)
    assert from_rollups.ci_low == pytest.approx(from_scores.ci_low)
    assert from_rollups.d_z == pytest.approx(from_scores.d_z)


def attitude_example(evaluated):
    """Scales: attitudes = a1, a2 (reverse: 6 - x), a3; safety = b1, b2.

    Attitudes:  pre                          post
      Ava       4, 2->4, 5  = 13/3           5, 1->5, 5  = 5
      Ben       2 only (1 of 3 < half): none 3, 4->2     = 5/2 (2 of 3)
      Cal       3, 3->3, 3  = 3              4, 2->4, 2  = 10/3
      Eve       skipped the survey: none     1, 5->1, 1  = 1
    Safety:
      Ava       none answered: none          3 only (half) = 3
      Ben       4 only (half) = 4            5, 5 = 5
      Cal       2, 4 = 3                     2, 2 = 2
      Eve       none                         1, 1 = 1
    """
    assignment = assign(evaluated)
    plans = [
        ("Ava", {"a1": 4, "a2": 2, "a3": 5}, {"a1": 5, "a2": 1, "a3": 5, "b1": 3}),
        ("Ben", {"a1": 2, "b1": 4}, {"a1": 3, "a2": 4, "b1": 5, "b2": 5}),
        ("Cal", {"a1": 3, "a2": 3, "a3": 3, "b1": 2, "b2": 4}, {"a1": 4, "a2": 2, "a3": 2, "b1": 2, "b2": 2}),
        ("Eve", None, {"a1": 1, "a2": 5, "a3": 1, "b1": 1, "b2": 1}),
    ]
    for name, pre, post in plans:
        who = add_pupil(assignment, name)
        work(evaluated, assignment, who, pre_survey=pre, skip_pre_survey=pre is None, post_quiz=2, post_survey=post)
    return assignment


def test_scale_sums_reverse_score_and_need_half_the_items(evaluated):
    attitude_example(evaluated)

    refresh_rollups()

    attitudes = only(ScaleRollup, scale="attitudes")
    assert (attitudes.survey_key, attitudes.n_pre, attitudes.n_post) == ("respect-survey", 2, 4)
    # Pairs: Ava (13/3, 5) and Cal (3, 10/3).
    assert attitudes.change.as_tuple() == pytest.approx(
        (2, 13 / 3 + 3, 5 + 10 / 3, 169 / 9 + 9, 25 + 100 / 9, 2 / 3 + 1 / 3, 4 / 9 + 1 / 9)
    )
    safety = only(ScaleRollup, scale="safety")
    assert (safety.n_pre, safety.n_post) == (2, 4)
    # Pairs: Ben (4, 5) and Cal (3, 2).
    assert safety.change.as_tuple() == pytest.approx((2, 7, 7, 16 + 9, 25 + 4, 1 - 1, 1 + 1))


def test_alpha_sums_count_only_complete_pre_respondents_after_reverse_scoring(evaluated):
    attitude_example(evaluated)

    refresh_rollups()

    attitudes = only(ScaleRollup, scale="attitudes")
    # Ava (4, 4, 5) and Cal (3, 3, 3); Ben answered one item, Eve skipped the survey.
    assert attitudes.item_keys == ["a1", "a2", "a3"]
    assert attitudes.alpha_n == 2
    assert attitudes.alpha_item_sums == [7, 7, 8]
    assert attitudes.alpha_item_sumsqs == [25, 25, 34]
    assert (attitudes.alpha_total_sum, attitudes.alpha_total_sumsq) == (22, 13 * 13 + 9 * 9)
    safety = only(ScaleRollup, scale="safety")
    assert (safety.alpha_n, safety.alpha_item_sums, safety.alpha_item_sumsqs) == (1, [2, 4], [4, 16])
    assert (safety.alpha_total_sum, safety.alpha_total_sumsq) == (6, 36)


def test_alpha_sums_add_up_across_schools(evaluated):
    attitude_example(evaluated)
    attitude_example(evaluated)

    refresh_rollups()

    totals = ScaleRollup.objects.alpha_totals()
    keys, attitudes = totals["respect-survey", "attitudes"]
    assert keys == ("a1", "a2", "a3")
    assert (attitudes.n, attitudes.item_sums, attitudes.item_sumsqs) == (4, [14, 14, 16], [50, 50, 68])
    assert (attitudes.total_sum, attitudes.total_sumsq) == (44, 2 * (13 * 13 + 9 * 9))
    assert totals["respect-survey", "safety"][1].n == 2


def test_opted_out_and_withdrawn_pupils_are_left_out_of_every_evaluation_figure(evaluated):
    assignment = knowledge_example(evaluated)
    answers = {"a1": 4, "a2": 2, "a3": 5, "b1": 1, "b2": 1}
    lead = staff(assignment.school_class.school, role="school_lead")
    for name, kind in [("Opt", "opt_out"), ("Wit", "withdrawal")]:
        who = add_pupil(assignment, name)
        work(evaluated, assignment, who, pre_survey=answers, pre_quiz=0, post_quiz=2, post_survey=answers)
        record_opt_out(pupil=who, kind=kind, on=timezone.localdate(), actor=lead)

    refresh_rollups()

    row = only(ProgressRollup)
    # Uptake counts everyone assigned (only the two who answered the post survey completed);
    # the evaluation figures, the pass rate among them, are those of the knowledge example alone.
    assert (row.pupils_assigned, row.pupils_completed) == (6, 2)
    assert (row.quiz_taken, row.pupils_passed, row.pupils_passed_after_practice) == (4, 3, 0)
    assert (row.pupils_in_evaluation, row.pre_quiz_done, row.pre_survey_done, row.post_survey_done) == (4, 3, 0, 0)
    assert row.knowledge.as_tuple() == pytest.approx((3, 100, 250, 5000, 22500, 150, 12500))
    assert not ScaleRollup.objects.exists()


# --- Refreshing -------------------------------------------------------------------------------------


def test_refreshing_twice_writes_the_same_rows(evaluated):
    attitude_example(evaluated)
    knowledge_example(evaluated)

    first = refresh_rollups()
    rows = snapshot(ProgressRollup), snapshot(ScaleRollup)
    second = refresh_rollups()

    assert (snapshot(ProgressRollup), snapshot(ScaleRollup)) == rows
    assert first.rows_written == second.rows_written == ProgressRollup.objects.count() + ScaleRollup.objects.count()
    assert second.status == RefreshStatus.SUCCEEDED
    assert second.finished_at is not None


def test_incremental_refresh_rebuilds_only_changed_groups_and_matches_a_full_one(evaluated):
    changed, untouched = assign(evaluated), assign(evaluated)
    populate(evaluated, changed, 2)
    populate(evaluated, untouched, 2)
    refresh_rollups()
    untouched_school = untouched.school_class.school_id
    untouched_ids = set(ProgressRollup.objects.filter(school_id=untouched_school).values_list("pk", flat=True))

    since = timezone.now()
    populate(evaluated, changed, 1)
    refresh = refresh_rollups(since=since)

    assert (refresh.full, refresh.schools_refreshed, refresh.groups_refreshed) == (False, 1, 1)
    assert set(ProgressRollup.objects.filter(school_id=untouched_school).values_list("pk", flat=True)) == untouched_ids
    assert ProgressRollup.objects.filter(school=changed.school_class.school).totals()["pupils_completed"] == 3
    incremental = snapshot(ProgressRollup), snapshot(ScaleRollup)
    refresh_rollups()
    assert (snapshot(ProgressRollup), snapshot(ScaleRollup)) == incremental


def test_incremental_refresh_picks_up_an_opt_out(evaluated):
    assignment = assign(evaluated)
    pupils = populate(evaluated, assignment, 3)
    refresh_rollups()

    since = timezone.now()
    lead = staff(assignment.school_class.school, role="school_lead")
    record_opt_out(pupil=pupils[0], kind="opt_out", on=timezone.localdate(), actor=lead)
    refresh_rollups(since=since)

    assert ProgressRollup.objects.totals()["knowledge_pairs"] == 2
    assert ScaleRollup.objects.totals()["pairs"] == 2 * 2  # two pupils, two scales


def test_full_refresh_removes_rows_no_longer_backed_by_data(evaluated):
    assignment = assign(evaluated)
    populate(evaluated, assignment, 2)
    refresh_rollups()
    year = assignment.school_class.academic_year

    # A class's academic year corrected: nothing records when, so only the full refresh sees it.
    SchoolClass.objects.filter(pk=assignment.school_class_id).update(academic_year=year - 1)
    refresh_rollups(since=timezone.now())
    assert set(ProgressRollup.objects.values_list("academic_year", flat=True)) == {year}
    refresh_rollups()

    assert set(ProgressRollup.objects.values_list("academic_year", flat=True)) == {year - 1}
    assert set(ScaleRollup.objects.values_list("academic_year", flat=True)) == {year - 1}


def test_a_failed_refresh_is_recorded_and_raised(evaluated, monkeypatch):
    populate(evaluated, assign(evaluated), 1)

    def fail(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(rollups, "rebuild_school", fail)
    with pytest.raises(RuntimeError):
        refresh_rollups()

    refresh = RollupRefresh.objects.get()
    assert refresh.status == RefreshStatus.FAILED
    assert "database went away" in refresh.error
    assert refresh.finished_at is not None
    assert RollupRefresh.objects.last_full() is None


def refresh_queries(school_ids) -> int:
    with CaptureQueriesContext(connection) as queries:
        refresh_rollups(school_ids=school_ids)
    return len(queries)


def test_queries_per_school_do_not_grow_with_pupils(evaluated):
    small, large, medium = assign(evaluated), assign(evaluated), assign(evaluated)
    populate(evaluated, small, 5)
    populate(evaluated, large, 20)
    populate(evaluated, medium, 12)
    ids = [a.school_class.school_id for a in (small, large, medium)]
    refresh_rollups()  # every measurement below replaces existing rows

    assert refresh_queries(ids[:1]) == refresh_queries(ids[1:2])
    one, two, three = refresh_queries(ids[:1]), refresh_queries(ids[:2]), refresh_queries(ids)
    assert three - two == two - one
    assert two - one <= 15


# --- Tasks, command and the refresh record -----------------------------------------------------------


def test_the_rollups_are_published_by_the_nightly_refresh_only(settings):
    rollup_tasks = sorted(
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"].startswith("reports.tasks.refresh")
    )
    assert rollup_tasks == ["reports.tasks.refresh_rollups_task"]
    assert settings.CELERY_BEAT_SCHEDULE["refresh-rollups-nightly"]["schedule"].hour == {2}
    assert not any("rollups" in path for path in settings.PUPIL_DATA_CHANGED_TASKS)


def test_erasing_a_pupil_leaves_the_published_figures_until_the_next_night(evaluated):
    from schools.services.erasure import erase_pupil

    assignment = assign(evaluated)
    pupils = populate(evaluated, assignment, 3)
    refresh_rollups_task.delay()
    before = snapshot(ProgressRollup)

    erase_pupil(pupils[0], actor=None, reason="Request from the family")
    assert snapshot(ProgressRollup) == before

    refresh_rollups_task.delay()
    assert snapshot(ProgressRollup) != before, "the pupil's gender is no longer counted"


def test_incremental_refresh_by_hand_covers_everything_the_first_time_then_from_the_last_refresh(evaluated):
    assignment = assign(evaluated)
    populate(evaluated, assignment, 1)

    first = refresh_rollups(since=rollups.incremental_since())
    second = refresh_rollups(since=rollups.incremental_since())

    assert first.full
    assert RollupRefresh.objects.last_full() == first
    assert not second.full
    assert second.since < first.started_at
    assert ProgressRollup.objects.totals()["pupils_completed"] == 1


def test_command_refreshes_the_schools_named_by_urn(evaluated):
    wanted, other = assign(evaluated), assign(evaluated)
    populate(evaluated, wanted, 1)
    populate(evaluated, other, 1)

    call_command("refresh_rollups", "--full", "--school", str(wanted.school_class.school.urn))

    assert set(ProgressRollup.objects.values_list("school_id", flat=True)) == {wanted.school_class.school_id}


def test_command_keeps_the_refreshs_suppression_pattern_for_the_pages(evaluated):
    populate(evaluated, assign(evaluated), 1)

    call_command("refresh_rollups", "--full")

    refresh = RollupRefresh.objects.get()
    assert SuppressionPattern.objects.filter(refresh=refresh).exists(), "the first page view would build it"


def test_demo_reports_keep_the_suppression_pattern_for_the_pages(evaluated):
    from reports.demo_data import load_demo_reports

    populate(evaluated, assign(evaluated), 1)

    load_demo_reports()

    assert SuppressionPattern.objects.filter(refresh=RollupRefresh.objects.get()).exists()


def test_command_rejects_an_unknown_urn(evaluated):
    with pytest.raises(CommandError, match="No school with URN 12345"):
        call_command("refresh_rollups", "--school", "12345")
    assert not RollupRefresh.objects.exists()


def test_the_running_sums_name_fields_every_rollup_row_has():
    from reports.comparison_models import ComparisonRollup
    from reports.models import ProgressRollup, ScaleRollup
    from reports.rollup_sums import AlphaSums, PairedSums

    def fields(model):
        return {field.name for field in model._meta.get_fields()}

    sums = PairedSums()
    assert set(sums.as_fields()) | set(AlphaSums(k=2).as_fields()) <= fields(ScaleRollup)
    assert set(sums.as_fields("follow_up_")) <= fields(ScaleRollup)
    assert set(sums.as_fields("knowledge_")) <= fields(ProgressRollup)
    assert set(sums.as_fields()) <= fields(ComparisonRollup)
