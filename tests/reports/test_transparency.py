"""The public transparency page: open to all, suppressed, rounded to the nearest 5, with its method and date."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports.disclosure import SUPPRESSED
from reports.transparency import build_transparency
from tests.factories import ModulePageFactory, SurveyFactory, likert, stream

from .rollup_rows import YEAR, district, progress, refreshed, scale, school

pytestmark = pytest.mark.django_db


PAIRS = [(40, 50)] * 5 + [(40, 70)] * 5


@pytest.fixture
def module(programme):
    return ModulePageFactory(parent=programme)


@pytest.fixture
def kent(module):
    """Ashford: 3 schools of 43 pupils (129), 10 pairs each. Canterbury: 3 schools of 41 (123), 8 pairs each.
    Dover: one school of 12, 10 pairs."""
    places = {}
    for name, code, count, assigned, pairs in [
        ("Ashford", "E07000105", 3, 43, PAIRS),
        ("Canterbury", "E07000106", 3, 41, PAIRS[:8]),
        ("Dover", "E07000108", 1, 12, PAIRS),
    ]:
        place = district(name, code)
        places[name] = [school(place, name=f"{name} Academy {i}") for i in range(count)]
        for each in places[name]:
            progress(each, module, assigned=assigned, completed=assigned - 11, pairs=pairs)
    refreshed(timezone.make_aware(datetime.datetime(2026, 3, 2, 2, 30)))
    return places


def test_anyone_can_read_it_without_signing_in(client, kent):
    response = client.get(reverse("reports:transparency"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "How these figures are worked out" in html
    assert "Figures last refreshed on 2 March 2026" in html
    assert "c: hidden because it is under 10 pupils or 3 schools" in html
    assert "rounded to the nearest 5" in html


def test_counts_are_suppressed_then_rounded_to_the_nearest_five(kent):
    page = build_transparency(year=YEAR)
    ashford, canterbury, dover = page.rows

    # Dover has one school: hidden, and the smaller of the others with it (secondary suppression).
    assert (dover.reached, dover.completed, dover.knowledge) == (SUPPRESSED, SUPPRESSED, SUPPRESSED)
    assert canterbury.reached == SUPPRESSED
    assert ashford.reached == "130"  # 129
    assert ashford.completed == "95"  # 3 x 32 = 96
    assert ashford.completed_rate == "73%"  # 95 / 130, from the rounded counts (96 / 129 would be 74%)
    assert (ashford.pairs, canterbury.pairs, dover.pairs) == ("30", SUPPRESSED, SUPPRESSED)
    assert (ashford.knowledge, canterbury.knowledge) == ("+20.0", SUPPRESSED)
    # Ashford pools 3 schools with the same changes: its interval is clustered by school.
    assert ashford.knowledge_interval == "clustered by school (3 schools)"
    assert page.total.knowledge_interval == "clustered by school (7 schools)"
    assert (page.total.reached, page.total.completed) == ("265", "185")  # 264 and 96 + 90 + 1 = 187
    assert (ashford.schools, ashford.eligible, dover.schools) == (3, 3, 1)


def test_no_school_is_named(client, kent):
    html = client.get(reverse("reports:transparency")).content.decode()
    for places in kent.values():
        for each in places:
            assert each.name not in html
            assert str(each.urn) not in html


def test_districts_without_schools_taking_part_show_a_dash(kent):
    school(district("Swale", "E07000113"))
    swale = next(row for row in build_transparency(year=YEAR).rows if row.label == "Swale")
    assert swale.no_schools and (swale.eligible, swale.schools, swale.reached) == (1, 0, "\u2013")


def test_attitude_change_for_all_districts(kent, module):
    SurveyFactory(key="respect", questions=stream([likert("a1"), likert("a2")]))
    for each in kent["Ashford"] + kent["Canterbury"]:
        scale(each, module, survey_key="respect", pairs=[(2.0, 3.0), (3.0, 3.5)] * 3)
    refreshed()

    (attitudes,) = build_transparency(year=YEAR).scales

    assert (attitudes.label, attitudes.range_text, attitudes.pairs) == ("Attitudes", "1 to 5", "35")  # 36
    assert attitudes.change == "+0.8"  # 0.75 to 1 decimal
    assert attitudes.interval == "clustered by school (6 schools)"


def test_the_latest_year_is_shown_unless_another_is_chosen(client, kent, module):
    progress(kent["Ashford"][0], module, year=YEAR - 1, assigned=20)

    assert client.get(reverse("reports:transparency")).context["page"].year == YEAR
    assert client.get(reverse("reports:transparency"), {"year": YEAR - 1}).context["page"].year == YEAR - 1
    tampered = client.get(reverse("reports:transparency"), {"year": "1999; drop"})
    assert tampered.status_code == 200 and tampered.context["page"].year == YEAR


def test_with_no_figures_it_says_so(client, db):
    response = client.get(reverse("reports:transparency"))
    assert response.status_code == 200
    assert "There are no figures to publish yet." in response.content.decode()


def test_the_number_of_queries_does_not_grow_with_the_data(client, kent, module):
    client.get("/")  # site-wide context (footer links) is cached on the first page
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("reports:transparency"))
    for i in range(10):
        progress(school(kent["Ashford"][0].district, name=f"More {i}"), module, assigned=30, pairs=PAIRS)
    refreshed()
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("reports:transparency"))
    assert len(after) == len(before) <= 15
