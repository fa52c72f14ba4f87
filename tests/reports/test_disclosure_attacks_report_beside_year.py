"""A two-term audit report (March to August) frozen beside the dashboard's year and every-year figures.

The report's figure of a district is its spring and summer; the dashboard shows, beside it, the whole
year (autumn + spring + summer), every year's, and the autumn. Frozen from that night's pattern
(``reports.audit_year_cells``), the report hides its own figures where those would give a hidden figure
away: nothing the dashboard hides comes back from the report, and nothing the report hides from the
dashboard. Three districts of three schools, pupils who started (all girls), threshold 10.
"""

import random

import pytest

from reports.audit_protection import HIDDEN

from .night_and_report import attack, district, freeze, night
from .test_audit_ties import AUTUMN, SPRING, SUMMER, TWO_TERMS


@pytest.fixture
def threshold_10(settings):
    settings.SUPPRESSION_THRESHOLD = 10


# The dashboard that night (every module, year group and gender), c = hidden:
#   Ashford    year 99, autumn 41 c, spring 15 c, summer 43
#   Canterbury year 69, autumn 43,   spring 15 c, summer 11 c
#   Thanet     year 75, autumn 17 c, spring 33 c, summer 25 c
STARTED = {
    ("1", AUTUMN): (2, 30, 9),
    ("1", SPRING): (6, 9, 0),
    ("1", SUMMER): (9, 30, 4),
    ("2", AUTUMN): (9, 30, 4),
    ("2", SPRING): (9, 6, 0),
    ("2", SUMMER): (9, 0, 2),
    ("3", AUTUMN): (1, 15, 1),
    ("3", SPRING): (30, 0, 3),
    ("3", SUMMER): (15, 9, 1),
}


def test_a_two_term_report_frozen_beside_the_dashboards_year_figures_pins_nothing(threshold_10):
    table, hidden, _ = night(STARTED)
    assert district("2", AUTUMN)[1] not in hidden and district("2", 0)[1] not in hidden
    assert district("3", AUTUMN)[1] in hidden and district("3", 0)[1] not in hidden
    frozen = freeze(STARTED, [SPRING, SUMMER], TWO_TERMS, hidden)

    # Canterbury's spring + summer is its year 69 less its autumn 43 = 26, whether the report hides it or not;
    # shown beside Ashford's and the county's, it would give Ashford's (58), so Ashford's spring (58 - 43) and
    # autumn (99 - 43 - 15), and Thanet's autumn (75 - 58).
    assert attack(table, set(table.values) - hidden, [frozen]) == {}


# The dashboard that night: Ashford year 66 shown; autumn 6, spring 15, summer 45 hidden.
SMALL_AUTUMN = {
    ("1", AUTUMN): (1, 4, 1),
    ("1", SPRING): (9, 6, 0),
    ("1", SUMMER): (0, 15, 30),
    ("2", AUTUMN): (4, 4, 4),
    ("2", SPRING): (30, 9, 30),
    ("2", SUMMER): (9, 0, 0),
    ("3", AUTUMN): (3, 9, 0),
    ("3", SPRING): (0, 3, 30),
    ("3", SUMMER): (9, 3, 6),
}


def test_the_dashboards_year_less_a_two_term_report_does_not_give_a_hidden_autumn_of_6_pupils(threshold_10):
    table, hidden, _ = night(SMALL_AUTUMN)
    assert district("1", 0)[1] not in hidden and table.values[district("1", 0)[1]] == [66]
    assert district("1", AUTUMN)[1] in hidden and table.values[district("1", AUTUMN)[1]] == [6]
    frozen = freeze(SMALL_AUTUMN, [SPRING, SUMMER], TWO_TERMS, hidden)

    # The report (March to August) hides Ashford's 60 pupils: the year's 66 less 60 would be the autumn's 6.
    assert ["pupils_started", "districts", 1] in frozen[HIDDEN]
    assert attack(table, set(table.values) - hidden, [frozen]) == {}


CHOICES = (0, 0, 1, 2, 3, 4, 6, 9, 15, 30)


def test_two_term_reports_frozen_from_random_nights_pin_nothing_the_night_alone_does_not(threshold_10):
    """A bounded random search (seed 15) of three districts of three schools over three terms."""
    rng = random.Random(15)
    leaks = {}
    for trial in range(5):
        started = {
            (d, t): tuple(rng.choice(CHOICES) for _ in range(3)) for d in "123" for t in (AUTUMN, SPRING, SUMMER)
        }
        table, hidden, _ = night(started)
        frozen = freeze(started, [SPRING, SUMMER], TWO_TERMS, hidden)
        shown = set(table.values) - hidden
        alone = attack(table, shown, [])
        together = attack(table, shown, [frozen])
        leaks.update({(trial, key): value for key, value in together.items() if key not in alone})
    assert leaks == {}


@pytest.mark.django_db
def test_a_report_frozen_by_the_site_keeps_the_year_beside_its_terms_and_hides_what_it_would_give(module, settings):
    """Through ``collect_snapshot``: the report of March to August beside the year 2025-26 the dashboard shows."""
    import datetime

    from reports import disclosure_cube as cube
    from reports.audit_periods import Period
    from reports.audit_report import collect_snapshot
    from reports.audit_year_cells import AROUND

    from . import rollup_rows

    settings.SUPPRESSION_THRESHOLD = 10
    places = {}
    for n, name in enumerate(("Ashford", "Canterbury", "Thanet")):
        places[name] = place = rollup_rows.district(name, f"E0700030{n}")
        schools = [rollup_rows.school(place) for _ in range(3)]
        for term in (AUTUMN, SPRING, SUMMER):
            for school, count in zip(schools, SMALL_AUTUMN[str(n + 1), term], strict=True):
                rollup_rows.progress(school, module, term=term, assigned=count, gender="female")
    rollup_rows.refreshed()
    year = rollup_rows.YEAR
    kept = collect_snapshot(Period(datetime.date(year + 1, 3, 1), datetime.date(year + 1, 8, 31)))

    assert [(entry["academic_year"], entry["term"]) for entry in kept[AROUND]] == [
        (year, cube.ALL),
        (year, AUTUMN),
        *((cube.ALL, term) for term in (cube.ALL, AUTUMN, SPRING, SUMMER)),
    ]
    year_entry = kept[AROUND][0]
    ashford = ["assigned", "districts", places["Ashford"].pk]
    assert [*ashford, 66] in year_entry["values"] and ashford not in year_entry["hidden"]
    # Ashford's 60 of March to August would be the year's 66 less its autumn's 6, which the dashboard hides.
    assert ["assigned", "districts", places["Ashford"].pk] in kept[HIDDEN]
