"""The nightly pattern reads the frozen audit reports: no figure a report hides comes back from the dashboard."""

import pytest

from reports import disclosure_cube as cube
from reports.audit_frozen import add_report
from reports.audit_models import AuditReport, AuditReportStatus
from reports.audit_protection import DISTRICTS, HIDDEN
from reports.audit_ties import Ties, is_report_cell
from reports.pattern_models import HiddenCell
from reports.publication import protect_over_time
from reports.published_pattern import current_pattern

from . import rollup_rows
from .disclosure_checks import recoverable_cells
from .test_audit_report import snapshot

T = 10
YEAR, AUTUMN, SPRING, SUMMER = 2026, 1, 2, 3
MODULE, YEAR_GROUP = 7, 9
STARTED = cube.PROGRESS_MEASURES.index("started")
# Three districts of three schools each: Ashford "1", Canterbury "2" and Thanet "3".
SCHOOLS = {
    f"{district}{n}": cube.SchoolInfo(district=district, phase="Secondary", kind="Academy", fsm="low", locality="urban")
    for district in "123"
    for n in range(3)
}
ONE_TERM = {"start": "2026-09-01", "end": "2027-02-28"}
TWO_TERMS = {"start": "2027-03-01", "end": "2027-08-31"}


def rows(started: dict[tuple[str, int], tuple[int, int, int]]) -> list[tuple]:
    """Rollup rows: each (district, term) gives its three schools' pupils who started, all girls."""
    found = []
    for (district, term), counts in started.items():
        for n, count in enumerate(counts):
            kept = [0] * len(cube.PROGRESS_MEASURES)
            kept[0] = kept[STARTED] = count
            found.append((f"{district}{n}", YEAR, term, MODULE, YEAR_GROUP, "female", *kept))
    return found


def table_of(started) -> cube.Table:
    """The nightly set's cells of pupils who started (the measure alone, to keep the tests quick)."""
    full = cube.progress_table(rows(started), SCHOOLS)
    table = cube.Table(("started",))
    table.values = {key: [counts[STARTED]] for key, counts in full.values.items()}
    table.schools = {key: [counts[STARTED]] for key, counts in full.schools.items()}
    return table


def counts(pupils: int) -> dict:
    return dict.fromkeys(("pupils_assigned", "pupils_started", "pupils_completed", "pupils_passed"), pupils)


def report(period: dict, terms: list[int], districts: dict[int, int], hidden: list[tuple]) -> dict:
    """A frozen report's snapshot: pupils who started by district, with its stored pattern ``hidden``."""
    names = {1: "Ashford", 2: "Canterbury", 3: "Thanet"}
    return snapshot(
        version=2,
        period=period,
        terms=[{"academic_year": YEAR, "term": term, "label": ""} for term in terms],
        uptake={"schools": 9, **counts(sum(districts.values()))},
        districts={
            "rows": [
                {"group": pk, "label": names.get(pk, f"District {pk}"), "schools": 3, **counts(pupils)}
                for pk, pupils in districts.items()
            ],
            "schools": 9,
        },
        **{HIDDEN: [list(key) for key in hidden]},
    )


def night(started, reports=()):
    """The night's protection of pupils who started, reading ``reports``: (table, hidden cells, ties)."""
    table = table_of(started)
    ties = Ties()
    for frozen in reports:
        add_report(ties, frozen)
    protections, shown = protect_over_time(table, SCHOOLS, T, names=["started"], last_shown={}, ties=ties)
    assert not any(is_report_cell(("started", key)) for key in shown["started"])
    return table, protections["started"].hidden, ties.of(["started"])


def term_cell(kind: str, area: str, term: int) -> tuple:
    return (kind, area, YEAR, term, cube.ALL, cube.ALL, cube.EVERY_GENDER)


def district_term(district: str, term: int) -> tuple:
    return term_cell(cube.DISTRICT, district, term)


def pinned_together(table: cube.Table, hidden: set, ties: Ties) -> set:
    """Hidden figures the dashboard's and the reports' shown figures pin, together: an independent LP."""
    values = {("started", key): counts[0] for key, counts in table.values.items()}
    values.update(ties.frozen)
    lines = [
        (("started", line.total), tuple(("started", part) for part in line.parts))
        for line in cube.lines_of(table.values, SCHOOLS)
    ]
    for key, parts in ties.terms.items():
        present = tuple(part for part in parts if part in values)
        if sum(values[part] for part in present) == values[key]:  # a figure moved since is tied by no line
            lines.append((key, present))
    lines += [(line.total, line.parts) for line in ties.lines]
    shown = {key for key in values if key not in ties.hidden and key[1] not in hidden}
    return recoverable_cells(values, lines, shown)


# Autumn: Ashford 30 pupils started, Canterbury 4 (hidden: fewer than 10), Thanet 90.
AUTUMN_ONLY = {("1", AUTUMN): (10, 10, 10), ("2", AUTUMN): (2, 1, 1), ("3", AUTUMN): (30, 30, 30)}
# The report hid Canterbury beside Thanet; the nightly pattern, alone, hides Canterbury beside Ashford (smaller).
HIDES_THANET = [("pupils_started", DISTRICTS, 2), ("pupils_started", DISTRICTS, 3)]


def test_alone_the_nightly_pattern_shows_what_a_one_term_report_hid_and_together_they_give_canterbury_away():
    frozen = report(ONE_TERM, [AUTUMN], {1: 30, 2: 4, 3: 90}, HIDES_THANET)
    table, hidden, ties = night(AUTUMN_ONLY)
    ties = night(AUTUMN_ONLY, [frozen])[2]

    assert district_term("3", AUTUMN) not in hidden
    # 124 pupils in the county (report and dashboard) - 30 in Ashford (report) - 90 in Thanet (dashboard) = 4.
    assert ("started", district_term("2", AUTUMN)) in pinned_together(table, hidden, ties)


def test_a_figure_a_one_term_report_hides_is_hidden_that_term_and_nothing_is_pinned():
    frozen = report(ONE_TERM, [AUTUMN], {1: 30, 2: 4, 3: 90}, HIDES_THANET)
    table, hidden, ties = night(AUTUMN_ONLY, [frozen])

    assert district_term("3", AUTUMN) in hidden
    # What the report shows is never hidden to protect another figure: it is published for good.
    assert district_term("1", AUTUMN) not in hidden
    assert term_cell(cube.COUNTY, "", AUTUMN) not in hidden
    assert pinned_together(table, hidden, ties) == set()


# Spring and summer: Canterbury 4 and 3 (hidden in each term), Ashford 30 and 12, Thanet 90 and 60.
TWO = {
    ("1", SPRING): (10, 10, 10),
    ("2", SPRING): (2, 1, 1),
    ("3", SPRING): (30, 30, 30),
    ("1", SUMMER): (4, 4, 4),
    ("2", SUMMER): (1, 1, 1),
    ("3", SUMMER): (20, 20, 20),
}


def test_alone_the_nightly_terms_add_up_to_what_a_two_term_report_hid():
    frozen = report(TWO_TERMS, [SPRING, SUMMER], {1: 42, 2: 7, 3: 150}, HIDES_THANET)
    table, hidden, _ = night(TWO)
    ties = night(TWO, [frozen])[2]

    assert not {district_term("3", SPRING), district_term("3", SUMMER)} & hidden
    # Thanet is 90 + 60 from the dashboard, so the report's Canterbury is 199 - 42 - 150 = 7.
    assert ties_key(ties, 2) in pinned_together(table, hidden, ties)


def ties_key(ties: Ties, district: int) -> tuple:
    (key,) = [key for key in ties.terms if key[1][-2:] == (DISTRICTS, district)]
    return key


def test_a_two_term_report_keeps_a_term_of_each_hidden_figure_hidden_and_no_shown_figure_one_term_short():
    frozen = report(TWO_TERMS, [SPRING, SUMMER], {1: 42, 2: 7, 3: 150}, HIDES_THANET)
    table, hidden, ties = night(TWO, [frozen])

    for key, parts in ties.terms.items():
        hidden_terms = sum(part[1] in hidden for part in parts)
        if key in ties.hidden:
            assert hidden_terms >= 1, key
        else:
            assert hidden_terms != 1, key
    # Ashford's spring is hidden beside Canterbury's (smallest on the county's line): its summer goes with it.
    assert {district_term("1", SPRING), district_term("1", SUMMER)} <= hidden
    assert pinned_together(table, hidden, ties) == set()


def test_terms_moved_by_a_few_since_a_report_showed_them_are_hidden():
    frozen = report(ONE_TERM, [AUTUMN], {1: 30, 2: 4, 3: 90}, HIDES_THANET)
    # Since the report was frozen, two of Ashford's pupils were erased from one school.
    later = {**AUTUMN_ONLY, ("1", AUTUMN): (10, 10, 8)}
    table, hidden, ties = night(later, [frozen])

    assert district_term("1", AUTUMN) in hidden
    assert pinned_together(table, hidden, ties) == set()


@pytest.fixture
def kent(module):
    """Three districts of three schools, autumn 2025: Ashford 30 pupils assigned, Canterbury 4, Thanet 90."""
    places = {}
    for n, (name, pupils) in enumerate(
        (("Ashford", (10, 10, 10)), ("Canterbury", (2, 1, 1)), ("Thanet", (30, 30, 30)))
    ):
        place = rollup_rows.district(name, f"E0700010{n}")
        for count in pupils:
            rollup_rows.progress(rollup_rows.school(place), module, assigned=count, gender="female")
        places[name] = place
    return places


def frozen_report(places, hidden_names) -> AuditReport:
    """The autumn 2025 report as published, hiding pupils assigned in ``hidden_names``."""
    pupils = {"Ashford": 30, "Canterbury": 4, "Thanet": 90}
    frozen = report(
        {"start": "2025-09-01", "end": "2026-02-28"},
        [AUTUMN],
        {places[name].pk: count for name, count in pupils.items()},
        [("assigned", DISTRICTS, places[name].pk) for name in hidden_names],
    )
    frozen["terms"] = [{"academic_year": rollup_rows.YEAR, "term": AUTUMN, "label": ""}]
    frozen["districts"]["rows"] = [{**row, "label": str(row["group"])} for row in frozen["districts"]["rows"]]
    return AuditReport.objects.create(
        period_start="2025-09-01", period_end="2026-02-28", status=AuditReportStatus.PUBLISHED, snapshot=frozen
    )


def hides_autumn(place) -> bool:
    """Whether the kept nightly pattern hides the district's pupils assigned in the autumn term."""
    cell = HiddenCell.objects.filter(
        pattern=current_pattern(),
        kind=cube.DISTRICT,
        area=str(place.pk),
        academic_year=rollup_rows.YEAR,
        term=AUTUMN,
        module=cube.ALL,
        year_group=cube.ALL,
        gender=cube.EVERY_GENDER,
    ).first()
    return cell is not None and "assigned" in cell.measures


@pytest.mark.django_db
def test_the_nightly_refresh_hides_what_a_published_report_hides_for_its_term(kent):
    rollup_rows.refreshed()
    assert not hides_autumn(kent["Thanet"])

    frozen_report(kent, ["Canterbury", "Thanet"])
    rollup_rows.refreshed()

    assert hides_autumn(kent["Thanet"]) and hides_autumn(kent["Canterbury"])
    # What the report shows stays shown: it is published for good.
    assert not hides_autumn(kent["Ashford"])
