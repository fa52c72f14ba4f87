"""The "for analysts" lines behind each outcome: effect sizes, p-values, clustering and reliability.

A commissioner reads the plain words first (``reports.readings.Reading``); the
technical figures sit behind a disclosure, one line per outcome, and every line
names its module and its measure, so a line copied out of the page still says
what it is about.

p-values of the attitude scales are Holm-adjusted across the scales shown
(``holm_adjusted``): with several scales, one of them "significant" by chance
alone is likely, and Holm's step-down method keeps the chance of any false
claim among them at 5% (Holm, S. 1979, Scandinavian Journal of Statistics 6,
65-70; statsmodels' ``multipletests``). Knowledge, the programme's primary
outcome, keeps its own p-value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from statsmodels.stats.multitest import multipletests

from reports.dashboard_changes import Change
from reports.disclosure import SUPPRESSED
from reports.readings import NOT_DEFINED, count_text, number_text, p_value_text

ALL_MODULES = "All modules"


@dataclass(frozen=True)
class AnalystLine:
    """One outcome's technical figures, as text ("c" when hidden, NOT_DEFINED when they do not exist)."""

    module: str
    measure: str
    pairs: str
    d_z: str = SUPPRESSED
    g_z: str = SUPPRESSED
    d_av: str = SUPPRESSED
    p: str = SUPPRESSED
    p_note: str = ""
    icc: str = SUPPRESSED
    design_effect: str = SUPPRESSED
    interval: str = SUPPRESSED
    alpha: str = NOT_DEFINED


def analyst_line(
    *, module: str, measure: str, pairs: str, change: Change, p: float | None, p_note: str = "", alpha: str = ""
) -> AnalystLine:
    """The line for one outcome from its shown change; ``p`` is the p-value to show (None: none)."""
    result = change.result
    if result is None:
        return AnalystLine(module=module, measure=measure, pairs=pairs, alpha=alpha or NOT_DEFINED)
    kind = f"CR2 clustered, {result.schools} schools" if result.clustered else "pupil-level, one school"
    interval = f"{kind}; t on {count_text(result.df)} df"
    return AnalystLine(
        module=module,
        measure=measure,
        pairs=pairs,
        # The column's heading says "(95% CI)": the cell gives the figure and its interval, as the g column does.
        d_z=f"{change.d_z_text} ({change.d_z_ci_text})",
        g_z=change.g_z_text,
        d_av=change.d_av_text,
        p=NOT_DEFINED if p is None else p_value_text(p),
        p_note=p_note if p is not None else _no_p_reason(change),
        icc=number_text(result.icc, 3),
        design_effect=number_text(result.design_effect, 2),
        interval=interval,
        alpha=alpha or NOT_DEFINED,
    )


def _no_p_reason(change: Change) -> str:
    result = change.result
    if result is not None and result.few_schools:
        return f"not given: fewer than 10 schools ({result.schools})"
    return ""


def holm_adjusted(p_values: Sequence[float | None]) -> list[float | None]:
    """Holm's step-down adjustment of the p-values given; None stays None and is not in the family.

    For m p-values in ascending order p₍₁₎ ≤ … ≤ p₍ₘ₎ the adjusted value is
    max over j ≤ i of min(1, (m - j + 1)·p₍ⱼ₎) (statsmodels ``multipletests``,
    method "holm"). With m = 3: 0.01, 0.04, 0.03 become 0.03, 0.06, 0.06.
    """
    present = [i for i, p in enumerate(p_values) if p is not None]
    adjusted: list[float | None] = [None] * len(p_values)
    if not present:
        return adjusted
    _, corrected, _, _ = multipletests([p_values[i] for i in present], method="holm")
    for i, value in zip(present, corrected, strict=True):
        adjusted[i] = float(value)
    return adjusted
