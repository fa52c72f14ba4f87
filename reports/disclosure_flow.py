"""The attrition flow and the pairs left out as measures of the linked set, and how they add up within a cell.

Every cell of ``reports.disclosure_cube``'s progress table (an area, its filters, a gender)
also carries the attrition flow (``reports.attrition``), the follow-up's retention
(``reports.follow_up``) and the before-and-after pairs left
out (``reports.pairs_left_out``, and those left out as off the evaluation protocol,
``reports.protocol_left_out``), so the flow by district, by school, by free school meals
band and by gender, and the pairs left out, are hidden by the one pattern of the refresh:
the flow's pupils assigned *is* the headline's pupils assigned, and a school's flow adds up
to its district's like its uptake does.

Within one cell the measures are linked too (``RELATIONS``): pupils assigned = opted out +
withdrawn + in the evaluation; each step of the flow = the pupils lost after it + the next
step; the survey pairs = those also answered at follow-up + those not; the pairs left out =
those in the wrong order + those whose order cannot be shown; the
pairs left out as off the protocol = the quiz's + the survey's + the follow-up's; the baseline
check's pupils = those who took the end quiz + those who did not. The
measures so linked are protected together, so a hidden step cannot be worked out from the
step before it and the pupils lost between them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# The flow's counts kept in the rollups (``reports.models.ProgressRollup``), after pupils assigned.
FLOW_FIELDS = {
    "opted_out": "pupils_opted_out",
    "withdrawn": "pupils_withdrawn",
    "in_evaluation": "pupils_in_evaluation",
    "pre": "flow_pre",
    "lessons": "flow_lessons",
    "post": "flow_post",
    "matched": "flow_matched",
    "follow_up": "flow_follow_up",
}
LEFT_OUT_FIELDS = {
    "knowledge_wrong_order": "knowledge_wrong_order",
    "knowledge_order_unknown": "knowledge_order_unknown",
    "survey_wrong_order": "survey_wrong_order",
    "survey_order_unknown": "survey_order_unknown",
    # Pairs in order left out as answered on a version the year's evaluation protocol does not name.
    "knowledge_off_protocol": "knowledge_off_protocol",
    "survey_off_protocol": "survey_off_protocol",
    "follow_up_off_protocol": "follow_up_off_protocol",
}
# The follow-up's retention (``reports.follow_up``): pupils with a survey pair in order, and those of them
# who also answered the follow-up in order.
RETENTION_FIELDS = {
    "survey_pairs": "survey_pairs",
    "follow_up_retained": "follow_up_retained",
}
# The baseline check's two groups (``reports.stats_baseline``): pupils with a quiz score before the lessons who
# took the end-of-module quiz, and those who did not; they add up to ``BASELINE``.
BASELINE_FIELDS = {
    "baseline_with_post": "baseline_with_post",
    "baseline_without_post": "baseline_without_post",
}
BASELINE = "baseline"
NOT_RETAINED = "not_retained"
STEPS = ("in_evaluation", "pre", "lessons", "post", "matched", "follow_up")
LOSSES = ("lost_pre", "lost_lessons", "lost_post", "lost_matched", "lost_follow_up")
LEFT_OUT = ("knowledge_left_out", "survey_left_out")
OFF_PROTOCOL = ("knowledge_off_protocol", "survey_off_protocol", "follow_up_off_protocol")
OFF_PROTOCOL_TOTAL = "off_protocol_left_out"

# Measures worked out from the kept counts: (name, minuend, subtrahend) or (name, addends).
DIFFERENCES = (*zip(LOSSES, STEPS, STEPS[1:], strict=False), (NOT_RETAINED, "survey_pairs", "follow_up_retained"))
SUMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("knowledge_left_out", ("knowledge_wrong_order", "knowledge_order_unknown")),
    ("survey_left_out", ("survey_wrong_order", "survey_order_unknown")),
    (OFF_PROTOCOL_TOTAL, OFF_PROTOCOL),
    (BASELINE, tuple(BASELINE_FIELDS)),
)
DERIVED = (*(name for name, _, _ in DIFFERENCES), *(name for name, _ in SUMS))

# (total, parts) within one cell.
RELATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("assigned", ("opted_out", "withdrawn", "in_evaluation")),
    *((step, (loss, following)) for loss, step, following in DIFFERENCES),
    *SUMS,
)


def derived_counts(names: Sequence[str], counts: Sequence[int]) -> list[int]:
    """The ``DERIVED`` measures of one row whose kept counts are ``counts`` (in the order of ``names``)."""
    value = dict(zip(names, counts, strict=True))
    return [value[a] - value[b] for _, a, b in DIFFERENCES] + [sum(value[part] for part in parts) for _, parts in SUMS]


def schools_with_any(per_school: Sequence[Mapping[str, int | None]], name: str) -> int:
    """The schools taking part in a count, for the 3-school rule: those whose own count of it is positive, a
    difference or a sum (``DERIVED``) worked out from the school's counts as ``derived_counts`` does. The nightly
    set counts a cell's schools so (``reports.disclosure_cube.PARTICIPATION``); the audit report alike."""
    return sum(1 for row in per_school if _school_count(row, name) > 0)


def _school_count(row: Mapping[str, int | None], name: str) -> int:
    for derived, minuend, subtrahend in DIFFERENCES:
        if name == derived:
            return _school_count(row, minuend) - _school_count(row, subtrahend)
    for total, parts in SUMS:
        if name == total:
            return sum(_school_count(row, part) for part in parts)
    return int(row.get(name) or 0)


def families(measures: Sequence[str]) -> list[tuple[int, ...]]:
    """The measures' positions grouped by ``RELATIONS`` (each measure in one group), in the order of ``measures``."""
    group = {name: {name} for name in measures}
    for total, parts in RELATIONS:
        if total not in group or any(part not in group for part in parts):
            continue
        joined = set().union(*(group[name] for name in (total, *parts)))
        for name in joined:
            group[name] = joined
    found: list[tuple[int, ...]] = []
    seen: set[str] = set()
    for name in measures:
        if name in seen:
            continue
        seen |= group[name]
        found.append(tuple(n for n, other in enumerate(measures) if other in group[name]))
    return found
