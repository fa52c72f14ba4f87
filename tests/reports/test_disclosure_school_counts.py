"""The 3-school rule counts a cell's schools one way, in the nightly set and in the audit report alike.

A school takes part in a count when its own count of it is positive (``reports.disclosure_flow.
schools_with_any``): the pupils not kept to the follow-up are a school's survey pairs less those kept, and a
sum of reasons pairs are left out for counts the schools with any of them.
"""

import pytest

from reports import disclosure_cube as cube
from reports.attrition import ALL
from reports.audit_pairs import collect_left_out, pair_cells
from reports.disclosure_flow import LEFT_OUT_FIELDS, NOT_RETAINED, schools_with_any
from reports.models import ProgressRollup

from . import rollup_rows
from .test_audit_ties import AUTUMN, YEAR

T = 10
SCHOOLS = {
    f"1{n}": cube.SchoolInfo(district="1", phase="Secondary", kind="Academy", fsm="low", locality="urban")
    for n in range(3)
}
COUNTY = (cube.COUNTY, "", YEAR, AUTUMN, cube.ALL, cube.ALL, cube.EVERY_GENDER)
# Three schools with quiz pairs left out: two in the wrong order (6 and 4), one of unknown order (5).
LEFT = {"10": ("knowledge_wrong_order", 6), "11": ("knowledge_wrong_order", 4), "12": ("knowledge_order_unknown", 5)}


@pytest.fixture
def threshold_10(settings):
    settings.SUPPRESSION_THRESHOLD = T


def test_a_school_takes_part_in_a_difference_or_a_sum_when_its_own_is_positive():
    rows = [
        {"survey_pairs": 20, "follow_up_retained": 20, "knowledge_wrong_order": 6, "knowledge_order_unknown": 0},
        {"survey_pairs": 20, "follow_up_retained": 10, "knowledge_wrong_order": 0, "knowledge_order_unknown": 5},
        {"survey_pairs": 0, "follow_up_retained": None, "knowledge_wrong_order": 4, "knowledge_order_unknown": 3},
    ]
    assert schools_with_any(rows, "survey_pairs") == 2
    assert schools_with_any(rows, NOT_RETAINED) == 1
    assert schools_with_any(rows, "knowledge_left_out") == 3
    assert schools_with_any(rows, "knowledge_wrong_order") == 2


def test_the_report_hides_pupils_not_kept_to_the_follow_up_from_fewer_than_3_schools(threshold_10):
    """Survey pairs in 3 schools (20 each); every pupil of the first kept to the follow-up, 10 of each other
    lost: 20 pupils not kept, all from 2 schools. The nightly set hides such a cell."""
    schools = [{"survey_pairs": 20, "follow_up_retained": kept} for kept in (20, 10, 10)]
    values, _, primary = pair_cells({"attrition": {"schools": schools, "scales": []}})

    assert values[(NOT_RETAINED, ALL)] == 20
    assert (NOT_RETAINED, ALL) in primary
    assert ("survey_pairs", ALL) not in primary


def nightly_hides_left_out() -> tuple[bool, int]:
    names = cube.PROGRESS_MEASURES
    rows = []
    for school, (reason, count) in LEFT.items():
        kept = [0] * len(names)
        kept[names.index("assigned")] = kept[names.index("started")] = 30
        kept[names.index(reason)] = count
        rows.append((school, YEAR, AUTUMN, 7, 9, "female", *kept))
    table = cube.progress_table(rows, SCHOOLS)
    n = cube.TABLE_MEASURES.index("knowledge_left_out")
    return COUNTY in cube.primary(table, cube.lines_of(table.values, SCHOOLS), n, T), table.schools[COUNTY][n]


@pytest.mark.django_db
def test_the_report_and_the_nightly_set_count_the_schools_of_a_left_out_sum_alike(module, threshold_10):
    place = rollup_rows.district("Ashford", "E07000105")
    for reason, count in LEFT.values():
        row = rollup_rows.progress(rollup_rows.school(place), module, term=AUTUMN, assigned=30, gender="female")
        ProgressRollup.objects.filter(pk=row.pk).update(**{reason: count})
    left_out = collect_left_out(ProgressRollup.objects.all())
    nightly_hides, nightly_schools = nightly_hides_left_out()
    _, _, primary = pair_cells({"left_out": left_out})

    assert left_out["knowledge_wrong_order"] == [10, 2] and left_out["knowledge_order_unknown"] == [5, 1]
    assert left_out["knowledge_left_out"] == [15, 3] and nightly_schools == 3
    # 15 pairs from 3 schools: shown by both.
    assert not nightly_hides and ("knowledge_left_out", ALL) not in primary
    assert {name for name in LEFT_OUT_FIELDS if (name, ALL) in primary} >= {"knowledge_wrong_order"}
