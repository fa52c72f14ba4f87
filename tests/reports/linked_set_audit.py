"""Random linked table sets and their independent audit, for the property test and ``benchmarks/disclosure_audit.py``.

A random small county (``random_table_set``) is turned into every cell the pages can show
(``reports.disclosure_cube``), with the attrition flow, the follow-up's retention, the pairs left
out and those left out as off the protocol in every cell, and a survey scale's pairs (before and
after, alpha, before and at follow-up). It is protected as the nightly refresh does
(``reports.publication.protect_over_time``, nothing shown before), then audited here, apart from
the module: every measure of a table at once, with the lines across cells for each measure and
the lines within a cell (``reports.disclosure_flow.RELATIONS``: pupils assigned = opted out +
withdrawn + in the evaluation, each step = the pupils lost after it + the next step, and so on).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from .disclosure_checks import recoverable_cells

# The measures audited by default: one of each family of measures linked within a cell (pupils assigned with
# the flow, the follow-up's retention, the pairs left out, those off the protocol) and the knowledge pairs, like
# every other measure protected on its own. The benchmark audits every measure (``None``).
AUDITED_MEASURES = (
    "assigned",
    "pairs",
    "survey_pairs",
    "knowledge_left_out",
    "survey_left_out",
    "off_protocol_left_out",
)
SCALE = ("respect-survey", "attitudes")


def _lose(pick: Callable[[int, int], int], count: int, sizes: Sequence[int] = (0, 0, 1, 3, 8, 15)) -> int:
    """What is left of ``count`` after a random loss, leaning small."""
    return max(0, count - sizes[pick(0, len(sizes) - 1)])


def _small(pick: Callable[[int, int], int], sizes: Sequence[int] = (0, 0, 1, 4, 12)) -> int:
    return sizes[pick(0, len(sizes) - 1)]


def random_counts(pick: Callable[[int, int], int]) -> dict[str, int]:
    """One rollup row's counts, consistent as the rollups keep them: the flow's steps never grow, and
    pupils assigned are those opted out, withdrawn and in the evaluation."""
    assigned = (0, 1, 3, 8, 12, 25, 40)[pick(0, 6)]
    opted_out = min(assigned, (0, 0, 1, 2, 9)[pick(0, 4)])
    withdrawn = min(assigned - opted_out, (0, 0, 1, 3)[pick(0, 3)])
    found = {"assigned": assigned, "opted_out": opted_out, "withdrawn": withdrawn}
    step = found["in_evaluation"] = assigned - opted_out - withdrawn
    for name in ("pre", "lessons", "post", "matched", "follow_up"):
        step = found[name] = _lose(pick, step)
    completed = min(assigned, (0, 2, 9, 12, 30)[pick(0, 4)])
    found.update(started=assigned, completed=completed, quiz_taken=completed)
    found["pairs"] = min(completed, (0, 1, 6, 11, 20)[pick(0, 4)])
    found["passed"] = _lose(pick, completed)
    found["passed_after_practice"] = min(found["passed"], _small(pick))
    found["survey_pairs"] = found["matched"]
    found["follow_up_retained"] = min(found["follow_up"], _lose(pick, found["matched"]))
    for name in ("knowledge", "survey"):
        found[f"{name}_wrong_order"] = _small(pick)
        found[f"{name}_order_unknown"] = _small(pick)
    for name in ("knowledge", "survey", "follow_up"):
        found[f"{name}_off_protocol"] = _small(pick)
    # The baseline check's groups: pupils with a score before the lessons who took the end quiz, and who did not.
    found["baseline_with_post"] = min(found["pre"], completed)
    found["baseline_without_post"] = _small(pick)
    return found


def random_table_set(pick, *, districts=3, schools_each=3, terms=2, modules=2, genders=3):
    """Rollup rows of a small random county, its scale rows, and its schools' facts; ``pick(low, high)``
    draws a whole number.

    One to ``districts`` districts of one to ``schools_each`` schools, two types of school, up to ``terms``
    terms and ``modules`` modules, pupils of up to ``genders`` genders; counts lean small, so many cells
    are hidden and many lines link them. Returns (progress rows, scale rows, schools).
    """
    from reports.disclosure_cube import PROGRESS_MEASURES, SchoolInfo

    schools, rows, scale_rows = {}, [], []
    number = 0
    for district in range(pick(1, districts)):
        for _ in range(pick(1, schools_each)):
            number += 1
            schools[str(number)] = SchoolInfo.of(
                district_id=district + 1,
                phase="Secondary",
                kind=("Academy", "Community")[pick(0, 1)],
                fsm_percent=Decimal(pick(0, 1) * 25),
                urban_rural="(England/Wales) Urban city and town",
            )
            for term in range(1, pick(1, terms) + 1):
                for module in range(1, pick(1, modules) + 1):
                    survey_pairs = 0
                    for gender in ("female", "male", "")[: pick(1, genders)]:
                        found = random_counts(pick)
                        survey_pairs += found["survey_pairs"]
                        rows.append(
                            (str(number), 2025, term, module, 9, gender, *(found[n] for n in PROGRESS_MEASURES))
                        )
                    # The scale's pairs are its survey pairs; alpha and follow-up pairs are their own counts.
                    alpha = _lose(pick, survey_pairs + _small(pick))
                    scale_rows.append((*SCALE, str(number), 2025, term, module, 9, survey_pairs, alpha, _small(pick)))
    return rows, scale_rows, schools


def _audit(values, lines, hidden, threshold):
    """Leaks of one protected table over ``lines`` ((total, parts) pairs): pinned cells, and lines whose shown
    total leaves their hidden parts fewer than the threshold."""
    shown = set(values) - hidden
    leaks = [("pinned", key) for key in recoverable_cells(values, lines, shown)]
    for total, parts in lines:
        hidden_parts = [values.get(part, 0) for part in parts if part in hidden]
        if hidden_parts and total in shown and sum(hidden_parts) < threshold:
            leaks.append(("line under threshold", total))
    return leaks


def _differences(values, lines, hidden, threshold):
    """Shown cells whose difference from a shown cell containing them is 1 to threshold - 1 pupils."""
    above: dict = {}
    for total, parts in lines:
        for part in parts:
            above.setdefault(part, set()).add(total)
    leaks = []
    for key in set(values) - hidden:
        stack, seen = list(above.get(key, ())), set()
        while stack:
            parent = stack.pop()
            if parent in seen:
                continue
            seen.add(parent)
            stack.extend(above.get(parent, ()))
            if parent not in hidden and 0 < values[parent] - values[key] < threshold:
                leaks.append(("difference under threshold", key))
    return leaks


def _components(measures: Sequence[str], chosen: Sequence[str]) -> list[str]:
    """The measures ``RELATIONS`` link to any of ``chosen``, worked out here (not with the module's grouping)."""
    from reports.disclosure_flow import RELATIONS

    found = set(chosen)
    while True:
        more = {name for total, parts in RELATIONS if found & {total, *parts} for name in (total, *parts)}
        if more <= found:
            return [name for name in measures if name in found]
        found |= more


def audit_table(table, schools, names, threshold=10, audited_measures=None):
    """Protect ``table`` as the refresh does, then audit the measures in ``audited_measures`` (None: all)
    and every measure linked to them within a cell, as one set. Returns (cells audited, leaks)."""
    from reports import disclosure_cube as cube
    from reports.disclosure_flow import RELATIONS
    from reports.publication import protect_over_time

    measures = _components(table.measures, audited_measures or table.measures)
    name_of = dict(zip(table.measures, names, strict=True))
    # The refresh protects each linked family of measures on its own: protecting only the audited ones
    # hides the same cells of them.
    columns = [table.measures.index(measure) for measure in measures]
    table = cube.Table(
        tuple(measures),
        {key: [counts[n] for n in columns] for key, counts in table.values.items()},
        {key: [counts[n] for n in columns] for key, counts in table.schools.items()},
    )
    protections, _ = protect_over_time(table, schools, threshold, names=[name_of[m] for m in measures], last_shown={})
    cell_lines = [(line.total, line.parts) for line in cube.lines_of(table.values, schools)]
    values, hidden, lines, leaks = {}, set(), [], []
    for measure in measures:
        n, name = table.measures.index(measure), name_of[measure]
        own = {key: counts[n] for key, counts in table.values.items()}
        values.update(((name, key), value) for key, value in own.items())
        hidden |= {(name, key) for key in protections[name].hidden}
        own_lines = [((name, total), tuple((name, part) for part in parts)) for total, parts in cell_lines]
        lines += own_lines
        leaks += [(name, why, key) for why, (_, key) in _differences(values, own_lines, hidden, threshold)]
    for total, parts in RELATIONS:
        if total in measures and all(part in measures for part in parts):
            lines += [((name_of[total], key), tuple((name_of[part], key) for part in parts)) for key in table.values]
    leaks += [(name, why, key) for why, (name, key) in _audit(values, lines, hidden, threshold)]
    return len(values), leaks


def audit_table_set(rows, schools, threshold=10, measures=AUDITED_MEASURES, scale_rows=()):
    """Protect the linked set of ``rows`` (and ``scale_rows``) as the refresh does, then audit it independently.

    Returns (cells audited, leaks): a leak is (measure, why, cell), where why is a hidden cell with one
    possible value given every shown cell (``recoverable_cells``), a line whose shown total leaves its hidden
    parts fewer than the threshold, or a shown cell whose difference from a shown cell containing it is 1 to
    threshold - 1 pupils. ``measures`` None audits every measure.
    """
    from reports import disclosure_cube as cube

    table = cube.progress_table(rows, schools)
    audited, leaks = audit_table(table, schools, cube.TABLE_MEASURES, threshold, measures or cube.TABLE_MEASURES)
    for (survey_key, scale), scale_table in cube.scale_tables(scale_rows, schools).items():
        names = [cube.scale_measure(survey_key, scale, name) for name in cube.SCALE_MEASURES]
        found, more = audit_table(scale_table, schools, names, threshold)
        audited += found
        leaks += more
    return audited, leaks
