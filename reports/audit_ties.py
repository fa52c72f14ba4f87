"""Frozen audit reports as cells of the nightly pattern: what a report shows or hides ties the terms it covers.

A report (``reports.audit_protection``) covers the terms that ended in its half-year. Each of its
figures is about the same pupils as the nightly set's cells of those terms
(``reports.disclosure_cube``): the county, a district or a free school meals band, at every module
and year group, with every gender or one (the flow by gender). A one-term report's figure *is* the
term's nightly cell; a two-term report's (March to August: spring and summer) is the sum of the two.

The rule: every frozen report's figures are cells of the nightly set, each with a line saying it is
the sum of its term cells (``tie_lines``), and the report's own lines (its districts add up to the
county, the flow within a row and by breakdown). The report's hidden figures are primary cells;
its shown figures are shown cells that can never be hidden (``fixed``: they are published for
good), so the secondary suppression hides a term cell instead. The nightly audit then covers the
report's figures with its own. So:

- a one-term report: a figure it hides is hidden that night for its term (its line has two
  entries, one hidden), and a figure it shows is never needed hidden to protect another;
- a two-term report: a hidden figure keeps at least one of its term cells hidden (else the two
  terms add back up to it), a shown figure never has exactly one term cell hidden (the report
  less the shown term would give it), and no combination of the report's figures with the
  nightly ones pins a hidden cell (the exact audit of each linked group).
- Time: a shown figure whose term cells now add up to 1 to threshold - 1 pupils more or fewer
  than the report showed (a late erasure or correction) has its term cells hidden, as the
  nightly time rule does (``reports.publication``), and is tied to them by no line.
- What the reports show gives some nightly cells on its own: a one-term report's shown figure is
  its term cell, and a year whose terms the reports show is their sum (``year_lines``). Such a
  cell is fixed too (``known_from``), unless a primary rule hides it: hiding it would protect
  nothing, and the audit would find it pinned whatever else were hidden.

Why it is safe: the relation between a report and the nightly cells is exactly these lines (a
report's figure is the sum of its terms' cells), every figure the reports show is a shown cell of
the set, and ``reports.disclosure_linked.protect`` hides until the exact audit of each linked
group pins no hidden cell, choosing only cells that are not fixed. A hidden cell could stay pinned
only where every entry of its group's lines is fixed or hidden, that is by the reports' figures
alone, which each report's own audit ruled out when it was frozen.

``reports.audit_frozen.frozen_ties`` reads the reports; reports frozen before their pattern was kept
(no stored hidden cells) are not read. Cells are keyed
``(measure, (REPORT, period start, *row))`` so they never collide with the nightly set's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from reports import disclosure_cube as cube
from reports.disclosure import is_moved_by_a_few
from reports.disclosure_linked import Line
from reports.terms import Term

REPORT = "audit-report"
Key = Hashable


def is_report_cell(key: object) -> bool:
    """Whether a key of the nightly set's protection is a report's figure (never stored as a nightly cell)."""
    return isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], tuple) and key[1][:1] == (REPORT,)


@dataclass
class Ties:
    """Every frozen report's figures as nightly cells: their term cells, values as frozen, hidden ones, lines."""

    terms: dict[tuple, tuple[tuple, ...]] = field(default_factory=dict)
    frozen: dict[tuple, int] = field(default_factory=dict)
    hidden: set[tuple] = field(default_factory=set)
    lines: list[Line] = field(default_factory=list)

    def of(self, measures: Iterable[str]) -> Ties:
        """The ties of these measures only (one family of the nightly set)."""
        wanted = set(measures)
        terms = {key: parts for key, parts in self.terms.items() if key[0] in wanted}
        return Ties(
            terms=terms,
            frozen={key: self.frozen[key] for key in terms},
            hidden={key for key in self.hidden if key in terms},
            lines=[line for line in self.lines if all(entry in terms for entry in line.entries)],
        )


def known_from(lines: Sequence[Line], fixed: set, primary: set) -> None:
    """Add to ``fixed`` every cell the fixed cells give on their own (a line with one entry not fixed): what the
    reports show for good gives it already, so hiding it would protect nothing (and every other entry of its
    line is fixed, so no other could be hidden for it). A primary cell stays hidden all the same."""
    if not fixed:
        return
    lines_of: dict[Key, list[int]] = defaultdict(list)
    for n, line in enumerate(lines):
        for entry in line.entries:
            lines_of[entry].append(n)
    pending = [n for key in fixed for n in lines_of.get(key, ())]
    while pending:
        unknown = [entry for entry in lines[pending.pop()].entries if entry not in fixed]
        if len(unknown) == 1 and unknown[0] not in primary:
            (key,) = unknown
            fixed.add(key)
            pending.extend(lines_of[key])


def tie_lines(ties: Ties, values: dict, primary: set, threshold: int) -> tuple[list[Line], set]:
    """Put the reports' figures into one family's ``values`` and ``primary``; return the lines and the fixed cells.

    Each figure has its value as frozen. A hidden one is a primary cell tied to its term cells. A shown one is
    fixed, and tied to its term cells while they still add up to it; when they have moved by 1 to
    threshold - 1 since it was frozen, they are primary cells instead (moved by more, they are a new figure).
    """
    lines: list[Line] = []
    fixed: set = set()
    for key, parts in ties.terms.items():
        present = tuple(part for part in parts if part in values)
        values[key] = frozen = ties.frozen[key]
        if key in ties.hidden:
            primary.add(key)
        else:
            fixed.add(key)
            now = sum(values[part] for part in present)
            if now != frozen:
                if is_moved_by_a_few(now, frozen, threshold):
                    primary.update(present)
                continue
        if present:
            lines.append(Line(key, present))
    return lines + ties.lines, fixed


def year_lines(ties: Ties, values: dict, tied: Iterable[Line]) -> list[Line]:
    """For each figure ``tied`` to its terms: its year's cell (every term) is the figure plus the year's other terms.

    Lines the set implies (the year is the sum of its terms, the figure of some of them), for ``known_from``:
    a year whose terms the reports show for good is shown for good too.
    """
    found = []
    totals = {line.total for line in tied if not is_report_cell(line.parts[0])}
    for key, parts in ties.terms.items():
        if key not in totals:
            continue
        cells = [cell for _, cell in parts]
        if len({cell[2] for cell in cells}) != 1:
            continue
        kind, area, year, _, module, year_group, gender = cells[0]
        measure = parts[0][0]
        whole = (measure, (kind, area, year, cube.ALL, module, year_group, gender))
        covered = {cell[3] for cell in cells}
        others = tuple(
            (measure, (kind, area, year, term, module, year_group, gender))
            for term in Term
            if term not in covered and (measure, (kind, area, year, term, module, year_group, gender)) in values
        )
        if whole in values:
            found.append(Line(whole, (key, *others)))
    return found
