"""Which schools the programme is for: the denominator of "schools taking part".

The rule: a school is eligible when it is open and teaches pupils of secondary
age, that is when GIAS gives its phase as secondary, all-through or middle
deemed secondary, or (for schools without such a phase, such as special schools
and pupil referral units, whose phase is "Not applicable") when its statutory
ages reach from 11 or younger to 16 or older, so that it teaches Years 7 to 11.
Primary schools (4 to 11), middle schools deemed primary and sixth-form
colleges (16 plus) are not eligible. The area is the dashboard's filter
(district, phase, type of establishment).

A school that takes part without being eligible (a primary teaching Year 6, say)
still counts in every pupil figure; it is counted apart from the eligible ones.
"""

from __future__ import annotations

from django.db.models import Q

from schools.models import School

SECONDARY_PHASES = ("Secondary", "All-through", "Middle deemed secondary")
# Statutory ages that cover Years 7 to 11: from 11 (or younger) to 16 (or older).
YOUNGEST_START = 11
OLDEST_END = 16

RULE = (
    "Eligible schools are open schools whose phase is secondary, all-through or middle deemed secondary, "
    f"or whose statutory ages run from {YOUNGEST_START} or younger to {OLDEST_END} or older (special schools "
    "and pupil referral units teaching Years 7 to 11), as listed in Get Information about Schools."
)


def eligible_q(prefix: str = "") -> Q:
    """The eligibility rule as a filter, on School (``prefix=""``) or through a relation (``"school__"``)."""
    by_phase = Q(**{f"{prefix}phase__in": SECONDARY_PHASES})
    by_ages = Q(**{f"{prefix}statutory_low_age__lte": YOUNGEST_START, f"{prefix}statutory_high_age__gte": OLDEST_END})
    return Q(**{f"{prefix}is_open": True}) & (by_phase | by_ages)


def is_eligible(school: School) -> bool:
    """The same rule for one school in memory."""
    return eligible(
        is_open=school.is_open, phase=school.phase, low=school.statutory_low_age, high=school.statutory_high_age
    )


def eligible(*, is_open: bool, phase: str, low: int | None, high: int | None) -> bool:
    """The rule on a school's GIAS fields (as read with ``values()``)."""
    if not is_open:
        return False
    if phase in SECONDARY_PHASES:
        return True
    return low is not None and high is not None and low <= YOUNGEST_START and high >= OLDEST_END
