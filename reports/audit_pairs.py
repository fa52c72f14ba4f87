"""The audit report's matched pairs and follow-up counts as cells of its linked set.

The changes (``reports.audit_changes``: the knowledge score's and each attitude scale's) and the
follow-up figures (``reports.follow_up``: survey pairs, those also answered at follow-up, each
scale's pairs before and at follow-up) are about counts the nightly set has too, for the terms the
report covers: ``pairs`` (knowledge), ``<survey>/<scale>/pairs``, ``survey_pairs``,
``follow_up_retained`` (and ``not_retained``, the survey pairs less them) and
``<survey>/<scale>/follow_up_pairs``, each of the county, and the pairs left out (``reports.pairs_left_out``,
``reports.protocol_left_out``: each reason, adding up to its total) and the baseline check's two
groups (adding up to the pupils with a score before the lessons). So each is a cell of the report's set,
named as the nightly set names it, with its primary rule (fewer than the threshold, or fewer than
3 schools), the within-cell line survey pairs = retained + not retained (the weight rule: the
hidden ones of it cover at least the threshold), and tied to its term cells like every other
figure (``reports.audit_terms`` when frozen, ``reports.audit_ties`` each night). A change is shown
only where its pairs cell is; a report frozen before these cells were kept keeps its own rule.
"""

from __future__ import annotations

import operator
from functools import reduce

from django.db.models import Count, Q, QuerySet, Sum

from reports.attrition import ALL
from reports.disclosure import is_disclosive
from reports.disclosure_cube import COUNTY, EVERY_GENDER, scale_measure
from reports.disclosure_flow import BASELINE, BASELINE_FIELDS, LEFT_OUT_FIELDS, NOT_RETAINED, SUMS, schools_with_any
from reports.disclosure_linked import Line
from reports.follow_up import FOLLOW_UP_FIELDS, Stored
from reports.pairs_left_out import LeftOut, left_out_from
from reports.protocol_left_out import OffProtocol, off_protocol_from
from reports.published_pattern import PagePattern

KNOWLEDGE = "pairs"
# The snapshot's key holding the pairs left out: each reason's count and its schools with any.
LEFT_OUT_KEY = "left_out"
# The report's one area in the nightly set's terms, for showing follow-up counts as the report's pattern has them.
COUNTY_CELL = (COUNTY, "", ALL, ALL, ALL, ALL, EVERY_GENDER)


def pair_cells(snapshot: dict) -> tuple[dict, list[Line], list]:
    """The pairs and follow-up counts of the report (values), their lines and their primary cells."""
    values: dict = {}
    primary: list = []

    def add(name: str, count: int, schools: int) -> tuple:
        key = (name, ALL)
        values[key] = int(count)
        if is_disclosive(int(count), int(schools)):
            primary.append(key)
        return key

    knowledge = snapshot.get("knowledge")
    if knowledge is not None:
        add(KNOWLEDGE, knowledge["n"], knowledge["schools"])
    for row in snapshot.get("scales", ()):
        add(scale_measure(row["survey_key"], row["scale"], "pairs"), row["n"], row["schools"])
    lines: list[Line] = []
    data = snapshot.get("attrition") or {}
    if "schools" in data:
        per_school = data["schools"]

        def add_summed(name: str) -> tuple:
            return add(name, sum(int(row.get(name) or 0) for row in per_school), schools_with_any(per_school, name))

        groups = [add_summed(name) for name in BASELINE_FIELDS]
        everyone = add(BASELINE, sum(values[key] for key in groups), schools_with_any(per_school, BASELINE))
        lines.append(Line(everyone, tuple(groups)))
        total, kept = add_summed("survey_pairs"), add_summed("follow_up_retained")
        lost = add(NOT_RETAINED, values[total] - values[kept], schools_with_any(per_school, NOT_RETAINED))
        lines.append(Line(total, (kept, lost)))
        follow_up: dict[str, list[int]] = {}
        for row in data.get("scales", ()):
            found = follow_up.setdefault(scale_measure(row["survey_key"], row["scale"], FOLLOW_UP_FIELDS[0]), [0, 0])
            found[0] += int(row[FOLLOW_UP_FIELDS[0]] or 0)
            found[1] += 1
        for name, (count, schools) in follow_up.items():
            add(name, count, schools)
    left_out = snapshot.get(LEFT_OUT_KEY)
    if left_out is not None:
        for name in LEFT_OUT_FIELDS:
            add(name, *left_out[name])
        for name, parts in SUMS:
            if name == BASELINE:
                continue
            # The schools with any pair left out for a reason of the sum, as kept; a report frozen before they
            # were kept has the most schools of one reason (never more than those with any).
            schools = left_out[name][1] if name in left_out else max(left_out[part][1] for part in parts)
            key = add(name, sum(values[(part, ALL)] for part in parts), schools)
            lines.append(Line(key, tuple((part, ALL) for part in parts)))
    return values, lines, primary


def collect_left_out(progress: QuerySet) -> dict[str, list[int]]:
    """The pairs left out over the rollup rows (already limited): each reason's count and schools with any, and
    each sum of reasons' (``reports.disclosure_flow.SUMS``) schools with any of them. One query."""
    with_any = {name: Q(**{f"{name}__gt": 0}) for name in LEFT_OUT_FIELDS}
    for name, parts in SUMS:
        if name != BASELINE:
            with_any[name] = reduce(operator.or_, (with_any[part] for part in parts))
    sums = progress.order_by().aggregate(
        **{f"n_{name}": Sum(name) for name in LEFT_OUT_FIELDS},
        **{f"s_{name}": Count("school", distinct=True, filter=found) for name, found in with_any.items()},
    )
    found = {name: [int(sums[f"n_{name}"] or 0), int(sums[f"s_{name}"] or 0)] for name in LEFT_OUT_FIELDS}
    for name, parts in SUMS:
        if name != BASELINE:
            found[name] = [sum(found[part][0] for part in parts), int(sums[f"s_{name}"] or 0)]
    return found


def left_out_figures(snapshot: dict, hidden: set[tuple] | None) -> tuple[tuple[LeftOut, ...], OffProtocol | None]:
    """The pairs left out as the report shows them (rounded to 5, like the public page), or none for a report
    frozen before they were kept."""
    left_out = snapshot.get(LEFT_OUT_KEY)
    if left_out is None or hidden is None:
        return (), None
    stored = report_pattern(hidden, int(snapshot["suppression_threshold"]))
    counts = {name: count for name, (count, _) in left_out.items()}
    return (
        left_out_from(counts, pattern=stored.pattern, key=stored.key, public=True),
        off_protocol_from(counts, pattern=stored.pattern, key=stored.key, public=True),
    )


def report_pattern(hidden: set[tuple], limit: int) -> Stored:
    """The report's stored pattern as the follow-up figures read a page's (``reports.follow_up.Stored``)."""
    measures = frozenset(key[0] for key in hidden if key[1:] == (ALL,))
    return Stored(PagePattern(hidden={COUNTY_CELL: measures}, limit=limit), COUNTY_CELL)


def hidden_pairs(hidden: set[tuple] | None, name: str) -> bool:
    """Whether the report's stored pattern hides a pairs cell (never, for a report frozen before it was kept)."""
    return hidden is not None and (name, ALL) in hidden
