"""Plain-English readings of report figures, and the number formats they and the tables share.

Each reading is one or two sentences a councillor can read without statistics:
what happened, how sure we are (the 95% confidence interval), and from how many
pupils. A hidden figure reads as hidden, never as zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

from reports.disclosure import SUPPRESSED, why_hidden
from reports.stats_pooled import MIN_SCHOOLS_FOR_P

NOT_DEFINED = "\u2013"  # an en dash: a figure that does not exist (not a hidden one)
MINUS = "\u2212"
PUBLISHED_KNOWLEDGE_G = 0.22
PUBLISHED_ATTITUDES_G = 0.14
PUBLISHED_EFFECTS = (
    "Published evaluations of school-based programmes to prevent abuse in young people's relationships found "
    f"effects of about g = {PUBLISHED_KNOWLEDGE_G} on knowledge and g = {PUBLISHED_ATTITUDES_G} on attitudes, "
    "comparing pupils who had a programme with pupils who did not (De La Rue et al., 2017, a meta-analysis of 23 "
    "studies). A before-and-after change in the same pupils is a different measure and is not set beside them: "
    "only the difference in change between classes with the lessons and comparison (wait-list) classes without "
    "them is."
)
NOT_CAUSE = (
    "A change from before to after the lessons is not proof that the lessons caused it. Without pupils who did not "
    "have the lessons to compare with, it can also come from pupils growing older and learning elsewhere "
    "(maturation); from taking the same quiz or survey twice (the retest effect); from who took part and who "
    "dropped out before the second quiz or survey (selection and attrition); from pupils giving the answers they "
    "think are wanted (social desirability); and from pupils who scored unusually low or high the first time "
    "scoring nearer their usual the second (regression to the mean)."
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
    return f"{what[:1].upper()}{what[1:]} is hidden ({SUPPRESSED}) because {why_hidden()}."


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
    """What a reading needs of a change: ``reports.stats_pooled.PooledChange``."""

    @property
    def n(self) -> int: ...

    @property
    def mean_diff(self) -> float: ...

    @property
    def ci_low(self) -> float: ...

    @property
    def ci_high(self) -> float: ...

    @property
    def clustered(self) -> bool: ...

    @property
    def schools(self) -> int: ...

    @property
    def few_schools(self) -> bool: ...


NOT_SHOWN = (
    "It does not show that the lessons caused the change: pupils' answers can change for other reasons too "
    "(see how strong the evidence is)."
)


@dataclass(frozen=True)
class Reading:
    """A figure in plain words, in the order a commissioner asks: who took part, what changed, how sure we are,
    and what it does not show. ``str()`` gives the sentences as one paragraph."""

    took_part: str
    changed: str = ""
    how_sure: str = ""
    not_shown: str = ""

    def __str__(self) -> str:
        return " ".join(part for part in (self.took_part, self.changed, self.how_sure, self.not_shown) if part)

    @property
    def parts(self) -> list[tuple[str, str]]:
        """(question, answer) pairs for a summary list, leaving out unanswered ones."""
        questions = ("Who took part", "What changed", "How sure we are", "What it does not show")
        answers = (self.took_part, self.changed, self.how_sure, self.not_shown)
        return [(question, answer) for question, answer in zip(questions, answers, strict=True) if answer]

    @property
    def hidden(self) -> bool:
        """A hidden figure: its reading is one sentence saying so, with nothing changed to report."""
        return not self.changed


def change_reading(
    change: MeanAndInterval | None,
    *,
    subject: str,
    unit: str,
    decimals: int,
    pupils: str,
) -> Reading:
    """A before/after figure in plain words: who took part, what changed, how sure we are, what it does not show.

    ``subject`` is what changed ("Pupils' quiz scores"), ``unit`` how it is
    measured ("points out of 100"), ``pupils`` who the pairs are ("pupils who did
    both quizzes"). For example: "412 pupils who did both quizzes, in 14 schools.
    Pupils' quiz scores rose by 12.3 points out of 100 on average. The 95%
    confidence interval is 9.1 to 15.5: it allows for pupils in the same school
    answering alike." With fewer than 10 schools it says the interval is wide
    because few schools took part; for one school, that the interval is pupil-level.
    """
    if change is None:
        return Reading(hidden_reading(f"the change in {subject[:1].lower()}{subject[1:]}"))
    size = round(change.mean_diff, decimals)
    where = f", in {count_text(change.schools)} schools" if change.clustered else ", in one school"
    if size == 0:
        changed = f"{subject} did not change on average."
    else:
        verb = "rose" if size > 0 else "fell"
        changed = f"{subject} {verb} by {number_text(abs(size), decimals)} {unit} on average."
    how_sure = (
        f"The 95% confidence interval is {interval_text(change.ci_low, change.ci_high, decimals)}. "
        + interval_reading(change)
    )
    if change.ci_low <= 0 <= change.ci_high:
        how_sure += " The interval includes no change at all, so this could be chance."
    return Reading(f"{count_text(change.n)} {pupils}{where}.", changed, how_sure, NOT_SHOWN)


def interval_reading(change: MeanAndInterval) -> str:
    """One sentence on what the interval allows for: schools, few schools, or one school's pupils."""
    if not change.clustered:
        return (
            "This is one school's figure: its interval treats the school's pupils as independent (pupil-level) "
            "and says nothing about other schools."
        )
    if change.few_schools:
        return (
            f"The interval is wide because few schools took part ({count_text(change.schools)}): pupils in the same "
            f"school answer alike, so the number of schools limits how sure we can be. No p-value is given for fewer "
            f"than {MIN_SCHOOLS_FOR_P} schools."
        )
    return "The interval allows for pupils in the same school answering alike."


def p_value_text(p: float) -> str:
    """A p-value as shown: "p < 0.001" below a thousandth, else to 3 decimal places ("p = 0.042")."""
    if math.isnan(p):
        return NOT_DEFINED
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


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


def evidence_reading(*, pairs: int, schools: int, mde: float, outcome: str) -> str:
    """What the evaluation can detect in ``outcome``: a before/after change, in standard deviations of the changes.

    It is never set beside published between-group effects (programme against
    comparison pupils): a within-pupil change is a different quantity.
    """
    school_word = "school" if schools == 1 else "schools"
    return (
        f"With {count_text(pairs)} pupils in {count_text(schools)} {school_word}, the smallest before-to-after change "
        f"in {outcome} this evaluation can reliably detect is {number_text(mde, 2)} standard deviations of pupils' "
        "changes."
    )
