"""The half-years the audit reports cover, and which terms' rollups belong to each.

``settings.AUDIT_REPORT_DATES`` (default ``["03-01", "09-01"]``, month-day)
are the days a report is due. Each report covers the half-year that ended the
day before: from the previous due day to the day before this one. With the
defaults, the report due on 1 March 2027 covers 1 September 2026 to
28 February 2027, and the one due on 1 September 2027 covers 1 March to
31 August 2027.

Rollups are kept per term (the term an assignment opened in), and a term can
straddle two half-years, so a report takes the terms that *ended* in its
half-year: each term is reported once, and only when it is over. With the
default dates the September-to-February report covers the autumn term and the
March-to-August report the spring and summer terms.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings

from reports.terms import Term

DEFAULT_AUDIT_REPORT_DATES = ("03-01", "09-01")


@dataclass(frozen=True, order=True)
class Period:
    """A half-year, both days included."""

    start: datetime.date
    end: datetime.date

    def __str__(self) -> str:
        return f"{_day(self.start)} to {_day(self.end)}"


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def report_dates() -> list[tuple[int, int]]:
    """The configured due days as sorted (month, day) pairs. Raises ValueError for a bad entry."""
    configured = getattr(settings, "AUDIT_REPORT_DATES", DEFAULT_AUDIT_REPORT_DATES)
    found = set()
    for text in configured:
        try:
            month, day = (int(part) for part in str(text).split("-"))
            # 29 February would have no report in three years out of four.
            datetime.date(2025, month, day)
        except ValueError as error:
            raise ValueError(f"AUDIT_REPORT_DATES entries are month-day like 03-01; got {text!r}.") from error
        found.add((month, day))
    if not found:
        raise ValueError("AUDIT_REPORT_DATES needs at least one date.")
    return sorted(found)


def _due_days_around(year: int) -> list[datetime.date]:
    dates = report_dates()
    return [datetime.date(y, month, day) for y in (year - 1, year, year + 1) for month, day in dates]


def latest_ended_period(today: datetime.date) -> Period:
    """The half-year whose report is due on or most recently before ``today``."""
    days = sorted(_due_days_around(today.year))
    due = max(day for day in days if day <= today)
    previous = max(day for day in days if day < due)
    return Period(start=previous, end=due - datetime.timedelta(days=1))


def is_due_day(today: datetime.date) -> bool:
    return (today.month, today.day) in report_dates()


def term_end(academic_year: int, term: int) -> datetime.date:
    """The last day of a term as ``reports.terms`` counts them: 31 December, 30 April, 31 August."""
    if term == Term.AUTUMN:
        return datetime.date(academic_year, 12, 31)
    if term == Term.SPRING:
        return datetime.date(academic_year + 1, 4, 30)
    if term == Term.SUMMER:
        return datetime.date(academic_year + 1, 8, 31)
    raise ValueError(f"Unknown term {term!r}.")


def terms_ending_in(period: Period) -> list[tuple[int, int]]:
    """The (academic year, term) pairs whose last day falls in the period, oldest first."""
    return [
        (year, int(term))
        for year in range(period.start.year - 1, period.end.year + 1)
        for term in Term
        if period.start <= term_end(year, term) <= period.end
    ]


def term_label(academic_year: int, term: int) -> str:
    return f"{Term(term).label} term {academic_year} to {academic_year + 1}"
