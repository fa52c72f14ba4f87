"""The audit report's tables protected together: one linked set per frozen half-year.

A published report shows several tables about the same pupils: the headline (pupils assigned,
started, completed, passed), uptake by district, and the attrition flow by district, free school
meals band and gender. Suppressed each on its own, a figure hidden in one can be worked out from
the others (the flow's pupils assigned of a district is the uptake table's, the same figure). So
when a period's report is frozen, every figure of its tables is a cell of one linked set, with
the nightly pattern's primary rules (fewer than the threshold of pupils, or fewer than 3 schools
above school level) and ``reports.disclosure_linked.protect``'s secondary suppression across
every line linking them:

- each uptake measure: the districts add up to the county (the headline);
- the flow's lines (``reports.audit_attrition.flow_cells``): within a row, pupils assigned =
  opted out + withdrawn + in the evaluation and each step = lost after it + the next step; each
  breakdown's rows add up to the area's;
- the flow's pupils assigned (of the county and of each district) *is* the uptake's: one cell.

The hidden cells are stored in the snapshot (``HIDDEN``) when it is taken, and the report shows
only that pattern. A report frozen before the pattern was kept has none: its tables are worked
out as they were published then (each on its own).

The changes (knowledge and scales) are of matched pairs, which no other figure of the report
adds up to, so they keep their own primary rule (``reports.audit_changes``); so do the follow-up
figures (``reports.follow_up``: survey pairs and those kept to the follow-up, counts no line of
the flow adds up to, the flow's matched pupils having a quiz or a survey pair).

The same pupils in the nightly pattern (``reports.published_pattern``): a report covers the terms
that ended in its half-year (``reports.audit_periods.terms_ending_in``), and the nightly set has a
cell for each county and district term, at every module, year group and gender. With the default
dates the September-to-February report covers one term, the autumn: its county and district
figures (uptake and flow) *are* the nightly cells of that academic year's autumn term, while the
rollups are unchanged. The March-to-August report is the spring and summer terms: the sum of two
nightly cells, i.e. the year's cell less its autumn term's. So when a one-term report is frozen,
the figures the nightly pattern hides for that term (``nightly_hidden``, kept in the snapshot as
``NIGHTLY``) are hidden here too, as primary cells. Every report, of one term or two, also keeps
each term's figures and what the nightly pattern hides for that term (``reports.audit_terms``):
its figures are tied to them by lines, and a term figure the nightly pattern shows cannot be
hidden, so no combination of the report's shown figures and the dashboard's term figures pins a
figure hidden here. The dashboard's figures beside those terms (the rest of the year, the whole
year and every year's) are kept and taken alike (``reports.audit_year_cells``): a two-term report
less the year it sits in would otherwise give a hidden autumn. Each night the nightly pattern reads the
published reports' patterns (``reports.audit_ties``): a figure hidden here is hidden there for its
terms, a figure shown here is never hidden there to protect another, and a two-term report is
tied to its two terms so that neither adds back up to a hidden figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, cast

from reports.attrition import ALL
from reports.audit_attrition import flow_cells, flow_of
from reports.audit_pairs import pair_cells
from reports.audit_terms import DISTRICTS, nightly_hidden_in
from reports.audit_year_cells import with_terms
from reports.dashboard_export import DISTRICTS as DISTRICT_LABELS
from reports.dashboard_export import MEASURES, UptakeRow, UptakeTable
from reports.disclosure import SUPPRESSED, Shown, is_disclosive, threshold
from reports.disclosure_linked import Line, protect
from reports.published_pattern import current_pattern

# The snapshot's key holding the cells the nightly pattern hid for the report's one term when it was frozen.
NIGHTLY = "nightly_hidden"
# The snapshot's key holding the hidden cells (each a list, a cell being ``(name, *row)``).
HIDDEN = "hidden"
# The snapshot's key saying its matched pairs and follow-up counts are cells of the set (``reports.audit_pairs``).
PAIRS_IN_SET = "pairs_in_set"
# The uptake measures by their cell names: pupils assigned is the flow's own cell.
CELL_NAMES = {"pupils_assigned": "assigned"}


def cell_name(measure: str) -> str:
    return CELL_NAMES.get(measure, measure)


def report_cells(snapshot: dict) -> tuple[dict, list[Line], list]:
    """Every figure the report's tables show (values), the lines linking them, and the primary cells."""
    uptake, districts = snapshot["uptake"], snapshot["districts"]
    values: dict = {}
    lines: list[Line] = []
    primary: list = []
    for measure, _ in MEASURES:
        name = cell_name(measure)
        county = (name, ALL)
        values[county] = int(uptake[measure])
        if is_disclosive(values[county], uptake["schools"]):
            primary.append(county)
        parts = []
        for row in districts["rows"]:
            key = (name, DISTRICTS, row["group"])
            values[key] = int(row[measure])
            parts.append(key)
            if is_disclosive(values[key], row["schools"]):
                primary.append(key)
        lines.append(Line(county, tuple(parts)))
    if snapshot.get("attrition"):
        flow, breakdowns = flow_of(snapshot["attrition"])
        flow_lines, flow_primary = flow_cells(flow, breakdowns)
        for key, value in flow.values.items():
            values.setdefault(key, value)
        lines += flow_lines
        primary += flow_primary
    pair_values, pair_lines, pair_primary = pair_cells(snapshot)
    values.update(pair_values)
    lines += pair_lines
    primary += pair_primary
    primary += [key for key in map(tuple, snapshot.get(NIGHTLY, ())) if key in values]
    return values, lines, primary


def nightly_hidden(terms: Sequence[tuple[int, int]]) -> list[list]:
    """The report's cells the current nightly pattern hides, for a report of one term (none for more; a two-term
    report keeps each term's, ``reports.audit_terms``): one query after ``current_pattern``'s two."""
    pattern = current_pattern() if len(terms) == 1 else None
    if pattern is None:
        return []
    ((year, term),) = terms
    return nightly_hidden_in(pattern, year, term)


def protected(snapshot: dict) -> dict:
    """The snapshot with the cells hidden across all its tables together (``HIDDEN``)."""
    values, lines, primary = report_cells(snapshot)
    cells, every_line, chosen, fixed = with_terms(snapshot, values, lines, primary)
    hidden = protect(cells, every_line, chosen, threshold=threshold(), fixed=fixed).hidden
    # Every cell of the report is a tuple ``(name, *row)`` (``report_cells``); JSON keeps it as a list. The
    # term cells are the nightly pattern's to show or hide.
    return {
        **snapshot,
        HIDDEN: sorted((list(cast(tuple, key)) for key in hidden if key in values), key=repr),
        PAIRS_IN_SET: True,
    }


def pair_pattern(snapshot: dict) -> set[tuple] | None:
    """The stored pattern, for a report whose pairs and follow-up counts are cells of it (else None)."""
    return hidden_cells(snapshot) if snapshot.get(PAIRS_IN_SET) else None


def hidden_cells(snapshot: dict) -> set[tuple] | None:
    """The stored pattern as a set of cells, or None for a report frozen before it was kept."""
    stored: Iterable | None = snapshot.get(HIDDEN)
    return None if stored is None else {tuple(key) for key in stored}


def shown(hidden: set[tuple], measure: str, value: int, *row) -> Shown:
    """A figure of the report as the stored pattern shows it."""
    return SUPPRESSED if (cell_name(measure), *(row or (ALL,))) in hidden else value


def district_table(snapshot: dict, hidden: set[tuple]) -> UptakeTable:
    """Uptake by district as the stored pattern shows it."""
    districts, uptake = snapshot["districts"], snapshot["uptake"]
    rows = tuple(
        UptakeRow(
            label=row["label"],
            schools=row["schools"],
            counts=tuple(shown(hidden, name, row[name], DISTRICTS, row["group"]) for name, _ in MEASURES),
        )
        for row in districts["rows"]
    )
    total = UptakeRow(
        label=DISTRICT_LABELS["total_label"],
        schools=districts["schools"],
        counts=tuple(shown(hidden, name, uptake[name]) for name, _ in MEASURES),
    )
    return UptakeTable(
        title=DISTRICT_LABELS["title"], row_heading=DISTRICT_LABELS["row_heading"], rows=rows, total=total
    )


def hidden_proportions(proportions: Sequence[Any], hidden: set[tuple]) -> list:
    """The headline rates (started, completed, passed) with those the pattern hides hidden, interval and all."""
    assigned_hidden = (cell_name("pupils_assigned"), ALL) in hidden
    return [
        replace(p, count=SUPPRESSED, percent=SUPPRESSED, ci_low=SUPPRESSED, ci_high=SUPPRESSED)
        if assigned_hidden or (cell_name(name), ALL) in hidden
        else p
        for p, (name, _) in zip(proportions, MEASURES[1:], strict=True)
    ]
