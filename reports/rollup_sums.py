"""Running sums that add up across rollup rows: paired pre/post scores and Cronbach's alpha items.

Everything a report needs is a count or a sum, so rows for schools, districts
or the county are added together and the statistics (``reports.stats``) are
computed from the totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PairedSums:
    """n, Σpre, Σpost, Σpre², Σpost², Σd and Σd² (d = post - pre) of matched pairs.

    The field order is the argument order of ``reports.stats.paired_change_from_sums``.
    """

    n: int = 0
    sum_pre: float = 0.0
    sum_post: float = 0.0
    sumsq_pre: float = 0.0
    sumsq_post: float = 0.0
    sum_diff: float = 0.0
    sumsq_diff: float = 0.0

    def add(self, pre: float, post: float) -> None:
        diff = post - pre
        self.n += 1
        self.sum_pre += pre
        self.sum_post += post
        self.sumsq_pre += pre * pre
        self.sumsq_post += post * post
        self.sum_diff += diff
        self.sumsq_diff += diff * diff

    def as_tuple(self) -> tuple[int, float, float, float, float, float, float]:
        return (self.n, self.sum_pre, self.sum_post, self.sumsq_pre, self.sumsq_post, self.sum_diff, self.sumsq_diff)

    def as_fields(self, prefix: str = "") -> dict[str, int | float]:
        """The sums as a rollup row's fields: ``{prefix}pairs``, ``{prefix}sum_pre`` and so on (a scale's
        change has no prefix; ``knowledge_`` and ``follow_up_`` name the others)."""
        names = ("sum_pre", "sum_post", "sumsq_pre", "sumsq_post", "sum_diff", "sumsq_diff")
        return {f"{prefix}pairs": self.n, **{f"{prefix}{name}": getattr(self, name) for name in names}}


@dataclass
class AlphaSums:
    """Sums for Cronbach's alpha over respondents who answered every item of a scale.

    ``item_sums[i]`` and ``item_sumsqs[i]`` are Σx and Σx² of item i (after reverse
    scoring); ``total_sum`` and ``total_sumsq`` are Σ and Σ² of each respondent's
    total. These are the arguments of ``reports.stats.cronbach_alpha_from_sums``.
    """

    k: int
    n: int = 0
    item_sums: list[float] = field(default_factory=list)
    item_sumsqs: list[float] = field(default_factory=list)
    total_sum: float = 0.0
    total_sumsq: float = 0.0

    def __post_init__(self) -> None:
        if not self.item_sums:
            self.item_sums = [0.0] * self.k
            self.item_sumsqs = [0.0] * self.k

    def add(self, values: list[float]) -> None:
        """Add one complete respondent's scored item values, in the scale's item order."""
        if len(values) != self.k:
            raise ValueError(f"Expected {self.k} item values, got {len(values)}.")
        total = 0.0
        for i, value in enumerate(values):
            self.item_sums[i] += value
            self.item_sumsqs[i] += value * value
            total += value
        self.n += 1
        self.total_sum += total
        self.total_sumsq += total * total

    def as_fields(self) -> dict[str, int | float | list[float]]:
        """The sums as a scale rollup row's ``alpha_`` fields."""
        return {
            "alpha_n": self.n,
            "alpha_item_sums": self.item_sums,
            "alpha_item_sumsqs": self.item_sumsqs,
            "alpha_total_sum": self.total_sum,
            "alpha_total_sumsq": self.total_sumsq,
        }


def percent(score: int | None, maximum: int | None) -> float | None:
    """A quiz score as a percentage of its maximum (0-100), or None without a score."""
    if score is None or not maximum:
        return None
    return 100.0 * score / maximum
