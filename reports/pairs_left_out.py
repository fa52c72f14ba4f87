"""How many before-and-after pairs the change figures leave out, and why (``learning.pair_order``).

A pupil who answered both the questions before and after the lessons makes a pair only when
they answered them in order: before the first lesson, then once it had begun. The rest are
left out and counted here, by reason, from the rollups (one query). Each measure's two
reasons are one line with their total, suppressed like every other figure
(``reports.disclosure.suppress_series``): a count about fewer pupils than the threshold, or
(above a single school) from fewer than 3 schools, is hidden, and another with it so it
cannot be worked out from the total. The pairs counted are shown with the changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from learning.pair_order import EXCLUSION_REASONS, PairOrder
from reports.disclosure import Shown, suppress_series
from reports.readings import count_text

# (label, rollup field of the pairs in the wrong order, of those in an order that cannot be shown)
MEASURES = (
    ("Quiz (knowledge)", "knowledge_wrong_order", "knowledge_order_unknown"),
    ("Survey (attitudes)", "survey_wrong_order", "survey_order_unknown"),
)
WRONG_ORDER_REASON = EXCLUSION_REASONS[PairOrder.WRONG_ORDER]
ORDER_UNKNOWN_REASON = EXCLUSION_REASONS[PairOrder.ORDER_UNKNOWN]


@dataclass(frozen=True)
class LeftOut:
    """One measure's pupils whose answers before and after are left out, as shown: in all and by reason."""

    label: str
    left_out: Shown
    wrong_order: Shown
    order_unknown: Shown

    @property
    def texts(self) -> list[str]:
        """The counts as shown in a table row: by reason, then in all."""
        return [count_text(v) for v in (self.wrong_order, self.order_unknown, self.left_out)]


def pairs_left_out(rows: QuerySet, *, count_schools: bool, public: bool = False) -> tuple[LeftOut, ...]:
    """Each measure's pairs counted and left out over ``rows`` (ProgressRollup rows already filtered).

    ``count_schools``: apply the 3-school rule (not on a single school's own page).
    ``public``: round shown counts to the nearest 5 (``reports.disclosure.round_public``).
    """
    fields = [name for _, *names in MEASURES for name in names]
    per_school = list(rows.order_by().values("school_id").annotate(**{f"n_{f}": Sum(f) for f in fields}))
    found = []
    for label, *names in MEASURES:
        counts = [sum(int(row[f"n_{name}"] or 0) for row in per_school) for name in names]
        schools = [sum(1 for row in per_school if row[f"n_{name}"]) for name in names]
        total_schools = sum(1 for row in per_school if any(row[f"n_{name}"] for name in names))
        series = suppress_series(
            counts, schools if count_schools else None, total_schools=total_schools if count_schools else None
        )
        if public:
            series = series.rounded()
        wrong, unknown = series.values
        found.append(LeftOut(label, series.total, wrong, unknown))
    return tuple(found)
