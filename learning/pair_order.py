"""Whether a pupil's before and after answers make a valid pair: the rule every report applies.

A pair counts only when the answers before the lessons came before the first lesson began,
and the answers after came once it had: ``pre < first lesson <= post``. The moments are
the ones kept in the pupil's summary (``ModuleProgress``): the first answer of each wave
and the first time the pupil opened a lesson or answered in one. A pair whose first-lesson
moment is not known cannot be shown to be in order and is left out, and counted, like a
pair in the wrong order.

A comparison (wait-list) class answers before and after at matched times without the
lessons, which open for it only after its answers after: its pair is in order when
``pre < post`` and no lesson began before the answers after (``post <= first lesson``).
"""

from __future__ import annotations

import datetime
from enum import StrEnum


class PairOrder(StrEnum):
    VALID = "valid"
    WRONG_ORDER = "wrong_order"
    ORDER_UNKNOWN = "order_unknown"


# Why a pair is left out, in words for the method page and the attrition flow.
EXCLUSION_REASONS = {
    PairOrder.WRONG_ORDER: (
        "answered in the wrong order: the questions before the lessons after a lesson had begun, "
        "or the questions after before any lesson"
    ),
    PairOrder.ORDER_UNKNOWN: "the order cannot be shown: there is no record of when the pupil's lessons began",
}


def pair_order(
    pre_at: datetime.datetime | None,
    first_lesson_at: datetime.datetime | None,
    later_at: datetime.datetime | None,
    *,
    comparison: bool = False,
) -> PairOrder | None:
    """How a pupil's pre answer (``pre_at``) and a later wave's (``later_at``, post or follow-up) pair up.

    None when either answer is missing (there is no pair to judge). ``comparison``: the pupil
    is in a comparison class, whose pairs are taken without the lessons.
    """
    if pre_at is None or later_at is None:
        return None
    if comparison:
        no_lesson_first = first_lesson_at is None or later_at <= first_lesson_at
        return PairOrder.VALID if pre_at < later_at and no_lesson_first else PairOrder.WRONG_ORDER
    if first_lesson_at is None:
        return PairOrder.ORDER_UNKNOWN
    if pre_at < first_lesson_at <= later_at:
        return PairOrder.VALID
    return PairOrder.WRONG_ORDER
