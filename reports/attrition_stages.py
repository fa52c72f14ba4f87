"""How far each assigned pupil got through the evaluation: the steps of the attrition flow.

The flow follows CONSORT (Schulz, Altman & Moher 2010, Figure 1): every pupil assigned a
module is counted once, at the last step they reached, each step a subset of the one before.

1. Assigned: on the class list, or with progress in the assignment.
2. In the evaluation: not opted out and not withdrawn (those are counted as exclusions,
   withdrawn first when a pupil is both).
3. Answered before the lessons: the quiz or the survey before the lessons (a skipped
   survey is not an answer).
4. Lessons complete: every lesson of the module done.
5. Answered after the lessons: the end-of-module quiz or the survey after.
6. Matched pair: a quiz or survey pair in order (``learning.pair_order``); those answered
   after but without a valid pair are counted by the pair reasons in ``reports.pairs_left_out``.
7. Follow-up: also answered the follow-up survey, in order after the survey before the
   lessons (pre < first lesson <= follow-up).

The rollups keep, per row, how many pupils reached each step (``FlowTotals``), so any
area's flow is a sum over rows; who is lost at a step is the difference of two steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Step(IntEnum):
    IN_EVALUATION = 0
    PRE = 1
    LESSONS = 2
    POST = 3
    MATCHED = 4
    FOLLOW_UP = 5


def step_reached(*, pre: bool, lessons_complete: bool, post: bool, matched: bool, follow_up: bool) -> Step:
    """The last step an in-evaluation pupil reached, each step needing every one before it."""
    reached = Step.IN_EVALUATION
    for step, done in (
        (Step.PRE, pre),
        (Step.LESSONS, lessons_complete),
        (Step.POST, post),
        (Step.MATCHED, matched),
        (Step.FOLLOW_UP, follow_up),
    ):
        if not done:
            break
        reached = step
    return reached


@dataclass
class FlowTotals:
    """Pupils excluded from the evaluation, and in-evaluation pupils reaching each step (and every one before it)."""

    opted_out: int = 0
    withdrawn: int = 0
    pre: int = 0
    lessons: int = 0
    post: int = 0
    matched: int = 0
    follow_up: int = 0

    def exclude(self, *, withdrawn: bool) -> None:
        if withdrawn:
            self.withdrawn += 1
        else:
            self.opted_out += 1

    def add(self, step: Step) -> None:
        self.pre += step >= Step.PRE
        self.lessons += step >= Step.LESSONS
        self.post += step >= Step.POST
        self.matched += step >= Step.MATCHED
        self.follow_up += step >= Step.FOLLOW_UP


@dataclass
class BaselineTotals:
    """The knowledge score before the lessons (% of the maximum) of pupils with and without an end-of-module quiz."""

    with_post: int = 0
    with_post_sum: float = 0.0
    with_post_sumsq: float = 0.0
    without_post: int = 0
    without_post_sum: float = 0.0
    without_post_sumsq: float = 0.0

    def add(self, pre_percent: float, *, has_post: bool) -> None:
        if has_post:
            self.with_post += 1
            self.with_post_sum += pre_percent
            self.with_post_sumsq += pre_percent * pre_percent
        else:
            self.without_post += 1
            self.without_post_sum += pre_percent
            self.without_post_sumsq += pre_percent * pre_percent
