"""Plain-English readings of report figures, and the number formats they and the tables share.

Each reading is one or two sentences a councillor can read without statistics:
what happened, how sure we are (the 95% confidence interval), and from how many
pupils. A hidden figure reads as hidden, never as zero.
"""

from __future__ import annotations

import math
from typing import Protocol

from reports.disclosure import MIN_SCHOOLS, SUPPRESSED, threshold

NOT_DEFINED = "\u2013"  # an en dash: a figure that does not exist (not a hidden one)
MINUS = "\u2212"
PUBLISHED_KNOWLEDGE_G = 0.22
PUBLISHED_ATTITUDES_G = 0.14
PUBLISHED_EFFECTS = (
    "For scale: school-based programmes to prevent abuse in young people's relationships changed knowledge by "
    f"about g = {PUBLISHED_KNOWLEDGE_G} and attitudes by about g = {PUBLISHED_ATTITUDES_G}, compared with pupils "
    "who did not have them (De La Rue et al., 2017, a meta-analysis of 23 studies)."
)
NOT_CAUSE = (
    "A change from before to after the lessons, without a comparison group of pupils who did not have them, "
    "shows change, not cause: pupils also grow older and learn elsewhere."
)


def count_text(value: int | str) -> str:
    """A count with thousands separators ("1,204"), or the suppression mark."""
    return value if isinstance(value, str) else f"{value:,}"


def number_text(value: float, decimals: int = 1, *, signed: bool = False) -> str:
    """A number to ``decimals`` places ("+1.2" when signed, a true minus sign when negative); NOT_DEFINED for nan."""
    if math.isnan(value) or math.isinf(value):
        return NOT_DEFINED
    rounded = round(value, decimals)
    if rounded == 0:
        rounded = 0.0  # no "-0.0"
    text = f"{abs(rounded):,.{decimals}f}"
    if rounded < 0:
        return f"{MINUS}{text}"
    return f"+{text}" if signed and rounded > 0 else text


def percent_text(share: float) -> str:
    """A share (0 to 1) as a whole percentage: "62%"."""
    return f"{number_text(100 * share, 0)}%"


def interval_text(low: float, high: float, decimals: int = 1) -> str:
    """A confidence interval as "0.9 to 1.5"."""
    if any(math.isnan(v) or math.isinf(v) for v in (low, high)):
        return NOT_DEFINED
    return f"{number_text(low, decimals)} to {number_text(high, decimals)}"


def hidden_reading(what: str) -> str:
    return (
        f"{what[:1].upper()}{what[1:]} is hidden ({SUPPRESSED}): it would be about fewer than {threshold()} pupils "
        f"or {MIN_SCHOOLS} schools."
    )


def schools_reading(taking_part: int, eligible: int, others: int = 0) -> str:
    """How many of the eligible schools took part (with their share), and any others that did too."""
    if eligible == 0:
        sentence = "There are no eligible schools in this area."
    else:
        sentence = (
            f"{count_text(taking_part)} of the {count_text(eligible)} eligible schools took part "
            f"({percent_text(taking_part / eligible)})."
        )
    if others:
        sentence += f" {count_text(others)} other school{'s' if others != 1 else ''} also took part."
    return sentence


def rate_reading(numerator: int | str, denominator: int | str, low: float, high: float, *, did: str, of: str) -> str:
    """A rate in words, e.g. Of 1,200 pupils assigned a module, 740 completed it: 62% (95% CI 59% to 64%)."""
    if isinstance(numerator, str) or isinstance(denominator, str) or not denominator:
        return hidden_reading(f"the number of pupils who {did}")
    return (
        f"Of {count_text(denominator)} {of}, {count_text(numerator)} {did}: {percent_text(numerator / denominator)} "
        f"(95% CI {percent_text(low)} to {percent_text(high)})."
    )


class MeanAndInterval(Protocol):
    """What a reading needs of a change: ``reports.stats.PairedChange`` or a mean change alone."""

    @property
    def n(self) -> int: ...

    @property
    def mean_diff(self) -> float: ...

    @property
    def ci_low(self) -> float: ...

    @property
    def ci_high(self) -> float: ...


def change_reading(
    change: MeanAndInterval | None,
    *,
    subject: str,
    unit: str,
    decimals: int,
    pupils: str,
) -> str:
    """The reading under a before/after figure.

    ``subject`` is what changed ("Pupils' quiz scores"), ``unit`` how it is
    measured ("points out of 100"), ``pupils`` who the pairs are ("pupils who did
    both quizzes"). For example: "Pupils' quiz scores rose by 12.3 points out of
    100 (95% CI 9.1 to 15.5), from 412 pupils who did both quizzes."
    """
    if change is None:
        return hidden_reading(f"the change in {subject[:1].lower()}{subject[1:]}")
    size = round(change.mean_diff, decimals)
    ci = interval_text(change.ci_low, change.ci_high, decimals)
    source = f"from {count_text(change.n)} {pupils}"
    if size == 0:
        sentence = f"{subject} did not change on average (95% CI {ci}), {source}."
    else:
        verb = "rose" if size > 0 else "fell"
        sentence = f"{subject} {verb} by {number_text(abs(size), decimals)} {unit} (95% CI {ci}), {source}."
    if change.ci_low <= 0 <= change.ci_high:
        sentence += " The interval includes no change at all, so this could be chance."
    return sentence


def alpha_reading(alpha: float, low: float, high: float, n: int) -> str:
    """How well a scale's items hang together, in words (Cronbach's alpha with its interval)."""
    if math.isnan(alpha):
        return "Cronbach's alpha cannot be worked out: pupils' totals on the scale did not vary."
    if alpha >= 0.8:
        verdict = "The statements on this scale agree well with each other"
    elif alpha >= 0.7:
        verdict = "The statements on this scale agree acceptably with each other"
    elif alpha >= 0.6:
        verdict = "The statements on this scale agree only moderately with each other, so read its changes with care"
    else:
        verdict = "The statements on this scale do not agree well with each other, so it may not measure one thing"
    return (
        f"{verdict} (Cronbach's alpha {number_text(alpha, 2)}, 95% CI {interval_text(low, high, 2)}, "
        f"from {count_text(n)} pupils)."
    )


def evidence_reading(
    *, pairs: int, schools: int, mde: float, published: float, outcome: str, compared_with: str
) -> str:
    """What the evaluation can detect in ``outcome``, beside what comparable programmes did to ``compared_with``."""
    comparison = (
        "an effect of that size would be detected"
        if mde <= published
        else "an effect of that size could be missed: more pupils and schools are needed"
    )
    school_word = "school" if schools == 1 else "schools"
    return (
        f"With {count_text(pairs)} pupils in {count_text(schools)} {school_word}, the smallest change in {outcome} "
        f"this evaluation can reliably detect is {number_text(mde, 2)} standard deviations. Published programmes "
        f"changed {compared_with} by about {number_text(published, 2)}, so {comparison}."
    )
