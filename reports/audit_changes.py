"""The audit report's changes (knowledge and attitude scales), from a snapshot's sums.

From stored sums and each school's (n, Σd, Σd²) (``reports.stats_pooled.pooled_change``: a CR2
interval clustered by school on schools - 1 degrees of freedom, no p-value below 10 schools; the
scales' p-values Holm-adjusted across the scales shown), hidden below the threshold of matched
pairs or 3 schools, and (reports frozen since) wherever the report's stored pattern hides its
pairs: the pairs are cells of the report's linked set (``reports.audit_pairs``). A snapshot of
version 1 has no per-school sums: its changes are worked out as they were published then, with
the pupil-level paired t, and say so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reports.audit_pairs import KNOWLEDGE, hidden_pairs
from reports.dashboard_analysts import holm_adjusted
from reports.dashboard_scales import scale_label
from reports.disclosure import SUPPRESSED, is_disclosive
from reports.disclosure_cube import scale_measure
from reports.readings import change_reading, p_value_text
from reports.stats_pooled import PooledChange, pooled_change

PAIRED_FIELDS = ("n", "sum_pre", "sum_post", "sumsq_pre", "sumsq_post", "sum_diff", "sumsq_diff")
# Shown for a statistic that does not exist (all differences equal, or n = 2 for g).
NOT_AVAILABLE = "n/a"


@dataclass(frozen=True)
class Change:
    """A paired pre/post change as shown: rounded, or every figure ``SUPPRESSED``.

    ``interval`` says how its interval was worked out; ``p`` is the p-value shown
    (Holm-adjusted for the scales; NOT_AVAILABLE below 10 schools).
    """

    label: str
    pairs: int | str
    mean_pre: str
    mean_post: str
    mean_diff: str
    ci_low: str
    ci_high: str
    d_z: str
    g_z: str
    reading: str
    interval: str = ""
    p: str = SUPPRESSED

    @property
    def suppressed(self) -> bool:
        return self.pairs == SUPPRESSED


def shown_number(value: float, places: int) -> str:
    """The value with a fixed number of decimal places, as shown (``NOT_AVAILABLE`` when it does not exist)."""
    return NOT_AVAILABLE if math.isnan(value) or math.isinf(value) else f"{value:.{places}f}"


def _reading(label: str, unit: str, low: float, high: float, diff: float) -> str:
    """One plain-English sentence: a rise, a fall, or no clear change (the interval includes 0)."""
    if math.isnan(low) or math.isnan(high) or low <= 0 <= high:
        return f"{label}: no clear change (the 95% interval includes no change)."
    direction = "rose" if diff > 0 else "fell"
    return f"{label} {direction} by {abs(diff):.1f} {unit} on average (95% interval {low:.1f} to {high:.1f})."


def _pooled(sums: dict, hidden: bool = False) -> PooledChange | None:
    """The change from a snapshot's sums, or None when hidden (too few pairs or schools).

    A version 1 snapshot has no per-school sums: its pairs are taken as one group,
    which gives the pupil-level paired t it was published with.
    """
    n = int(sums["n"])
    if hidden or n < 2 or is_disclosive(n, int(sums["schools"])):
        return None
    groups = sums.get("school_groups", [[n, sums["sum_diff"], sums["sumsq_diff"]]])
    return pooled_change(tuple(sums[name] for name in PAIRED_FIELDS), [tuple(group) for group in groups])


def _change(label: str, sums: dict, unit: str, change: PooledChange | None, p: float | None) -> Change:
    if change is None:
        hidden = dict.fromkeys(("mean_pre", "mean_post", "mean_diff", "ci_low", "ci_high", "d_z", "g_z"), SUPPRESSED)
        return Change(label=label, pairs=SUPPRESSED, reading=f"{label}: too few matched pupils to report.", **hidden)
    if "school_groups" in sums:
        plain = change_reading(change, subject=label, unit=unit, decimals=1, pupils="matched pupils")
        reading = " ".join((plain.took_part, plain.changed, plain.how_sure))
        interval = f"clustered by school ({change.schools} schools)" if change.clustered else "pupil-level (one school)"
    else:
        reading = _reading(label, unit, change.ci_low, change.ci_high, change.mean_diff)
        interval = "pupil-level (built before intervals allowed for schools)"
    return Change(
        label=label,
        pairs=change.n,
        mean_pre=shown_number(change.mean_pre, 1),
        mean_post=shown_number(change.mean_post, 1),
        mean_diff=shown_number(change.mean_diff, 1),
        ci_low=shown_number(change.ci_low, 1),
        ci_high=shown_number(change.ci_high, 1),
        d_z=shown_number(change.d_z, 2),
        g_z=shown_number(change.g_z, 2),
        reading=reading,
        interval=interval,
        p=NOT_AVAILABLE if p is None else p_value_text(p),
    )


def report_changes(snapshot: dict, hidden: set[tuple] | None = None) -> tuple[Change, list[Change]]:
    """The knowledge change (its own p) and the scales' (p Holm-adjusted across the scales shown).

    ``hidden``: the report's stored pattern, when its pairs are cells of it (``reports.audit_pairs``): a change
    is hidden wherever its pairs are.
    """
    knowledge = _pooled(snapshot["knowledge"], hidden_pairs(hidden, KNOWLEDGE))
    knowledge_p = knowledge.p if knowledge else None
    scales = [
        _pooled(row, hidden_pairs(hidden, scale_measure(row["survey_key"], row["scale"], "pairs")))
        for row in snapshot["scales"]
    ]
    adjusted = holm_adjusted([change.p if change else None for change in scales])
    return (
        _change("Knowledge score", snapshot["knowledge"], "percentage points", knowledge, knowledge_p),
        [
            _change(scale_name(row), row, "points", change, p)
            for row, change, p in zip(snapshot["scales"], scales, adjusted, strict=True)
        ],
    )


def scale_name(row: dict) -> str:
    """A scale as the report names it: its survey's title (quoted, as frozen) and the scale; reports
    frozen before titles were kept name the survey by its key."""
    title = row.get("survey_title")
    if not title:
        return f"{row['survey_key']}: {row['scale'] or 'whole survey'}"
    return f"“{title}”: {scale_label(row['scale']).lower()}" + (" scale" if row["scale"] else "")
