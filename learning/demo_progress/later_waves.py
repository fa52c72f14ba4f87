"""Demo waves without the lessons and after them: a comparison (wait-list) class, and the follow-up survey.

- A comparison class answers the quiz and survey before, then again from the day its post
  wave opens, with no lesson in between (the services refuse anything else).
- A class whose module opened long enough ago is asked the follow-up survey: its teacher
  opens a window a few days ago, and most pupils who answered the survey after the lessons
  answer it, their attitudes partly back towards where they started.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from learning.models import Wave
from learning.services.surveys import open_follow_up

from .delivery import FRESH, IN_PROGRESS
from .recorder import Learner, Recorder
from .timeline import later, moment, school_days

# Who answers each wave in a comparison class, and who answers the follow-up survey.
COMPARISON_PRE = 0.9
COMPARISON_POST = 0.85
FOLLOW_UP_SHARE = 0.75
# A follow-up survey is asked only of classes whose module opened at least this long ago.
FOLLOW_UP_AFTER = datetime.timedelta(days=21)
FOLLOW_UP_WINDOW_DAYS = 14


def compare_without_lessons(rec: Recorder, learners: list[Learner], days: list[datetime.date]) -> None:
    """A comparison class: the questions before on its first days, after from its post wave's day on."""
    rng = rec.rng
    post_on = rec.assignment.post_wave_on
    before = [day for day in days if post_on is None or day < post_on] or days[:1]
    after = [day for day in days if post_on is not None and day >= post_on]
    for learner in learners:
        # A printed demo login starts fresh, or with only the questions before answered.
        if learner.script == FRESH or rng.random() >= COMPARISON_PRE:
            continue
        at = moment(before[min(rng.randrange(len(before)), 2)], rng.randint(9 * 60, 15 * 60))
        rec.survey(learner, Wave.PRE, at)
        rec.quiz(learner, Wave.PRE, later(at, rng.uniform(3, 8)))
        if learner.script == IN_PROGRESS or not after or rng.random() >= COMPARISON_POST:
            continue
        at = moment(rng.choice(after[:3]), rng.randint(9 * 60, 15 * 60))
        rec.quiz(learner, Wave.POST, at)
        rec.survey(learner, Wave.POST, later(at, rng.uniform(2, 5)))


def asks_follow_up(rec: Recorder) -> bool:
    """Whether this demo class is asked the follow-up survey: a programme class, opened long enough ago."""
    assignment = rec.assignment
    return (
        rec.survey_version is not None
        and not assignment.is_comparison
        and assignment.opens_on <= timezone.localdate() - FOLLOW_UP_AFTER
    )


def answer_follow_up(rec: Recorder, learners: list[Learner]) -> None:
    """The teacher opens the follow-up window a few days ago; most who answered after the lessons answer it."""
    today = timezone.localdate()
    opens_on = today - datetime.timedelta(days=4)
    open_follow_up(
        assignment=rec.assignment,
        opens_on=opens_on,
        closes_on=today + datetime.timedelta(days=FOLLOW_UP_WINDOW_DAYS),
        actor=rec.assignment.assigned_by,
    )
    days = school_days(opens_on, today)
    for learner in learners:
        post_at = rec.stamps.responses.get((learner.pupil.pk, Wave.POST))
        # Only after the survey after the lessons, on a day of the window that has come.
        open_days = [day for day in days if post_at is not None and day > timezone.localtime(post_at).date()]
        if not open_days or rec.rng.random() >= FOLLOW_UP_SHARE:
            continue
        rec.survey(learner, Wave.FOLLOW_UP, moment(rec.rng.choice(open_days), rec.rng.randint(9 * 60, 15 * 60)))
