"""When a report is frozen: the nightly term cells it adds up, as cells of its own protection.

A report covering two terms (March to August: spring and summer) shows figures that are each the
sum of two nightly cells (``reports.audit_ties``). When it is frozen, each term's figures (the
same tables, from that term's rollups) and the cells the current nightly pattern hides for that
term are kept in the snapshot (``TERMS``), and the report's protection
(``reports.audit_protection.protected``) takes them as cells of its set: each report figure is
the sum of its term cells (a line), a term cell the nightly pattern hides is a primary cell, and
one it shows is fixed (published already: never chosen to hide). So the report hides no figure
its shown figures and the dashboard's term figures together give away, and shows none whose
terms the dashboard hides one of and shows the other (the report less the shown term gives it).
A one-term report's figures are its term's cells, so the same rule makes a figure the nightly
pattern shows a fixed one here too.
"""

from __future__ import annotations

from collections.abc import Iterable

from reports import disclosure_cube as cube
from reports.attrition import ALL
from reports.disclosure_linked import Line
from reports.pattern_models import HiddenCell
from reports.published_pattern import current_pattern

# The snapshot's key holding each term's figures and the cells the nightly pattern hid for it when frozen.
TERMS = "nightly_terms"
DISTRICTS = "districts"
# The nightly set's measures by the report's cell names (the flow's steps and losses are named alike).
NIGHTLY_NAMES = {"started": "pupils_started", "completed": "pupils_completed", "passed": "pupils_passed"}
# A kept nightly cell of the report's set is keyed ``(TERM_CELL, year, term, *report key)``.
TERM_CELL = "nightly"


def report_row(kind: str, area: str, gender: str) -> tuple | None:
    """The report's row of a nightly area (county, district, free school meals band, county by gender)."""
    if kind == cube.COUNTY:
        return (ALL,) if gender == cube.EVERY_GENDER else ("gender", gender)
    if gender != cube.EVERY_GENDER:
        return None
    if kind == cube.DISTRICT:
        return (DISTRICTS, None if area == cube.NO_DISTRICT else int(area))
    if kind == cube.FSM:
        return ("fsm", area)
    return None


def nightly_hidden_in(pattern, year: int, term: int) -> list[list]:
    """The report's cells ``(name, *row)`` the nightly ``pattern`` hides for one term (one query)."""
    rows = HiddenCell.objects.filter(
        pattern=pattern,
        kind__in=[cube.COUNTY, cube.DISTRICT, cube.FSM],
        academic_year=year,
        term=term,
        module=cube.ALL,
        year_group=cube.ALL,
    ).values_list("kind", "area", "gender", "measures")
    return report_cells_of(rows)


def report_cells_of(rows: Iterable[tuple[str, str, str, list[str]]]) -> list[list]:
    """The report's cells ``(name, *row)`` of stored hidden-cell rows ``(kind, area, gender, measures)``."""
    found = []
    for kind, area, gender, measures in rows:
        row = report_row(kind, area, gender)
        if row is not None:
            found += [[NIGHTLY_NAMES.get(measure, measure), *row] for measure in measures]
    return found


def term_entries(terms: Iterable[tuple[int, int, dict]]) -> list[dict]:
    """The snapshot's ``TERMS``: for each (year, term, figures by cell), its figures and what the current
    nightly pattern hides for it. None while no pattern is kept: the dashboard has shown nothing yet."""
    pattern = current_pattern()
    if pattern is None:
        return []
    entries = []
    for year, term, values in terms:
        hidden = nightly_hidden_in(pattern, year, term)
        entries.append(
            {
                "academic_year": year,
                "term": term,
                "values": [[*key, value] for key, value in values.items()],
                "hidden": hidden,
            }
        )
    return entries


def term_cells(snapshot: dict, values: dict) -> tuple[dict, list[Line], list, set]:
    """The kept term cells as cells of the report's set: their values, the lines tying each report figure
    to them, the primary ones (hidden by the nightly pattern) and the fixed ones (shown by it)."""
    entries = snapshot.get(TERMS) or []
    cells: dict = {}
    primary: list = []
    fixed: set = set()
    parts: dict = {key: [] for key in values}
    for entry in entries:
        hidden = {tuple(key) for key in entry["hidden"]}
        for *key, value in entry["values"]:
            key = tuple(key)
            if key not in values:
                continue
            cell = (TERM_CELL, entry["academic_year"], entry["term"], *key)
            cells[cell] = int(value)
            parts[key].append(cell)
            (primary.append(cell) if key in hidden else fixed.add(cell))
    lines = [
        Line(key, tuple(found))
        for key, found in parts.items()
        if found and sum(cells[cell] for cell in found) == values[key]
    ]
    return cells, lines, primary, fixed
