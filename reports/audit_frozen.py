"""The published audit reports read as cells of the nightly pattern (``reports.audit_ties`` says the rule).

Kept apart from ``reports.audit_protection`` so the nightly pattern can read the frozen reports: the
report's protection reads the nightly pattern when a report is frozen, and the nightly pattern
reads the reports each night.
"""

from __future__ import annotations

from typing import Any

from reports import disclosure_cube as cube
from reports.attrition import ALL
from reports.audit_models import AuditReport
from reports.audit_protection import hidden_cells, report_cells
from reports.audit_terms import DISTRICTS, NIGHTLY_NAMES
from reports.audit_ties import REPORT, Ties
from reports.disclosure_linked import Line

# The report's cell names by the nightly measures they are (the flow's steps and losses are named alike).
MEASURE_OF = {name: measure for measure, name in NIGHTLY_NAMES.items()}


def nightly_area(row: tuple) -> tuple[str, str, str] | None:
    """The nightly (area kind, area, gender) of a report row, or None for a row the nightly set does not have."""
    if row == (ALL,):
        return cube.COUNTY, "", cube.EVERY_GENDER
    kind, value = row
    if kind == DISTRICTS:
        return cube.DISTRICT, cube.NO_DISTRICT if value is None else str(value), cube.EVERY_GENDER
    if kind == "fsm":
        return cube.FSM, str(value), cube.EVERY_GENDER
    if kind == "gender":
        return cube.COUNTY, "", str(value)
    return None


def add_report(ties: Ties, snapshot: dict) -> None:
    """Add one frozen report (its snapshot with the stored pattern) to ``ties``."""
    hidden = hidden_cells(snapshot)
    if hidden is None:
        return
    values, lines, _ = report_cells(snapshot)
    terms = [(int(term["academic_year"]), int(term["term"])) for term in snapshot["terms"]]
    start = snapshot["period"]["start"]

    def cell(key: Any) -> tuple:
        name, *row = key
        return MEASURE_OF.get(name, name), (REPORT, start, *row)

    for key, value in values.items():
        area = nightly_area(tuple(key[1:]))
        if area is None or not terms:
            continue
        kind, place, gender = area
        measure, report_key = cell(key)
        ties.terms[measure, report_key] = tuple(
            (measure, (kind, place, year, term, cube.ALL, cube.ALL, gender)) for year, term in terms
        )
        ties.frozen[measure, report_key] = int(value)
        if key in hidden:
            ties.hidden.add((measure, report_key))
    ties.lines += [
        Line(cell(line.total), tuple(cell(part) for part in line.parts))
        for line in lines
        if all(cell(entry) in ties.terms for entry in line.entries)
    ]


def frozen_ties() -> Ties:
    """The ties of every published report whose pattern was kept (one query)."""
    ties = Ties()
    for snapshot in AuditReport.objects.published().order_by("period_start").values_list("snapshot", flat=True):
        add_report(ties, snapshot)
    return ties
