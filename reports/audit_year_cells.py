"""When a report is frozen: the nightly cells beside its terms (the rest of its year, and every year's).

The dashboard shows, beside a report's terms, the whole academic year and its other terms, and
every year's figures (each term's and the whole): a year is the sum of its terms, and every year's
figure the sum of the years'. So a two-term report (March to August: spring and summer) frozen
beside a shown year gives the autumn (the year less the report's figure), and the autumn shown
gives the report's figure back. When a report is frozen these cells are kept too (``AROUND``),
each with what the current nightly pattern hides, and the report's protection
(``with_terms``) takes them as cells of its set: a cell the pattern shows is
fixed, one it hides is a primary cell, and the other years together (every year's figure less
this year's) are fixed when the pattern shows every other year's cell, else unknown. The lines:
the year is the sum of its terms, every year's figure is this year's plus the other years', and
each term's cells add up across areas as the report's figures do. So the report hides its own
figures where the dashboard's year and every-year figures would give one of them, or a figure the
dashboard hides, away, rather than leaving it to the next night.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast

from reports import disclosure_cube as cube
from reports.audit_terms import TERM_CELL, nightly_hidden_in, report_cells_of, term_cells
from reports.audit_ties import known_from
from reports.disclosure_audit import pinned_cells
from reports.disclosure_linked import Line
from reports.pattern_models import HiddenCell
from reports.terms import Term

# The snapshot's key holding the nightly cells beside the report's terms, and what the pattern hid of them.
AROUND = "nightly_year_cells"
# The other years together, as a year of the cells' keys.
OTHER_YEARS = "other-years"
EVERY_TERM = (cube.ALL, *Term)


def beside(terms: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (year, term) cells beside a report's ``terms`` (``cube.ALL`` for the whole year or every year's):
    its year's other terms and the whole year, and every year's. None for a report spanning two years."""
    years = {year for year, _ in terms}
    if len(years) != 1:
        return []
    (year,) = years
    return [(year, term) for term in EVERY_TERM if (year, term) not in terms] + [(cube.ALL, t) for t in EVERY_TERM]


def year_entries(pattern, report_year: int, cells: Iterable[tuple[int, int, dict]]) -> list[dict]:
    """The snapshot's ``AROUND``: each cell's figures and what ``pattern`` hides of it (two queries a cell)."""
    if pattern is None:
        return []
    entries = []
    for year, term, values in cells:
        entry = {
            "academic_year": year,
            "term": term,
            "values": [[*key, value] for key, value in values.items()],
            "hidden": nightly_hidden_in(pattern, year, term),
        }
        if year == cube.ALL:
            entry["other_years_hidden"] = _other_years_hidden(pattern, report_year, term)
        entries.append(entry)
    return entries


def _other_years_hidden(pattern, year: int, term: int) -> list[list]:
    """The report's cells the pattern hides in any other academic year, for ``term`` (one query)."""
    rows = (
        HiddenCell.objects.filter(pattern=pattern, term=term, module=cube.ALL, year_group=cube.ALL)
        .filter(kind__in=[cube.COUNTY, cube.DISTRICT, cube.FSM])
        .exclude(academic_year__in=[year, cube.ALL])
        .values_list("kind", "area", "gender", "measures")
    )
    return report_cells_of(rows)


def year_cells(snapshot: dict, values: dict, lines: Sequence[Line], terms: dict) -> tuple[dict, list, list, set]:
    """The kept cells beside the report's terms as cells of its set (see the module docstring): their values,
    their lines (with the report's ``terms`` cells, keyed ``(TERM_CELL, year, term, *key)``), primary and fixed."""
    entries = snapshot.get(AROUND) or []
    years = {int(term["academic_year"]) for term in snapshot.get("terms", [])}
    if not entries or len(years) != 1:
        return {}, [], [], set()
    (year,) = years
    cells: dict = {}
    primary: list = []
    fixed: set = set()
    others_hidden: dict[int, set] = {}
    for entry in entries:
        hidden = {tuple(key) for key in entry["hidden"]}
        if entry["academic_year"] == cube.ALL:
            others_hidden[entry["term"]] = {tuple(key) for key in entry.get("other_years_hidden", ())}
        for *key, value in entry["values"]:
            key = tuple(key)
            if key in values:
                cell = (TERM_CELL, entry["academic_year"], entry["term"], *key)
                cells[cell] = int(value)
                (primary.append(cell) if key in hidden else fixed.add(cell))
    every = {**terms, **cells}
    found: list[Line] = []
    for key in values:
        for term, hidden_elsewhere in others_hidden.items():
            whole, this = (TERM_CELL, cube.ALL, term, *key), (TERM_CELL, year, term, *key)
            if whole in every and this in every and every[whole] >= every[this]:
                other = (TERM_CELL, OTHER_YEARS, term, *key)
                cells[other] = every[other] = every[whole] - every[this]
                if key not in hidden_elsewhere:
                    fixed.add(other)
                found.append(Line(whole, (this, other)))
        for place in (year, cube.ALL, OTHER_YEARS):
            found += _sum_line(every, (TERM_CELL, place, cube.ALL, *key), [(TERM_CELL, place, t, *key) for t in Term])
    for place in (year, cube.ALL, OTHER_YEARS):
        for term in EVERY_TERM:
            for line in lines:
                found += _sum_line(
                    every,
                    (TERM_CELL, place, term, *cast(tuple, line.total)),
                    [(TERM_CELL, place, term, *cast(tuple, part)) for part in line.parts],
                )
    return cells, found, primary, fixed


def _sum_line(cells: dict, total: tuple, parts: list[tuple]) -> list[Line]:
    """The line ``total`` = ``parts`` (those kept) when the kept cells add up, else none."""
    present = tuple(part for part in parts if part in cells)
    if total in cells and present and sum(cells[part] for part in present) == cells[total]:
        return [Line(total, present)]
    return []


def with_terms(snapshot: dict, values: dict, lines: list[Line], primary: list) -> tuple[dict, list, list, set]:
    """The report's set with its term cells (``reports.audit_terms.term_cells``) and the cells beside them
    (``year_cells``), and the cells fixed: those the nightly pattern shows and every other cell they give on
    their own (``reports.audit_ties.known_from``)."""
    cells, tie_lines, term_primary, fixed = term_cells(snapshot, values)
    if not cells:
        return values, lines, primary, set()
    around, around_lines, around_primary, around_fixed = year_cells(snapshot, values, lines, cells)
    every_line = [*lines, *tie_lines, *around_lines]
    chosen = [*primary, *term_primary, *around_primary]
    fixed |= around_fixed
    known_from(every_line, fixed, set(chosen))
    every_cell = {**values, **cells, **around}
    fixed |= known_together(every_cell, every_line, fixed, set(chosen))
    return every_cell, every_line, chosen, fixed


def known_together(values: dict, lines: Sequence[Line], fixed: set, primary: set) -> set:
    """The cells not primary that the ``fixed`` cells pin through several lines at once (the year less the
    autumn is the report's figure, though neither term of it is known): hiding one would protect nothing, so
    they are fixed too. The exact audit of ``reports.disclosure_audit``, every cell not fixed taken as hidden."""
    unknown = [key for key in values if key not in fixed]
    touching = [line for line in lines if any(entry not in fixed for entry in line.entries)]
    if not unknown or not touching:
        return set()
    return {key for key in pinned_cells(unknown, touching, values) if key not in primary}
