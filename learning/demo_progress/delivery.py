"""How a demo class went through its module: alone (self-paced) or taught in class.

Self-paced: each pupil starts on some school day, answers the pre survey and baseline quiz,
works through the lessons in one or more sittings (in school or in the evening), and at the
end takes the quiz (some again, for practice) and answers the post survey. Some stop part
way, a few never start.

In class: the teacher teaches the lessons so far on spread-out school days, in the class's
period, to the pupils present (85-95 % attendance, and sometimes one pupil away all along).
Present pupils answer the pre survey and quiz at the start of the first lesson and the
checks and scenarios during each; a few who missed it answer the pre questions at home that
evening. After the last lesson, the pupils who had every lesson take the quiz and the post
survey.

Printed demo logins follow a script instead of chance (see ``learning.demo_data``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from learning.models import ActivityKind, Wave

from .recorder import Learner, LessonPlan, Recorder
from .timeline import later, moment

IN_PROGRESS = "in_progress"
FRESH = "fresh"

# Self-paced: how far pupils have got, with weights.
STAGES = {"none": 10, "opened": 8, "partway": 27, "lessons": 7, "complete": 48}
# Periods a class may have its lessons in (minutes after midnight).
PERIODS = (9 * 60, 10 * 60 + 5, 11 * 60 + 25, 13 * 60 + 30, 14 * 60 + 35)
LESSON_MINUTES = 45


@dataclass(frozen=True)
class Journey:
    """How far one self-paced pupil got. ``stop_slide``: the slide reached in the next lesson (0: not opened)."""

    pre_survey: str | None = None  # "answer", "skip" or None (not answered)
    pre_quiz: bool = False
    lessons_done: int = 0
    stop_slide: int = 0
    post_quiz: bool = False
    post_survey: str | None = None


def _survey_choice(rec: Recorder, answer: float, skip: float) -> str | None:
    return rec.rng.choices(["answer", "skip", None], weights=[answer, skip, 1 - answer - skip])[0]


def _journey(rec: Recorder, learner: Learner) -> Journey:
    plans, rng = rec.plans, rec.rng
    if learner.script == FRESH:
        return Journey()
    if learner.script == IN_PROGRESS:
        # The first lesson done, the second opened at its first activity.
        done = min(1, len(plans) - 1)
        opened = plans[done]
        stop = opened.activities[0].slide if opened.activities else max(opened.slides // 2, 1)
        return Journey("answer", True, lessons_done=done, stop_slide=stop)
    stage = rng.choices(list(STAGES), weights=list(STAGES.values()))[0]
    if stage == "none":
        return Journey()
    pre_survey, pre_quiz = _survey_choice(rec, 0.9, 0.05), rng.random() < 0.85
    if stage == "opened":
        return Journey(pre_survey, pre_quiz, stop_slide=rng.choice([0, rng.randint(1, 3)]))
    if stage == "partway" and len(plans) > 1:
        done = rng.randint(1, len(plans) - 1)
        stop = rng.choice([0, rng.randint(1, plans[done].slides - 1)])
        return Journey(pre_survey, pre_quiz, lessons_done=done, stop_slide=stop)
    if stage == "lessons":
        return Journey(pre_survey, pre_quiz, lessons_done=len(plans), post_quiz=rng.random() < 0.5)
    post_survey = rng.choices(["answer", "skip"], weights=[0.95, 0.05])[0]
    return Journey(pre_survey, pre_quiz, lessons_done=len(plans), post_quiz=True, post_survey=post_survey)


def _session(rec: Recorder, day: datetime.date) -> datetime.datetime:
    """When a pupil sits down to work: a school period or (less often) after school."""
    if rec.rng.random() < 0.6:
        return moment(day, rec.rng.randint(9 * 60, 15 * 60))
    return moment(day, rec.rng.randint(16 * 60, 18 * 60 + 30))


def _next_sitting(rec: Recorder, days: list[datetime.date], index: int, at: datetime.datetime):
    """Carry on now, or in a new sitting a day or two later (if that day has come yet)."""
    if rec.rng.random() < 0.55 and index + 1 < len(days):
        index = min(len(days) - 1, index + rec.rng.randint(1, 2))
        return index, _session(rec, days[index])
    return index, later(at, rec.rng.uniform(1, 5))


def _work_through(rec: Recorder, learner: Learner, plan: LessonPlan, at: datetime.datetime, *, last: int, finish: bool):
    """Go through a lesson's slides up to ``last``, answering its activities, and maybe finish it.

    The player records every slide viewed, but only the furthest one changes the row, so
    one ``record_position`` call for the slide reached leaves the same row behind.
    """
    rng = rec.rng
    opened = at
    for activity in plan.activities:
        if activity.slide > last:
            break
        at = later(at, rng.uniform(2, 6))
        required = finish and activity.kind == ActivityKind.KNOWLEDGE_CHECK
        if required or rng.random() < 0.88:
            at = later(at, rng.uniform(0.5, 2))
            rec.answer(learner, plan, activity, at)
    at = later(at, rng.uniform(2, 6))
    rec.position(learner, plan, last, opened=opened, at=at)
    if finish:
        at = later(at, rng.uniform(0.3, 1))
        rec.complete(learner, plan, at)
    return at


def work_alone(rec: Recorder, learners: list[Learner], days: list[datetime.date]) -> None:
    """Every pupil of a self-paced assignment, one after another."""
    rng, plans = rec.rng, rec.plans
    for learner in learners:
        journey = _journey(rec, learner)
        if journey == Journey():
            continue
        index = min(rng.randrange(len(days)), rng.randrange(len(days)))  # most start early on
        at = _session(rec, days[index])
        if journey.pre_survey:
            rec.survey(learner, Wave.PRE, at, skip=journey.pre_survey == "skip")
            at = later(at, rng.uniform(3, 6))
        if journey.pre_quiz:
            rec.quiz(learner, Wave.PRE, at)
            at = later(at, rng.uniform(3, 8))
        opened = journey.lessons_done + (1 if journey.stop_slide else 0)
        for number, plan in enumerate(plans[:opened]):
            if number:
                index, at = _next_sitting(rec, days, index, at)
            finish = number < journey.lessons_done
            last = plan.slides if finish else min(journey.stop_slide, plan.slides)
            at = _work_through(rec, learner, plan, at, last=last, finish=finish)
        if journey.lessons_done < len(plans):
            continue
        if journey.post_quiz:
            index, at = _next_sitting(rec, days, index, later(at, 1))
            at = rec.practise(learner, rec.quiz(learner, Wave.POST, at), at)
        if journey.post_survey:
            rec.survey(learner, Wave.POST, later(at, rng.uniform(1, 4)), skip=journey.post_survey == "skip")


def _lesson_days(rec: Recorder, days: list[datetime.date]) -> list[datetime.date]:
    """The days the lessons so far were taught: most classes have had them all, some not yet."""
    count = len(rec.plans)
    taught = rec.rng.choices([count, max(count - 1, 1), 1], weights=[6, 3, 1])[0]
    taught = min(taught, len(days))
    return [days[round((k + 0.5) * len(days) / taught - 0.5)] for k in range(taught)]


def _present(rec: Recorder, learners: list[Learner], away: Learner | None, *, lesson: int, last: bool) -> list[Learner]:
    """Who was in the lesson: each pupil with the lesson's attendance rate, printed logins by their script."""
    attendance = rec.rng.uniform(0.85, 0.95)
    present = []
    for learner in learners:
        if learner.script == FRESH or learner is away:
            continue
        if learner.script == IN_PROGRESS:
            # At the first lesson (pre questions done), away for the last one: work in progress.
            if lesson == 0 or not last:
                present.append(learner)
        elif rec.rng.random() < attendance:
            present.append(learner)
    return present


def _pre_questions(rec: Recorder, learner: Learner, at: datetime.datetime, *, in_lesson: bool) -> None:
    rng = rec.rng
    scripted = learner.script == IN_PROGRESS
    choice = "answer" if scripted else _survey_choice(rec, 0.93 if in_lesson else 0.85, 0.04)
    if choice:
        rec.survey(learner, Wave.PRE, at, skip=choice == "skip")
    if scripted or rng.random() < 0.92:
        rec.quiz(learner, Wave.PRE, later(at, rng.uniform(4, 9)))


def teach_in_class(rec: Recorder, learners: list[Learner], days: list[datetime.date]) -> None:
    """The lessons taught so far to an in-class assignment, then the end-of-module quiz and survey."""
    rng, plans = rec.rng, rec.plans
    lesson_days = _lesson_days(rec, days)
    period = rng.choice(PERIODS)
    unscripted = [learner for learner in learners if learner.script is None]
    away = rng.choice(unscripted) if unscripted and rng.random() < 0.5 else None
    had = {learner.pupil.pk: 0 for learner in learners}
    all_taught = len(lesson_days) == len(plans)
    for number, (plan, day) in enumerate(zip(plans, lesson_days, strict=False)):
        start = moment(day, period)
        present = _present(rec, learners, away, lesson=number, last=all_taught and number == len(plans) - 1)
        if number == 0:
            for learner in present:
                _pre_questions(rec, learner, later(start, rng.uniform(2, 6)), in_lesson=True)
        for index, activity in enumerate(plan.activities):
            at = later(start, 16 + 9 * index + rng.uniform(0, 3))
            for learner in present:
                if rng.random() < 0.92:
                    rec.answer(learner, plan, activity, later(at, rng.uniform(0, 1.5)), in_class=True)
        rec.taught(present, plan, later(start, LESSON_MINUTES))
        for learner in present:
            had[learner.pupil.pk] += 1
        if number == 0:
            evening = moment(day, rng.randint(17 * 60, 20 * 60))
            for learner in unscripted:
                if not had[learner.pupil.pk] and learner is not away and rng.random() < 0.4:
                    _pre_questions(rec, learner, evening, in_lesson=False)
    if not all_taught:
        return
    end = later(moment(lesson_days[-1], period), LESSON_MINUTES + 1)
    evening = moment(lesson_days[-1], rng.randint(17 * 60, 19 * 60))
    for learner in unscripted:
        if had[learner.pupil.pk] < len(plans):
            continue
        roll = rng.random()
        if roll < 0.05:
            continue
        at = later(end, rng.uniform(0, 3)) if roll < 0.9 else evening
        first = rec.quiz(learner, Wave.POST, at)
        choice = _survey_choice(rec, 0.9, 0.04)
        if choice:
            rec.survey(learner, Wave.POST, later(at, rng.uniform(2, 5)), skip=choice == "skip")
        rec.practise(learner, first, later(evening, rng.uniform(0, 60)))
