"""The commissioner dashboard: who may see it, what it shows, what it hides, and how many queries it costs."""

import math
from dataclasses import fields, is_dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import GlobalRole
from reports.dashboard import build_dashboard
from reports.dashboard_evidence import MIN_SCHOOLS_FOR_ICC, PLANNING_ICC
from reports.dashboard_queries import DashboardFilters
from reports.dashboard_rows import BreakdownRow
from reports.disclosure import SUPPRESSED
from reports.eligibility import is_eligible
from reports.forms import FilterChoices
from reports.published_pattern import store_pattern
from reports.rollups import refresh_rollups
from reports.stats import (
    clustered_change,
    cronbach_alpha,
    design_effect_unequal,
    icc_oneway,
    minimum_detectable_effect,
)
from reports.stats_subgroups import subgroup_difference
from schools.models import District, School
from tests.factories import ModulePageFactory, SchoolFactory, UserFactory, enable_mfa, staff

from .conftest import add_pupil, assign, work
from .rollup_rows import YEAR, commissioner, district, progress, refreshed, scale, school

pytestmark = pytest.mark.django_db


# Ten pupils per school: five gain 10 points, five gain 30 (quiz scores out of 100).
PAIRS = [(40, 50)] * 5 + [(40, 70)] * 5


def school_pairs(k: int) -> list[tuple[int, int]]:
    """School k's ten pupils: five gain 10 + 4k points, five gain 30 + 4k (a school mean of 20 + 4k)."""
    return [(40, 50 + 4 * k)] * 5 + [(40, 70 + 4 * k)] * 5


@pytest.fixture
def ashford(db):
    return district("Ashford", "E07000105")


@pytest.fixture
def county(module, ashford):
    """Three schools in Ashford and one in Dover, each with 40 pupils assigned: worked by hand in the tests.

    School k's quiz gains average 20 + 4k points (``school_pairs``)."""
    dover = district("Dover", "E07000108")
    schools = [school(ashford, name=f"Ashford School {i}") for i in range(3)]
    schools.append(school(dover, name="Dover School"))
    for k, place in enumerate(schools):
        progress(place, module, assigned=40, started=30, completed=20, passed=15, pairs=school_pairs(k))
    refreshed()
    return schools


def board(**filters):
    refreshed()  # the refresh keeps the suppression pattern of the rows written so far
    choices = FilterChoices.load()
    return build_dashboard(filters=DashboardFilters(**filters), districts=choices.districts)


def signed_in(client, user=None):
    client.force_login(user or commissioner())
    return client


def counts_in(value):
    """Every count in a dashboard (headline, tables, trend), walking its dataclasses."""
    if isinstance(value, BreakdownRow):
        if not value.no_schools:
            yield from (value.assigned, value.started, value.completed, value.quiz_taken, value.passed, value.pairs)
            yield value.passed_after_practice
        return
    if is_dataclass(value):
        for field in fields(value):
            yield from counts_in(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from counts_in(item)


# --- Who may see it -----------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_teacher_is_refused(client, db):
    teacher = staff(SchoolFactory())
    assert signed_in(client, teacher).get(reverse("reports:dashboard")).status_code == 403


def test_evaluator_is_refused_even_with_mfa(client, db):
    from django.contrib.auth.models import Group

    evaluator = enable_mfa(UserFactory())
    evaluator.groups.add(Group.objects.get_or_create(name=GlobalRole.EVALUATOR.value)[0])
    assert signed_in(client, evaluator).get(reverse("reports:dashboard")).status_code == 403


def test_commissioner_without_mfa_is_sent_to_set_it_up(client, db):
    response = signed_in(client, commissioner(mfa=False)).get(reverse("reports:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_commissioner_with_mfa_sees_the_dashboard(client, county):
    response = signed_in(client).get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert response.context["board"].area == "Kent"


def test_platform_admin_sees_the_dashboard(client, county):
    admin = enable_mfa(UserFactory(is_superuser=True, is_staff=True))
    assert signed_in(client, admin).get(reverse("reports:dashboard")).status_code == 200


@pytest.mark.parametrize("name", ["reports:district", "reports:school"])
def test_drill_down_pages_refuse_a_teacher(client, county, name):
    target = county[0].district.code if name == "reports:district" else county[0].urn
    teacher = staff(county[0])
    assert signed_in(client, teacher).get(reverse(name, args=[target])).status_code == 403


def test_unknown_district_and_school_answer_404(client, county):
    client = signed_in(client)
    assert client.get(reverse("reports:district", args=["E99999999"])).status_code == 404
    assert client.get(reverse("reports:school", args=[999])).status_code == 404


# --- Figures against a hand-worked example --------------------------------------------------------------


def test_county_figures_match_a_hand_worked_example(county):
    figures = board(academic_year=YEAR)
    total = figures.headline.total

    # 4 schools x 40 assigned, 30 started, 20 completed, 20 took the quiz, 15 passed, 10 pairs.
    assert (total.assigned, total.started, total.completed, total.quiz_taken, total.passed, total.pairs) == (
        160,
        120,
        80,
        80,
        60,
        40,
    )
    # Wilson interval for 80/160 (p = 0.5, z = 1.95996): 0.5 ± 0.0766 to 4 places.
    assert total.completed_rate.text == "50%"
    assert (total.completed_rate.low, total.completed_rate.high) == pytest.approx((0.4234, 0.5766), abs=1e-4)
    assert total.passed_rate.text == "75%"
    # Changes: school means 20, 24, 28, 32 (10 pupils each, ±10 around the mean) -> mean 26;
    # Σ(d - 26)² = 40·10² + 10·(6² + 2² + 2² + 6²) = 4800, sd = √(4800/39) = 11.094.
    # Clustered by school (CR2): Eⱼ = 10·(mean_j - 26) = -60, -20, 20, 60; 1 - nⱼ/N = 0.75;
    # se = √(8000/0.75)/40 = 2.5820; t(0.975, 3) = 3.18245 -> 95% CI 17.78 to 34.22 (a pupil-level t on
    # 39 df would give 22.45 to 29.55). d_z = 26/11.094 = 2.344, its interval 17.78/11.094 to 34.22/11.094.
    change = total.knowledge.result
    assert change.mean_pre == pytest.approx(40)
    assert change.mean_post == pytest.approx(66)
    assert change.mean_diff == pytest.approx(26)
    assert change.sd_diff == pytest.approx(math.sqrt(4800 / 39))
    assert (change.clustered, change.schools, change.df) == (True, 4, 3)
    assert change.se == pytest.approx(math.sqrt(8000 / 0.75) / 40)
    assert (change.ci_low, change.ci_high) == pytest.approx((17.783, 34.217), abs=1e-3)
    assert change.d_z == pytest.approx(2.3436, abs=1e-4)
    assert (change.d_z_ci_low, change.d_z_ci_high) == pytest.approx((1.6030, 3.0843), abs=1e-4)
    assert change.p is None  # fewer than 10 schools
    assert total.knowledge.p_text == "\u2013"
    reading = figures.knowledge.reading
    assert reading.took_part == "40 pupils who did both quizzes, in 4 schools."
    assert reading.changed == "Pupils' quiz scores rose by 26.0 points out of 100 on average."
    assert reading.how_sure == (
        "The 95% confidence interval is 17.8 to 34.2. The interval is wide because few schools took part (4): "
        "pupils in the same school answer alike, so the number of schools limits how sure we can be. No p-value is "
        "given for fewer than 10 schools."
    )


def test_schools_taking_part_count_against_the_eligible_ones(county, ashford):
    school(ashford, name="Not yet taking part")
    school(ashford, name="A primary", phase="Primary", statutory_low_age=4, statutory_high_age=11)
    school(ashford, name="Closed", is_open=False)

    headline = board().headline

    assert (headline.schools_taking_part, headline.eligible_schools, headline.other_schools) == (4, 5, 0)
    assert headline.school_rate.text == "80%"
    assert headline.schools_reading == "4 of the 5 eligible schools took part (80%)."


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"phase": "Secondary"}, True),
        ({"phase": "All-through"}, True),
        ({"phase": "Primary", "statutory_low_age": 4, "statutory_high_age": 11}, False),
        ({"phase": "Not applicable", "statutory_low_age": 4, "statutory_high_age": 19}, True),
        ({"phase": "16 plus", "statutory_low_age": 16, "statutory_high_age": 19}, False),
        ({"phase": "Secondary", "is_open": False}, False),
    ],
)
def test_eligible_schools_are_open_and_teach_years_7_to_11(db, fields, expected):
    assert is_eligible(SchoolFactory(**fields)) is expected


def test_district_figures_and_the_drill_down_links(client, county):
    response = signed_in(client).get(reverse("reports:dashboard"), {"year": YEAR})
    places = response.context["board"].places
    ashford, dover = places.rows

    assert (ashford.label, ashford.eligible, ashford.schools, dover.schools) == ("Ashford", 3, 3, 1)
    assert ashford.link == reverse("reports:district", args=["E07000105"]) + f"?year={YEAR}"
    # Dover has one school: hidden, and Ashford with it, or Dover would be the total less Ashford.
    assert (dover.assigned, ashford.assigned, ashford.completed) == (SUPPRESSED,) * 3
    assert ashford.completed_rate.hidden and ashford.knowledge.hidden
    assert (places.total.assigned, places.total.completed) == (160, 80)
    assert f'href="{ashford.link}"' in response.content.decode()


def dover_in_full(county, module):
    """Two more schools in Dover, so no district has fewer than 3 schools and nothing needs hiding."""
    for k in range(2):
        progress(school(county[3].district, name=f"Dover School {k}"), module, assigned=40, pairs=school_pairs(k))
    refreshed()


def test_district_page_lists_its_schools_with_links(client, county, module):
    dover_in_full(county, module)
    response = signed_in(client).get(reverse("reports:district", args=["E07000105"]))
    board_ = response.context["board"]

    assert board_.level == "district" and board_.area == "Ashford"
    assert [row.label for row in board_.places.rows] == [f"Ashford School {i}" for i in range(3)]
    assert board_.places.rows[0].assigned == 40
    assert board_.places.rows[0].link == reverse("reports:school", args=[county[0].urn]) + f"?year={YEAR}"
    assert board_.headline.total.assigned == 120


def test_school_page_shows_figures_when_there_are_enough_pupils(client, county, module):
    dover_in_full(county, module)
    response = signed_in(client).get(reverse("reports:school", args=[county[0].urn]))
    board_ = response.context["board"]

    assert board_.level == "school"
    assert board_.headline.total.assigned == 40
    assert board_.headline.total.knowledge.result.mean_diff == pytest.approx(20)
    assert board_.places is None


def test_school_page_shows_only_hidden_figures_when_too_few_pupils(client, module, ashford):
    small = school(ashford)
    progress(small, module, assigned=6, completed=4, passed=2, pairs=PAIRS[:4])

    response = signed_in(client).get(reverse("reports:school", args=[small.urn]))

    total = response.context["board"].headline.total
    assert set(counts_in(response.context["board"])) == {SUPPRESSED}
    assert total.completed_rate.hidden and total.knowledge.hidden
    assert "c: hidden because it is under 10 pupils" in response.content.decode()


def test_figures_from_fewer_than_three_schools_are_hidden(module, ashford):
    for place in (school(ashford), school(ashford)):
        progress(place, module, assigned=50, completed=30, pairs=PAIRS)

    figures = board()

    assert set(counts_in(figures.headline)) == {SUPPRESSED}
    assert figures.knowledge.total.knowledge.hidden
    assert all(line.hidden for line in figures.evidence)


def test_every_count_shown_is_hidden_or_about_enough_pupils(county, module):
    # Girls and boys in one school: small groups, with their totals shown.
    place = county[0]
    progress(place, module, gender="female", assigned=12, completed=3, pairs=PAIRS[:2])
    progress(place, module, gender="other", assigned=2, completed=1)

    figures = board()

    shown = [count for count in counts_in(figures) if count != SUPPRESSED]
    assert shown, "some figures are shown"
    assert all(count >= 10 for count in shown)
    gender = next(b for b in figures.equity if b.key == "gender")
    other = next(row for row in gender.rows if row.label.startswith("Other"))
    assert other.assigned == SUPPRESSED
    # With "other" hidden, one more gender is hidden so it cannot be worked out from the total.
    assert sum(row.assigned == SUPPRESSED for row in gender.rows) >= 2


def test_equity_breakdowns_group_schools_by_band(module, ashford):
    bands = [Decimal("5"), Decimal("5"), Decimal("5"), Decimal("45"), Decimal("45"), Decimal("45")]
    for i, fsm in enumerate(bands):
        rural = "(England/Wales) Rural village" if i % 2 else "(England/Wales) Urban city and town"
        progress(school(ashford, fsm_percent=fsm, urban_rural=rural), module, assigned=20, completed=10)

    figures = board()

    fsm = {row.label: row for row in next(b for b in figures.equity if b.key == "fsm").rows}
    assert (fsm["Under 10%"].assigned, fsm["40% and over"].assigned) == (60, 60)
    assert fsm["20% to under 30%"].no_schools
    locality = {row.label: row for row in next(b for b in figures.equity if b.key == "locality").rows}
    assert (locality["Urban"].assigned, locality["Rural"].assigned) == (60, 60)


def test_equity_breakdowns_show_exploratory_differences_in_change_clustered_by_school(client, module, ashford):
    # Three urban schools' boys gain 20, 24, 28 points on average, three rural ones' 30, 34, 38; girls gain 4 more.
    # The urban schools also have 10 pupils each whose gender was not recorded, gaining 20.
    gains, rural = {}, set()
    for k in range(6):
        place = school(ashford, **({"urban_rural": "(England/Wales) Rural village"} if k >= 3 else {}))
        if k >= 3:
            rural.add(place.pk)
        shift = 4 * (k % 3) + (10 if k >= 3 else 0)
        for gender, extra in (("female", 4), ("male", 0)):
            pairs = [(40, 50 + shift + extra)] * 5 + [(40, 70 + shift + extra)] * 5
            progress(place, module, gender=gender, assigned=10, pairs=pairs)
            gains[place.pk, gender] = (10, float(sum(post - pre for pre, post in pairs)))
        if k < 3:
            progress(place, module, gender="", assigned=10, pairs=[(40, 60)] * 10)
            gains[place.pk, ""] = (10, 200.0)

    figures = board()

    locality = next(b for b in figures.equity if b.key == "locality")
    (difference,) = locality.differences
    assert (difference.label, difference.reference) == ("Rural", "Urban")
    expected = subgroup_difference(
        _by_school({key: value for key, value in gains.items() if key[0] in rural}),
        _by_school({key: value for key, value in gains.items() if key[0] not in rural}),
    )
    # Urban: (24·10 + 20·10 + 20·10, and so on) 2,160 over 90 pupils = 24; rural: 2,160 over 60 = 36.
    assert expected.difference == pytest.approx(12)
    assert (difference.text, difference.ci_text) == (
        "+12.0",
        f"{expected.ci_low:.1f} to {expected.ci_high:.1f}".replace("-", "\u2212"),
    )
    gender = next(b for b in figures.equity if b.key == "gender")
    # "Other" (no pupils) is hidden, and "Not recorded" with it; girls and boys are shown and compared.
    assert [(d.label, d.reference, d.text) for d in gender.differences] == [("Male", "Female", "\u22124.0")]
    html = signed_in(client).get(reverse("reports:dashboard")).content.decode()
    assert "(exploratory)" in html and "not planned in advance" in html
    # One school's page compares no groups.
    first = next(iter(rural))
    page = signed_in(client).get(reverse("reports:school", args=[School.objects.get(pk=first).urn]))
    assert all(not b.differences for b in page.context["board"].equity)


def _by_school(gains: dict) -> dict:
    """(school, gender) -> (n, Σd) added up per school."""
    found: dict = {}
    for (school_id, _), (n, total) in gains.items():
        have = found.get(school_id, (0, 0.0))
        found[school_id] = (have[0] + n, have[1] + total)
    return found


def test_filters_narrow_the_figures(county, module, programme):
    other = ModulePageFactory(parent=programme)
    for place in county[:3]:
        progress(place, other, year_group=10, term=2, assigned=10, completed=10)

    assert board().headline.total.assigned == 190
    assert board(module_id=other.pk).headline.total.assigned == 30
    assert board(year_group=9).headline.total.assigned == 160
    assert board(term=2).headline.total.assigned == 30
    assert board(academic_year=YEAR + 1).headline.total.assigned == SUPPRESSED


def test_trend_shows_every_term_whatever_the_period_chosen(county, module):
    for place in county:
        progress(place, module, year=YEAR + 1, term=2, assigned=10, completed=5)

    trend = board(academic_year=YEAR, term=1).trend

    assert [row.label for row in trend.rows] == [f"Autumn {YEAR}", f"Spring {YEAR + 2}"]
    assert [row.assigned for row in trend.rows] == [160, 40]


def test_attitude_scales_with_change_and_alpha(county, module):
    from tests.factories import SurveyFactory, likert, stream

    SurveyFactory(key="respect-survey", title="Respect survey", questions=stream([likert("a1"), likert("a2")]))
    answers = [(1, 2), (2, 2), (3, 4), (4, 5), (5, 5)] * 2
    by_school = [[(2.0, 3.0 + k / 10), (3.0, 3.5 + k / 10)] * 5 for k in range(len(county))]
    for place, pairs in zip(county, by_school, strict=True):
        scale(place, module, survey_key="respect-survey", pairs=pairs, items=answers)

    (survey,) = board().surveys
    (figure,) = survey.scales

    expected = clustered_change([[post - pre for pre, post in pairs] for pairs in by_school])
    assert (survey.title, figure.label, figure.range_text) == ("Respect survey", "Attitudes", "1 to 5")
    assert survey.chart.bars[0].value_text == "+0.9"
    assert figure.pairs == 40
    assert figure.change.result.clustered
    assert figure.change.result.mean_diff == pytest.approx(expected.mean_diff)
    assert (figure.change.result.ci_low, figure.change.result.ci_high) == pytest.approx(
        (expected.ci_low, expected.ci_high)
    )
    alpha, low, high = cronbach_alpha(answers * 4)
    assert (figure.alpha_text, figure.alpha_ci_text) == (f"{alpha:.2f}", f"{low:.2f} to {high:.2f}")
    assert figure.reading.changed == "Scores on the attitudes scale rose by 0.9 points on its 1 to 5 scale on average."


def test_evidence_panel_uses_the_planning_icc_with_few_schools(module, ashford):
    sizes = [10, 20, 30]
    for size in sizes:
        progress(school(ashford), module, assigned=size, pairs=PAIRS * (size // 10))

    (knowledge, *_) = board().evidence

    # Unequal schools: Σnⱼ²/N = 1400/60 = 23.33, so DEFF = 1 + 22.33·0.05 = 2.117 (not 1.95 from the mean of 20).
    deff = design_effect_unequal(sizes, PLANNING_ICC)
    assert deff == pytest.approx(1 + (1400 / 60 - 1) * 0.05)
    assert len(sizes) < MIN_SCHOOLS_FOR_ICC
    assert knowledge.icc == f"{PLANNING_ICC:.3f}"
    assert knowledge.design_effect == "2.12"
    assert knowledge.effective_n == str(round(60 / deff))
    # Student's t on 3 - 1 = 2 degrees of freedom, not the normal quantiles.
    assert knowledge.mde == f"{minimum_detectable_effect(60, deff, clusters=3):.2f}"
    assert knowledge.mde != f"{minimum_detectable_effect(60, deff):.2f}"
    # A within-pupil change is not set beside the published between-group effects.
    assert knowledge.reading == (
        "With 60 pupils in 3 schools, the smallest before-to-after change in knowledge this evaluation can reliably "
        f"detect is {knowledge.mde} standard deviations of pupils' changes."
    )


def test_evidence_panel_estimates_the_icc_from_enough_schools(module, ashford):
    gains = [[10] * 10, [20] * 5 + [30] * 5, [0] * 5 + [40] * 5, [15] * 10, [25] * 10]
    for changes in gains:
        progress(school(ashford), module, assigned=10, pairs=[(50, 50 + d) for d in changes])

    (knowledge, *_) = board().evidence

    assert knowledge.icc == f"{icc_oneway(gains):.3f}"
    assert knowledge.icc_source == "estimated from 5 schools"


# --- What a commissioner never sees -------------------------------------------------------------------


def test_no_pupil_appears_on_any_page(client, evaluated):
    thanet = district("Thanet", "E07000114")
    places = [school(thanet, name=f"Thanet School {i}") for i in range(3)]
    names = []
    for i, place in enumerate(places):
        assignment = assign(evaluated, place)
        for j in range(11):
            name = f"Zebedee{i}x{j}"
            who = add_pupil(assignment, name)
            work(evaluated, assignment, who, pre_quiz=j % 3, post_quiz=2)
            names.append((name, str(who.research_key)))
    store_pattern(refresh_rollups())  # as the nightly task does

    client = signed_in(client)
    pages = [
        reverse("reports:dashboard"),
        reverse("reports:district", args=["E07000114"]),
        *(reverse("reports:school", args=[place.urn]) for place in places),
    ]
    for page in pages:
        response = client.get(page)
        html = response.content.decode()
        assert response.status_code == 200
        assert response.context["board"].headline.total.assigned != SUPPRESSED
        for name, key in names:
            assert name not in html
            assert key not in html
        assert all(count == SUPPRESSED or count >= 10 for count in counts_in(response.context["board"]))


# --- Filters and queries ---------------------------------------------------------------------------------


def test_a_tampered_filter_is_reported_and_ignored(client, county):
    response = signed_in(client).get(reverse("reports:dashboard"), {"term": "9", "module": "nope"})

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert response.context["board"].headline.total.assigned == 160


def test_choosing_a_district_on_the_county_page_opens_the_district_page(client, county):
    response = signed_in(client).get(reverse("reports:dashboard"), {"district": "E07000105", "term": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:district", args=["E07000105"]) + f"?year={YEAR}&term=1"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_data(client, module, django_assert_max_num_queries):
    places = [district(f"District {i}", f"E0700011{i}") for i in range(3)]
    first = school(places[0])
    progress(first, module, assigned=20, pairs=PAIRS)
    refreshed()
    client = signed_in(client)
    _queries(client, "/")  # site-wide context (footer links) is cached on the first page
    small = {name: _queries(client, url) for name, url in _pages(places[0], first)}

    for i in range(12):
        place = school(places[i % 3], fsm_percent=Decimal(5 * i))
        for year_group, gender in [(7, "female"), (8, "male"), (9, "")]:
            progress(place, module, year_group=year_group, gender=gender, assigned=30, pairs=PAIRS)
    refreshed()  # rollups change only through a refresh, which is what renews the cached figures
    large = {name: _queries(client, url) for name, url in _pages(places[0], first)}

    assert large == small
    with django_assert_max_num_queries(28):
        client.get(reverse("reports:dashboard"))


def _pages(place: District, first):
    return [
        ("county", reverse("reports:dashboard")),
        ("district", reverse("reports:district", args=[place.code])),
        ("school", reverse("reports:school", args=[first.urn])),
    ]


def test_built_figures_are_reused_until_the_rollups_are_refreshed(client, county, module):
    client = signed_in(client)
    url = reverse("reports:dashboard")
    first = _queries(client, url)
    again = _queries(client, url)
    assert again < first
    assert client.get(url).context["board"].headline.total.assigned == 160

    # A new year group in three schools: a group in one school would hide the total, since every other
    # figure of the county is unchanged since it was shown (reports.publication).
    for place in county[:3]:
        progress(place, module, year_group=10, assigned=10)
    assert client.get(url).context["board"].headline.total.assigned == 160  # not refreshed yet
    refreshed()
    assert client.get(url).context["board"].headline.total.assigned == 190
