"""How many before-and-after pairs the change figures leave out, and why (``learning.pair_order``).

A pupil who answered both the questions before and after the lessons makes a pair only when
they answered them in order: before the first lesson, then once it had begun. The rest are
left out and counted here, by reason, from the rollups (one query). Each count is a cell of
the refresh's linked set (``reports.disclosure_flow``: the two reasons add up to their total
within a cell, and each adds up across schools, districts and filters like any other count),
shown as the stored pattern has it. The pairs counted are shown with the changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from learning.pair_order import EXCLUSION_REASONS, PairOrder
from reports.disclosure import Shown, round_public
from reports.disclosure_flow import LEFT_OUT
from reports.published_pattern import PagePattern
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


def pairs_left_out(rows: QuerySet, *, pattern: PagePattern, key: tuple, public: bool = False) -> tuple[LeftOut, ...]:
    """Each measure's pairs left out over ``rows`` (ProgressRollup rows already filtered), as the stored
    ``pattern`` shows the page's cell ``key`` (one query).

    ``public``: round shown counts to the nearest 5 (``reports.disclosure.round_public``).
    """
    fields = [name for _, *names in MEASURES for name in names]
    sums = rows.order_by().aggregate(**{name: Sum(name) for name in fields})
    return left_out_from(sums, pattern=pattern, key=key, public=public)


def left_out_from(
    sums: Mapping[str, int | None], *, pattern: PagePattern, key: tuple, public: bool
) -> tuple[LeftOut, ...]:
    """Each measure's pairs left out from the counts of its fields (``MEASURES``), as ``pattern`` shows ``key``."""
    found = []
    for (label, wrong_field, unknown_field), total_name in zip(MEASURES, LEFT_OUT, strict=True):
        wrong, unknown = (int(sums[name] or 0) for name in (wrong_field, unknown_field))
        shown = [
            pattern.shown(key, name, value)
            for name, value in ((total_name, wrong + unknown), (wrong_field, wrong), (unknown_field, unknown))
        ]
        if public:
            shown = [round_public(value) if isinstance(value, int) else value for value in shown]
        found.append(LeftOut(label, *shown))
    return tuple(found)
