"""A report frozen for two terms takes the dashboard's term figures as cells of its set: together they pin nothing."""

import datetime

import pytest

from reports.audit_periods import Period
from reports.audit_protection import HIDDEN, protected, report_cells
from reports.audit_report import collect_snapshot
from reports.audit_terms import TERM_CELL, TERMS, nightly_hidden_in, term_cells
from reports.published_pattern import current_pattern

from . import rollup_rows
from .disclosure_checks import recoverable_cells

pytestmark = pytest.mark.django_db

SPRING, SUMMER = 2, 3
MARCH_TO_AUGUST = Period(datetime.date(rollup_rows.YEAR + 1, 3, 1), datetime.date(rollup_rows.YEAR + 1, 8, 31))
# Pupils assigned in each school of each district, spring then summer, all girls. Canterbury (3 and 4) is hidden in
# each term. The dashboard shows the county's 45 in spring and 64 in summer. Alone, the report hides its county's
# 109 (its gender table, all girls, would give it), though the two terms add up to it; and hiding it protects
# nothing. With the terms in its set, the county is shown and no hidden figure is pinned.
PUPILS = {
    "Ashford": ((4, 4, 4), (14, 13, 13)),
    "Canterbury": ((1, 1, 1), (2, 1, 1)),
    "Thanet": ((10, 10, 10), (7, 7, 6)),
}


@pytest.fixture
def kent(module, settings):
    settings.SUPPRESSION_THRESHOLD = 10
    for n, (name, terms) in enumerate(PUPILS.items()):
        place = rollup_rows.district(name, f"E0700020{n}")
        for spring, summer in zip(*terms, strict=True):
            school = rollup_rows.school(place)
            rollup_rows.progress(school, module, term=SPRING, assigned=spring, gender="female")
            rollup_rows.progress(school, module, term=SUMMER, assigned=summer, gender="female")
    rollup_rows.refreshed()


UPTAKE = {"assigned", "pupils_started", "pupils_completed", "pupils_passed"}


def pinned_with_the_dashboard(kept: dict) -> set:
    """The report's and the dashboard's term figures of uptake, each as shown, audited together (an independent
    LP over the lines of uptake: the districts add up to the county, and the terms to the report's half-year)."""
    values, lines, _ = report_cells(kept)
    values = {key: value for key, value in values.items() if key[0] in UPTAKE}
    lines = [line for line in lines if all(entry in values for entry in line.entries)]
    cells, ties, _, _ = term_cells(kept, values)
    shown = {key for key in values if list(key) not in kept[HIDDEN]}
    every = [(line.total, line.parts) for line in (*lines, *ties)]
    pattern = current_pattern()
    for entry in kept[TERMS]:
        year, term = entry["academic_year"], entry["term"]
        hidden = {tuple(key) for key in nightly_hidden_in(pattern, year, term)}
        shown |= {(TERM_CELL, year, term, *key) for key in values if key not in hidden}
        # The term's own figures add up as the report's do (its districts to the county, the flow within a row).
        every += [
            ((TERM_CELL, year, term, *line.total), tuple((TERM_CELL, year, term, *part) for part in line.parts))
            for line in lines
        ]
    return recoverable_cells({**values, **cells}, every, shown & {*values, *cells})


def test_a_two_term_report_and_the_dashboard_together_pin_no_hidden_figure(kent):
    kept = collect_snapshot(MARCH_TO_AUGUST)

    assert [entry["term"] for entry in kept[TERMS]] == [SPRING, SUMMER]
    assert pinned_with_the_dashboard(kept) == set()


def test_without_the_term_figures_the_report_hides_a_figure_the_dashboard_adds_up_to(kent):
    kept = collect_snapshot(MARCH_TO_AUGUST)
    alone = {
        **protected({**{key: value for key, value in kept.items() if key != HIDDEN}, TERMS: []}),
        TERMS: kept[TERMS],
    }

    assert ["assigned", "all"] in alone[HIDDEN] and ["assigned", "all"] not in kept[HIDDEN]
    assert ("assigned", "all") in pinned_with_the_dashboard(alone)
