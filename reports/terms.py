"""School terms, as the rollups and the trend by term count them.

Terms are read from the month an assignment opens, which is close enough for
reporting: autumn is September to December, spring January to April (Easter
falls in late March or April, so the Easter holiday is counted in spring),
summer May to August. Half terms are not distinguished. The academic year is
never guessed from a date: it is the class's ``academic_year``.
"""

from __future__ import annotations

import datetime

from django.db import models


class Term(models.IntegerChoices):
    # Numbered in the order they fall in an academic year, so (academic year, term) sorts by time.
    AUTUMN = 1, "Autumn"
    SPRING = 2, "Spring"
    SUMMER = 3, "Summer"


def term_for(day: datetime.date) -> Term:
    """The term a day falls in: Sep-Dec autumn, Jan-Apr spring, May-Aug summer."""
    if day.month >= 9:
        return Term.AUTUMN
    if day.month <= 4:
        return Term.SPRING
    return Term.SUMMER
