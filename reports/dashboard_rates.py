"""A rate as shown: a proportion with its Wilson 95% interval, hidden when either of its counts is."""

from __future__ import annotations

from dataclasses import dataclass

from reports.disclosure import SUPPRESSED, Shown
from reports.readings import percent_text
from reports.stats import wilson_interval


@dataclass(frozen=True)
class Rate:
    """A proportion with its Wilson 95% interval, or hidden."""

    numerator: int = 0
    denominator: int = 0
    low: float = 0.0
    high: float = 0.0
    hidden: bool = True

    @property
    def value(self) -> float | None:
        return None if self.hidden else self.numerator / self.denominator

    @property
    def text(self) -> str:
        return SUPPRESSED if self.hidden else percent_text(self.numerator / self.denominator)

    @property
    def ci_text(self) -> str:
        return SUPPRESSED if self.hidden else f"{percent_text(self.low)} to {percent_text(self.high)}"


def make_rate(numerator: Shown, denominator: Shown) -> Rate:
    """The rate numerator/denominator, hidden when either count is hidden (or there is no denominator)."""
    if isinstance(numerator, str) or isinstance(denominator, str) or denominator <= 0:
        return Rate()
    low, high = wilson_interval(numerator, denominator)
    return Rate(numerator, denominator, low, high, hidden=False)
