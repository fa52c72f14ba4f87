"""Helpers for the attacks that combine nights of the dashboard with frozen audit reports.

A night's protection of pupils who started (three districts of three schools, ``test_audit_ties``),
a report frozen from that night's pattern as ``reports.audit_protection.protected`` freezes it, and
an independent audit (linear programmes) of everything an attacker holds: the night's shown
figures, the figures known from earlier nights, and every frozen report's shown figures.
"""

from reports import disclosure_cube as cube
from reports.audit_frozen import add_report
from reports.audit_protection import HIDDEN, NIGHTLY, protected, report_cells
from reports.audit_terms import TERMS, report_row
from reports.audit_ties import Ties
from reports.audit_year_cells import AROUND, beside
from reports.publication import protect_over_time
from reports.terms import Term

from .disclosure_checks import recoverable_cells
from .test_audit_ties import SCHOOLS, YEAR, T, report, table_of

NAME = "pupils_started"


def night(started, ties=None, last_shown=None):
    """(table, hidden cells, values last shown once published) of one night of pupils who started."""
    table = table_of(started)
    prot, shown = protect_over_time(table, SCHOOLS, T, names=["started"], last_shown=last_shown or {}, ties=ties)
    return table, prot["started"].hidden, shown


def district(area: str, term: int) -> tuple:
    """A district's term cell (term 0: the whole year) of pupils who started, as a key of the attack."""
    return ("started", (cube.DISTRICT, area, YEAR, term, cube.ALL, cube.ALL, cube.EVERY_GENDER))


def district_sums(started, terms):
    return {int(d): sum(sum(started.get((d, t), (0, 0, 0))) for t in terms) for d in "123"}


def hidden_for(hidden, term, academic_year=YEAR):
    """The report's cells of the night's ``hidden`` cells for one term (``cube.ALL``: the whole year)."""
    found = []
    for key in hidden:
        kind, area, year, t, module, yg, gender = key
        if year == academic_year and t == term and module == cube.ALL and yg == cube.ALL:
            row = report_row(kind, area, gender)
            if row is not None:
                found.append([NAME, *row])
    return found


def freeze(started, terms, period, night_hidden):
    """The report as ``protected`` freezes it, reading the night's pattern for its terms."""
    snap = report(period, terms, district_sums(started, terms), [])
    del snap[HIDDEN]

    def figures(of_terms):
        found = report(period, of_terms, district_sums(started, of_terms), [])
        return {key: value for key, value in report_cells(found)[0].items() if key[0] == NAME}

    snap[TERMS] = [
        {
            "academic_year": YEAR,
            "term": term,
            "values": [[*key, value] for key, value in figures([term]).items()],
            "hidden": hidden_for(night_hidden, term),
        }
        for term in terms
    ]
    snap[NIGHTLY] = hidden_for(night_hidden, terms[0]) if len(terms) == 1 else []
    # The cells beside the report's terms; the one year of figures is every year's too.
    snap[AROUND] = [
        {
            "academic_year": year,
            "term": term,
            "values": [[*key, value] for key, value in figures([term] if term else list(Term)).items()],
            "hidden": hidden_for(night_hidden, term, year),
            **({"other_years_hidden": []} if year == cube.ALL else {}),
        }
        for year, term in beside([(YEAR, term) for term in terms])
    ]
    return protected(snap)


def attack(table, shown_night, frozen_reports):
    """Hidden cells pinned by every night figure in ``shown_night`` and every report figure shown."""
    ties = Ties()
    for frozen in frozen_reports:
        add_report(ties, frozen)
    ties = ties.of([NAME, "started"])
    values = {("started", key): counts[0] for key, counts in table.values.items()}
    values.update(ties.frozen)
    lines = [
        (("started", line.total), tuple(("started", part) for part in line.parts))
        for line in cube.lines_of(table.values, SCHOOLS)
    ]
    for key, parts in ties.terms.items():
        present = tuple(("started", part[1]) for part in parts if ("started", part[1]) in values)
        if sum(values[part] for part in present) == values[key]:
            lines.append((key, present))
    lines += [(line.total, line.parts) for line in ties.lines]
    shown = {("started", key) for key in shown_night} | {key for key in ties.frozen if key not in ties.hidden}
    return {key: values[key] for key in recoverable_cells(values, lines, shown)}
