"""The audit report's tables protected together: no hidden figure follows from the shown ones of all its tables."""

import pytest
from django.utils import timezone

from reports.attrition import ALL, LOSSES, STEPS
from reports.audit_attrition import flow_of
from reports.audit_protection import DISTRICTS, HIDDEN, NIGHTLY, cell_name, protected, report_cells
from reports.audit_publish import render_report_html
from reports.audit_report import report_figures
from reports.dashboard_export import MEASURES
from reports.disclosure import SUPPRESSED
from reports.disclosure_audit import pinned_cells

from .test_audit_report import snapshot

# Four districts of 3 schools each. Canterbury's 4 pupils are hidden everywhere (fewer than 10). Thanet and the
# schools with no district recorded tie at 90 pupils assigned, so each table hides one of them beside Canterbury:
# the uptake table lists its rows by name ("Not recorded" before "Thanet") and hides the first; the flow lists
# the schools with no district last and hides Thanet. Each table alone gives only that the two hidden districts
# add up to 94; together they show Thanet (uptake) and the schools with no district (flow), and the county's
# 384 pupils give Canterbury away: 384 - 200 - 90 - 90 = 4.
DISTRICT_PUPILS = {1: ("Ashford", 200), 2: ("Canterbury", 4), 3: ("Thanet", 90), None: ("", 90)}


def _flow(assigned: int) -> list[int]:
    """One school's pupils of one gender: 1 opted out, 1 withdrawn, 1 lost at each step (a district: 6 each)."""
    if assigned < 15:
        return [assigned, 0, 0, *[assigned] * 6]
    steps = [assigned - 2 - lost for lost in range(6)]
    return [assigned, 1, 1, *steps]


def attack_snapshot() -> dict:
    flow, rows, school = [], [], 0
    for district, (name, pupils) in DISTRICT_PUPILS.items():
        for share in (pupils - 2 * (pupils // 3), pupils // 3, pupils // 3):
            school += 1
            for gender, part in (("female", share - share // 2), ("male", share // 2)):
                flow.append([school, district, "20_to_30", gender, *_flow(part)])
        rows.append({"group": district, "label": name or "Not recorded", "schools": 3, **_uptake(pupils)})
    rows.sort(key=lambda row: row["label"])
    total = sum(pupils for _, pupils in DISTRICT_PUPILS.values())
    return snapshot(
        version=2,
        uptake={"schools": school, **_uptake(total)},
        districts={"rows": rows, "schools": school},
        attrition={
            "flow": flow,
            "districts": {str(pk): name for pk, (name, _) in DISTRICT_PUPILS.items() if pk},
            "schools": [],
            "scales": [],
        },
    )


def _uptake(pupils: int) -> dict:
    return {measure: pupils for measure, _ in MEASURES}


def shown_figures(snap: dict) -> dict:
    """Every cell of the report as its tables show it: a cell any table shows is shown."""
    figures = report_figures(snap)
    seen: dict = {}

    def see(key, value):
        if seen.get(key) in (None, SUPPRESSED):
            seen[key] = value

    see((cell_name("pupils_assigned"), ALL), figures.assigned)
    for proportion, (name, _) in zip(figures.proportions, MEASURES[1:], strict=True):
        see((cell_name(name), ALL), proportion.count)
    for row, uptake in zip(figures.districts.rows, snap["districts"]["rows"], strict=True):
        for value, (name, _) in zip(row.counts, MEASURES, strict=True):
            see((cell_name(name), DISTRICTS, uptake["group"]), value)
    for value, (name, _) in zip(figures.districts.total.counts, MEASURES, strict=True):
        see((cell_name(name), ALL), value)
    flow, breakdowns = flow_of(snap["attrition"])
    for table, breakdown in zip(figures.attrition.tables, breakdowns, strict=True):
        keyed = [(breakdown.key, category.key) for category in flow.kept[breakdown.key]]
        for row, key in [*zip(table.rows, keyed, strict=True), (table.total, (ALL,))]:
            for name, value in [*zip(STEPS, row.cells, strict=True), *zip(LOSSES, row.lost, strict=True)]:
                see((name, *key), value)
    return seen


def pinned(snap: dict) -> list:
    """The hidden cells of the report that the shown figures of all its tables pin to one value."""
    values, lines, _ = report_cells(snap)
    seen = shown_figures(snap)
    hidden = [key for key, value in seen.items() if value == SUPPRESSED]
    assert all(seen[key] == values[key] for key in seen if key not in hidden)
    touching = [line for line in lines if any(key in hidden for key in line.entries)]
    return pinned_cells(hidden, touching, values)


@pytest.fixture
def threshold_10(settings):
    settings.SUPPRESSION_THRESHOLD = 10


def test_tables_protected_each_on_their_own_give_a_hidden_district_away(threshold_10):
    # The report as it was built before its tables were protected together (and as old reports still are).
    assert ("assigned", DISTRICTS, 2) in pinned(attack_snapshot())


def test_a_frozen_report_hides_nothing_its_tables_together_give_away(threshold_10):
    frozen = protected(attack_snapshot())

    assert ["assigned", DISTRICTS, 2] in frozen[HIDDEN]
    assert pinned(frozen) == []


def test_a_frozen_report_shows_the_stored_pattern_and_says_its_tables_are_protected_together(threshold_10):
    frozen = protected(snapshot())
    # A cell the stored pattern hides is hidden, though its own count would be shown.
    frozen[HIDDEN].append(["pupils_started", ALL])
    figures = report_figures(frozen)
    html = render_report_html(snapshot=frozen, built_at=timezone.now())

    assert (figures.proportions[0].count, figures.proportions[0].percent) == (SUPPRESSED, SUPPRESSED)
    assert figures.proportions[1].count == 60
    assert "The report's tables are protected together" in html


def test_a_report_frozen_before_keeps_its_tables_protected_each_on_their_own(threshold_10):
    old = attack_snapshot()
    figures = report_figures(old)

    # Uptake by district as it was published: the "Not recorded" row hidden beside Canterbury, Thanet shown.
    assert [row.counts[0] for row in figures.districts.rows] == [200, SUPPRESSED, SUPPRESSED, 90]
    assert not figures.protected_together
    assert "protected together" not in render_report_html(snapshot=old, built_at=timezone.now())


def test_a_figure_the_nightly_pattern_hid_for_the_term_is_hidden_in_the_frozen_report(threshold_10):
    # Ashford's 200 pupils would be shown; the nightly pattern hid them for the report's one term.
    frozen = protected({**attack_snapshot(), NIGHTLY: [["assigned", DISTRICTS, 1]]})
    figures = report_figures(frozen)

    assert figures.districts.rows[0].counts[0] == SUPPRESSED
    assert figures.attrition.tables[0].rows[0].cells[0] == SUPPRESSED
    assert pinned(frozen) == []
