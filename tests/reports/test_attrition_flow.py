"""The attrition flow, baseline check and follow-up on the dashboard: from the rollups, suppressed, scoped."""

import math

import numpy as np
import pytest
import statsmodels.api as sm
from django.urls import reverse
from django.utils import timezone
from scipy import stats

from reports.attrition import FlowCounts, FlowGroup
from reports.attrition_breakdowns import gender_breakdown
from reports.audit_attrition import suppressed_flow
from reports.dashboard import build_dashboard
from reports.dashboard_queries import DashboardFilters
from reports.disclosure import SUPPRESSED
from reports.models import ProgressRollup, ScaleRollup
from reports.stats_baseline import baseline_difference
from schools.models import District

from .rollup_rows import YEAR, commissioner, district, refreshed, school

pytestmark = pytest.mark.django_db


def flow_row(place, module, *, flow, gender="", baseline=((), ()), survey_pairs=0, retained=0):
    """A rollup row with flow counts (assigned, opted out, withdrawn, then each step) and baseline scores."""
    assigned, opted_out, withdrawn, pre, lessons, post, matched, follow_up = flow
    stayed, lost = baseline
    return ProgressRollup.objects.create(
        school=place,
        module=module,
        academic_year=YEAR,
        term=1,
        year_group=9,
        gender=gender,
        refreshed_at=timezone.now(),
        pupils_assigned=assigned,
        pupils_in_evaluation=assigned - opted_out - withdrawn,
        pupils_opted_out=opted_out,
        pupils_withdrawn=withdrawn,
        flow_pre=pre,
        flow_lessons=lessons,
        flow_post=post,
        flow_matched=matched,
        flow_follow_up=follow_up,
        survey_pairs=survey_pairs,
        follow_up_retained=retained,
        baseline_with_post=len(stayed),
        baseline_with_post_sum=float(sum(stayed)),
        baseline_with_post_sumsq=float(sum(x * x for x in stayed)),
        baseline_without_post=len(lost),
        baseline_without_post_sum=float(sum(lost)),
        baseline_without_post_sumsq=float(sum(x * x for x in lost)),
    )


def follow_up_row(place, module, pairs):
    diffs = [b - a for a, b in pairs]
    return ScaleRollup.objects.create(
        school=place,
        module=module,
        academic_year=YEAR,
        term=1,
        year_group=9,
        gender="",
        refreshed_at=timezone.now(),
        survey_key="respect-survey",
        scale="attitudes",
        follow_up_pairs=len(pairs),
        n_follow_up=len(pairs),
        follow_up_sum_pre=float(sum(a for a, _ in pairs)),
        follow_up_sum_post=float(sum(b for _, b in pairs)),
        follow_up_sumsq_pre=float(sum(a * a for a, _ in pairs)),
        follow_up_sumsq_post=float(sum(b * b for _, b in pairs)),
        follow_up_sum_diff=float(sum(diffs)),
        follow_up_sumsq_diff=float(sum(d * d for d in diffs)),
    )


@pytest.fixture
def county(module):
    """Three schools in one district, and a fourth elsewhere with very different figures."""
    kent = district("Ashford", "E07000105")
    places = [school(kent, name=f"School {k}") for k in range(3)]
    for k, place in enumerate(places):
        flow_row(
            place,
            module,
            flow=(40, 2, 1, 35, 30, 28, 25, 12),
            gender="female",
            baseline=([50 + k, 60, 70] * 4, [40 + k, 45] * 3),
            survey_pairs=20,
            retained=12,
        )
        flow_row(
            place,
            module,
            flow=(30, 1, 0, 25, 20, 18, 15, 6),
            gender="male",
            baseline=([60, 60], [45]),
            survey_pairs=10,
            retained=6,
        )
        follow_up_row(place, module, [(2.0, 3.0 + 0.1 * k)] * 6 + [(3.0, 3.5)] * 6)
    other = school(district("Dover", "E07000108"), name="Far School")
    flow_row(other, module, flow=(500, 7, 3, 400, 300, 250, 200, 100))
    return kent, places, other


def board_for(**kwargs):
    refreshed()  # the refresh keeps the suppression pattern the dashboard shows
    return build_dashboard(filters=DashboardFilters(), districts=list(District.objects.all()), **kwargs)


def test_the_county_flow_adds_up_the_schools_rows(county, settings):
    settings.SUPPRESSION_THRESHOLD = 1
    flow = board_for().attrition
    # Three schools of 40 + 30 pupils and one of 500: assigned, opted out, withdrawn, in evaluation, then each step.
    assert flow.total.cells == (710, 16, 6, 688, 580, 450, 388, 320, 154)
    assert [step.count for step in flow.steps] == [710, 688, 580, 450, 388, 320, 154]
    assert [step.lost_count for step in flow.steps[1:]] == [22, 108, 130, 62, 68, 166]
    genders = {row.label: row.cells[0] for row in flow.tables[-1].rows}
    assert (genders["Female"], genders["Male"]) == (120, 90)
    assert genders["Not recorded"] == SUPPRESSED, "all of them in one school"
    districts = {row.label: row.cells for row in flow.tables[0].rows}
    assert set(districts["Dover"]) == {SUPPRESSED}, "one school is fewer than 3"
    assert districts["Ashford"][0] == SUPPRESSED, "710 less Ashford's pupils would give Dover's"


def test_small_parts_are_hidden_with_what_would_give_them_away(county, settings):
    settings.SUPPRESSION_THRESHOLD = 10
    kent, _, _ = county
    refreshed()
    flow = build_dashboard(filters=DashboardFilters(district=kent), districts=list(District.objects.all())).attrition
    female = next(row for row in flow.tables[-1].rows if row.label == "Female")
    # 120 assigned: 6 opted out and 3 withdrawn are hidden, and so is another of the row's first four figures,
    # so that the exclusions cannot be worked out from assigned less those in the evaluation.
    assert female.cells[1:3] == (SUPPRESSED, SUPPRESSED)
    assert SUPPRESSED in (female.cells[0], female.cells[3])


def test_a_school_page_shows_only_its_own_pupils(client, county, settings):
    settings.SUPPRESSION_THRESHOLD = 1
    _, places, _ = county
    client.force_login(commissioner())
    refreshed()
    # A school whose headline is shown (the district's hidden total hides one of its three schools).
    shown = [
        place
        for place in places
        if build_dashboard(filters=DashboardFilters(), districts=[], school=place).headline.total.assigned == 70
    ]
    assert shown
    page = client.get(reverse("reports:school", args=[shown[0].urn])).content.decode()
    section = page.split('id="attrition"')[1].split("</section>")[0]
    assert "<strong>70</strong> assigned" in section
    assert "<strong>40</strong> matched pair, in order" in section
    assert "500" not in section and "Far School" not in section
    assert "<strong>18</strong> follow-up, in order" in section


def test_figures_from_too_few_pupils_are_hidden_on_a_school_page(client, county, settings):
    settings.SUPPRESSION_THRESHOLD = 20
    _, places, _ = county
    client.force_login(commissioner())
    board = build_dashboard(filters=DashboardFilters(), districts=list(District.objects.all()), school=places[0])
    flow = board.attrition
    assert flow.total.cells[0] == board.headline.total.assigned, "as the headline shows it"
    assert flow.total.cells[1:3] == (SUPPRESSED, SUPPRESSED)
    assert flow.follow_up.retention.retained == SUPPRESSED, "18 retained of 30 pairs"
    assert flow.follow_up.scales[0].cells[1] == SUPPRESSED, "12 follow-up pairs"


def test_baseline_check_compares_the_scores_before_of_pupils_who_stayed_and_left(county, settings):
    settings.SUPPRESSION_THRESHOLD = 1
    baseline = board_for().attrition.follow_up.baseline
    found = baseline.difference
    stayed = [x for k in range(3) for x in [50 + k, 60, 70] * 4 + [60, 60]]
    lost = [x for k in range(3) for x in [40 + k, 45] * 3 + [45]]
    assert (found.n_a, found.n_b, found.schools) == (42, 21, 3)
    assert found.difference == pytest.approx(np.mean(stayed) - np.mean(lost))
    assert found.clustered and "went on to take the end-of-module quiz" in baseline.reading
    assert f"{found.difference:.1f}" in baseline.reading


def test_follow_up_retention_and_change_pool_the_schools(county, settings):
    settings.SUPPRESSION_THRESHOLD = 1
    follow = board_for().attrition.follow_up
    assert (follow.retention.survey_pairs, follow.retention.retained) == (90, 54)
    assert "54 (60%) also answered the follow-up survey" in follow.retention.reading
    (attitudes,) = follow.scales
    diffs = [[1.0 + 0.1 * k] * 6 + [0.5] * 6 for k in range(3)]
    assert attitudes.change.clustered and attitudes.change.schools == 3
    assert attitudes.change.mean_diff == pytest.approx(np.mean(diffs))
    # CR1 from statsmodels times the CR2 scaling is not the same figure; the mean and df are, and the
    # interval contains the mean with t on schools - 1.
    assert attitudes.change.df == 2
    assert attitudes.change.ci_low < attitudes.change.mean_diff < attitudes.change.ci_high


def test_one_schools_baseline_check_is_welchs_t():
    stayed = [50.0, 60.0, 70.0, 65.0, 55.0, 80.0]
    lost = [40.0, 45.0, 35.0, 60.0]
    sums = [(len(v), sum(v), sum(x * x for x in v)) for v in (stayed, lost)]
    found = baseline_difference({1: sums[0]}, {1: sums[1]})
    test = stats.ttest_ind(stayed, lost, equal_var=False)
    low, high = test.confidence_interval(0.95)
    assert not found.clustered
    assert found.difference == pytest.approx(np.mean(stayed) - np.mean(lost))
    assert (found.ci_low, found.ci_high) == (pytest.approx(low), pytest.approx(high))
    assert found.df == pytest.approx(test.df)


def test_pooled_baseline_check_matches_an_ols_on_the_groups_clustered_by_school():
    rng = np.random.default_rng(7)
    schools = {k: (rng.normal(60, 10, 5 + k), rng.normal(55, 10, 3 + k)) for k in range(6)}
    found = baseline_difference(
        {k: (len(a), float(a.sum()), float((a * a).sum())) for k, (a, _) in schools.items()},
        {k: (len(b), float(b.sum()), float((b * b).sum())) for k, (_, b) in schools.items()},
    )
    y = np.concatenate([np.concatenate([a, b]) for a, b in schools.values()])
    stayed = np.concatenate([np.r_[np.ones(len(a)), np.zeros(len(b))] for a, b in schools.values()])
    cluster = np.concatenate([[k] * (len(a) + len(b)) for k, (a, b) in schools.items()])
    fit = sm.OLS(y, sm.add_constant(stayed)).fit(cov_type="cluster", cov_kwds={"groups": cluster})
    assert found.difference == pytest.approx(fit.params[1])
    # CR2 is wider than CR0 and within the small-sample range of CR1 (statsmodels' default correction).
    cr0 = math.sqrt(fit.cov_params()[1, 1] / (len(schools) / (len(schools) - 1) * (len(y) - 1) / (len(y) - 2)))
    se = (found.ci_high - found.difference) / stats.t.ppf(0.975, found.df)
    assert cr0 < se < 1.5 * cr0


def test_a_periods_flow_tables_hide_small_figures_and_what_would_give_them_away(settings):
    settings.SUPPRESSION_THRESHOLD = 5
    groups = [
        FlowGroup(1, None, "not_known", "female", FlowCounts(60, 6, 0, 54, 50, 40, 30, 20, 10)),
        FlowGroup(1, None, "not_known", "male", FlowCounts(60, 2, 0, 58, 50, 40, 30, 20, 10)),
        FlowGroup(1, None, "not_known", "other", FlowCounts(10, 0, 0, 10, 10, 8, 6, 6, 5)),
        FlowGroup(1, None, "not_known", "", FlowCounts(10, 0, 0, 10, 10, 8, 6, 6, 5)),
    ]
    total, (table,) = suppressed_flow(groups, [gender_breakdown(False)])
    male = next(row for row in table.rows if row.label == "Male")
    assert male.cells[1] == SUPPRESSED, "2 opted out"
    assert male.cells[3] == SUPPRESSED, "60 assigned less 58 in the evaluation would give it"
    assert male.cells[4] == 50, "a figure that gives nothing away is shown"
    assert total.cells[1] == SUPPRESSED, "8 opted out in all"
    other = next(row for row in table.rows if row.label == "Other or self-described")
    assert other.lost[3] == SUPPRESSED, "no pupil lost between answering after and a matched pair: a true zero"
    # Every line of shown figures adds up, and no hidden figure is the only hidden entry of a line.
    for row in (*table.rows, total):
        shown = dict(zip(("assigned", "opted", "withdrawn", "evaluated"), row.cells[:4], strict=True))
        hidden = [name for name, value in shown.items() if value == SUPPRESSED]
        assert len(hidden) != 1


FLOW_PATTERN_SCRIPT = """
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
import django
django.setup()
from django.test import override_settings
from reports.attrition import FlowCounts, FlowGroup
from reports.attrition_breakdowns import gender_breakdown
from reports.audit_attrition import suppressed_flow
groups = [
    FlowGroup(1, None, "not_known", "female", FlowCounts(60, 6, 0, 54, 50, 40, 30, 20, 10)),
    FlowGroup(1, None, "not_known", "male", FlowCounts(60, 2, 0, 58, 50, 40, 30, 20, 10)),
    FlowGroup(1, None, "not_known", "other", FlowCounts(10, 0, 0, 10, 10, 8, 6, 6, 5)),
    FlowGroup(1, None, "not_known", "", FlowCounts(10, 0, 0, 10, 10, 8, 6, 6, 5)),
]
with override_settings(SUPPRESSION_THRESHOLD=5):
    total, (table,) = suppressed_flow(groups, [gender_breakdown(False)])
print(json.dumps([[str(cell) for cell in row.cells] for row in (*table.rows, total)]))
"""


def test_the_same_figures_give_the_same_pattern_in_every_process():
    """Which figures protect others never depends on a process's string hashing: two refreshes of
    the same figures must hide the same cells, or comparing them would undo the protection."""
    import os
    import subprocess
    import sys

    patterns = set()
    for seed in ("0", "1", "2", "3"):
        found = subprocess.run(
            [sys.executable, "-c", FLOW_PATTERN_SCRIPT],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        patterns.add(found.stdout)
    assert len(patterns) == 1, patterns
