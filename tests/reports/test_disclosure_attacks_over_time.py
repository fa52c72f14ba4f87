"""Two nights of the dashboard side by side: a figure shown one night and hidden the next, unchanged, is still known.

One term, three districts of three schools, pupils who started (threshold 10). Night 1: Ashford 30
shown; Canterbury 4 and Thanet 20 hidden (Thanet beside Canterbury, the smaller). Night 2: Thanet's
classes add 21 pupils (at least the threshold, so the time rule lets it move); Ashford and
Canterbury are unchanged. Canterbury's complement could now be Ashford (30 < 41) with the county 75
and Thanet 41 shown, and Canterbury = 75 - 41 - Ashford's 30 of the night before.
"""

import pytest

from reports import disclosure_cube as cube
from reports.publication import unchanged_cells

from . import rollup_rows
from .night_and_report import attack, district, night
from .test_audit_ties import AUTUMN

NIGHT_1 = {("1", AUTUMN): (10, 10, 10), ("2", AUTUMN): (2, 1, 1), ("3", AUTUMN): (10, 5, 5)}
NIGHT_2 = {**NIGHT_1, ("3", AUTUMN): (17, 12, 12)}


@pytest.fixture
def threshold_10(settings):
    settings.SUPPRESSION_THRESHOLD = 10


def test_a_cell_is_unchanged_when_its_count_is_the_value_last_shown_unless_a_primary_rule_hides_it():
    values = {"a": 30, "b": 4, "c": 41, "d": 12, "new": 5}
    last = {"a": 30, "b": 3, "c": 20, "d": 12}
    assert unchanged_cells(values, last, primary={"d"}) == {"a"}


def test_a_cell_shown_one_night_and_hidden_the_next_unchanged_does_not_pin_its_neighbour(threshold_10):
    table_1, hidden_1, shown = night(NIGHT_1)
    table_2, hidden_2, _ = night(NIGHT_2, last_shown={"started": shown["started"]})
    ashford, canterbury = district("1", AUTUMN), district("2", AUTUMN)
    assert ashford[1] not in hidden_1 and canterbury[1] in hidden_1
    assert table_1.values[ashford[1]] == table_2.values[ashford[1]] == [30]

    # Everything night 2 shows, and every figure night 1 showed that is unchanged on night 2.
    known = (set(table_2.values) - hidden_2) | {
        key for key in set(table_1.values) - hidden_1 if table_1.values[key] == table_2.values.get(key)
    }
    assert canterbury not in attack(table_2, known, [])
    # Ashford, known from night 1, is shown again rather than hidden to no purpose.
    assert ashford[1] not in hidden_2


@pytest.mark.django_db
def test_two_nights_stored_by_the_refresh_do_not_give_a_hidden_district_away(module, threshold_10):
    """The same attack through the refresh as it runs (the pattern stored with the values last shown)."""
    from reports.models import ProgressRollup
    from reports.pattern_models import HiddenCell
    from reports.published_pattern import current_pattern

    places, rows = {}, {}
    for n, (name, pupils) in enumerate((("Ashford", (10, 10, 10)), ("Canterbury", (2, 1, 1)), ("Thanet", (10, 5, 5)))):
        places[name] = rollup_rows.district(name, f"E0700010{n}")
        rows[name] = [
            rollup_rows.progress(rollup_rows.school(places[name]), module, assigned=count, gender="female")
            for count in pupils
        ]

    def hidden(name):
        cell = HiddenCell.objects.filter(
            pattern=current_pattern(),
            kind=cube.DISTRICT,
            area=str(places[name].pk),
            academic_year=rollup_rows.YEAR,
            term=AUTUMN,
            module=cube.ALL,
            year_group=cube.ALL,
            gender=cube.EVERY_GENDER,
        ).first()
        return cell is not None and "assigned" in cell.measures

    rollup_rows.refreshed()
    night_1 = {name: hidden(name) for name in places}
    for row, count in zip(rows["Thanet"], (17, 12, 12), strict=True):
        ProgressRollup.objects.filter(pk=row.pk).update(pupils_assigned=count, pupils_started=count)
    rollup_rows.refreshed()
    night_2 = {name: hidden(name) for name in places}
    county = HiddenCell.objects.filter(
        pattern=current_pattern(), kind=cube.COUNTY, academic_year=rollup_rows.YEAR, term=AUTUMN, module=cube.ALL
    ).filter(year_group=cube.ALL, gender=cube.EVERY_GENDER)

    assert night_1 == {"Ashford": False, "Canterbury": True, "Thanet": True}
    # Night 2 shows the county (75): Ashford's 30 is known from night 1, so Thanet (41) stays hidden beside
    # Canterbury rather than Canterbury = 75 - 41 - 30.
    assert not any("assigned" in cell.measures for cell in county)
    assert night_2 == {"Ashford": False, "Canterbury": True, "Thanet": True}


@pytest.mark.parametrize(
    "canterbury",
    [
        pytest.param((1, 1, 1), id="one pupil's data erased: 4 to 3"),
        pytest.param((12, 1, 1), id="a late class of 10 recorded: 4 to 14"),
    ],
)
def test_the_night_after_a_district_a_report_hid_changes_pins_nothing_with_the_report(threshold_10, canterbury):
    from reports.audit_frozen import add_report
    from reports.audit_ties import Ties

    from .test_audit_ties import AUTUMN_ONLY, HIDES_THANET, ONE_TERM, report

    frozen = report(ONE_TERM, [AUTUMN], {1: 30, 2: 4, 3: 90}, HIDES_THANET)
    ties = Ties()
    add_report(ties, frozen)
    table, hidden, _ = night({**AUTUMN_ONLY, ("2", AUTUMN): canterbury}, ties=ties)

    assert table.values[district("2", AUTUMN)[1]] == [sum(canterbury)]
    assert attack(table, set(table.values) - hidden, [frozen]) == {}
