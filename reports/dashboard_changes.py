"""A before/after change as shown, hidden when its number of pairs is (``reports.disclosure``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reports.disclosure import SUPPRESSED, Shown
from reports.readings import NOT_DEFINED, interval_text, number_text, p_value_text
from reports.rollup_sums import PairedSums
from reports.stats_pooled import PooledChange, SchoolGroup, pooled_change

KNOWLEDGE_DECIMALS = 1
# Means are shown to 1 decimal, so a mean less one pupil's score moves it by less than it shows.
SCALE_DECIMALS = 1


@dataclass(frozen=True)
class Change:
    """A before/after change as shown (``reports.stats_pooled.PooledChange``), or hidden (``result`` None).

    Its interval is clustered by school when the figure pools schools, and
    pupil-level for one school's figure (``result.clustered`` says which).
    """

    result: PooledChange | None = None
    decimals: int = KNOWLEDGE_DECIMALS

    @property
    def hidden(self) -> bool:
        return self.result is None

    def _number(self, value: float, decimals: int | None = None, signed: bool = False) -> str:
        return SUPPRESSED if self.result is None else number_text(value, decimals or self.decimals, signed=signed)

    @property
    def pre_text(self) -> str:
        return self._number(self.result.mean_pre if self.result else 0.0)

    @property
    def post_text(self) -> str:
        return self._number(self.result.mean_post if self.result else 0.0)

    @property
    def text(self) -> str:
        return self._number(self.result.mean_diff if self.result else 0.0, signed=True)

    @property
    def ci_text(self) -> str:
        if self.result is None:
            return SUPPRESSED
        return interval_text(self.result.ci_low, self.result.ci_high, self.decimals)

    @property
    def ci_low_text(self) -> str:
        return self._number(self.result.ci_low if self.result else 0.0)

    @property
    def ci_high_text(self) -> str:
        return self._number(self.result.ci_high if self.result else 0.0)

    @property
    def interval_kind(self) -> str:
        """How the interval was worked out, in a few words ("" when hidden)."""
        if self.result is None:
            return ""
        if self.result.clustered:
            return f"clustered by school ({self.result.schools} schools)"
        return "pupil-level (one school)"

    @property
    def p_text(self) -> str:
        """The p-value as shown: NOT_DEFINED below the schools needed for one, SUPPRESSED when hidden."""
        if self.result is None:
            return SUPPRESSED
        p = self.result.p
        return NOT_DEFINED if p is None else p_value_text(p)

    @property
    def d_z_text(self) -> str:
        return number_text(self.result.d_z, 2) if self.result else SUPPRESSED

    @property
    def d_z_ci_text(self) -> str:
        return interval_text(self.result.d_z_ci_low, self.result.d_z_ci_high, 2) if self.result else SUPPRESSED

    @property
    def g_z_text(self) -> str:
        return number_text(self.result.g_z, 2) if self.result else SUPPRESSED

    @property
    def d_av_text(self) -> str:
        return number_text(self.result.d_av, 2) if self.result else SUPPRESSED


def make_change(
    sums: PairedSums,
    pairs: Shown,
    school_groups: Sequence[SchoolGroup],
    decimals: int = KNOWLEDGE_DECIMALS,
    *,
    effect_sizes: bool = False,
) -> Change:
    """The change from stored sums and each school's (n, Σd, Σd²), hidden when the pair count is.

    Clustered by school when more than one school has pairs (``reports.stats_pooled``).
    ``effect_sizes`` asks for the noncentral-t interval of d_z for one school's figure
    (a root search, so only for an area's own figure, not for each breakdown row).
    """
    if isinstance(pairs, str) or sums.n < 2:
        return Change(decimals=decimals)
    return Change(pooled_change(sums.as_tuple(), school_groups, effect_size_interval=effect_sizes), decimals)
