"""Demo events of one assignment, each stored through the service a pupil's or teacher's page calls.

``Recorder`` makes up the pupil's answers (``answers``), calls the service and notes when
the event happened (``timeline.Stamps``). The services check every rule (a pre quiz only
while no lesson is done, a lesson finished alone only with its checks answered, ...), so a
demo row is exactly a row production could hold.
"""

from __future__ import annotations

import datetime
import random
import uuid
from dataclasses import dataclass

from courses.models import LessonPage, ModulePage, QuizVersion, SurveyVersion
from learning.models import ActivityKind, QuizAttempt, Wave
from learning.services.activities import record_activity_answer
from learning.services.lessons import complete_lesson, record_lesson_taught, record_position
from learning.services.quizzes import submit_quiz_attempt
from learning.services.surveys import submit_survey_response
from schools.models import Assignment, Pupil

from .answers import Profile, activity_choice, quiz_answers, survey_answers
from .timeline import Stamps, later

# Who tries the end-of-module quiz again, for practice: more of those who failed.
RETRY_AFTER_FAIL = 0.45
RETRY_AFTER_PASS = 0.08
MAX_PRACTICE = 2
# How much of the change in attitudes after the lessons is still there at the follow-up survey.
FOLLOW_UP_KEPT = 0.6
# How much attitudes move in a comparison class, without the lessons, between its two answers.
COMPARISON_DRIFT = 0.2


@dataclass(frozen=True)
class Activity:
    """A knowledge check or scenario of a lesson, and the slide it is on (from 1)."""

    block_id: str
    kind: str
    choices: tuple
    slide: int


@dataclass(frozen=True)
class LessonPlan:
    lesson: LessonPage
    slides: int
    activities: tuple[Activity, ...]


def lesson_plans(module: ModulePage) -> list[LessonPlan]:
    """The module's live lessons in order, as the pupil's lesson player shows them."""
    programme = module.get_parent().specific
    plans = []
    for lesson in module.lessons():
        slides = lesson.slides(programme=programme, for_pupils=True)
        activities = tuple(
            Activity(slide.id, slide.block_type, tuple(slide.bound_block.value["choices"]), number)
            for number, slide in enumerate(slides, start=1)
            if slide.block_type in ActivityKind.values
        )
        plans.append(LessonPlan(lesson, len(slides), activities))
    return plans


@dataclass(frozen=True)
class Learner:
    """A demo pupil, what they know and think, and the script of a printed demo login (or None)."""

    pupil: Pupil
    profile: Profile
    script: str | None = None


class Recorder:
    """Stores one assignment's demo events through the services and notes their moments."""

    def __init__(
        self,
        *,
        assignment: Assignment,
        plans: list[LessonPlan],
        quiz: QuizVersion | None,
        survey: SurveyVersion | None,
        rng: random.Random,
        stamps: Stamps,
    ) -> None:
        self.assignment = assignment
        self.plans = plans
        self.quiz_version = quiz
        self.survey_version = survey
        self.rng = rng
        self.stamps = stamps

    def _key(self) -> uuid.UUID:
        # From the class's seeded generator, so a re-run on an empty database gives the same keys.
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def evaluated(self, learner: Learner) -> bool:
        """Whether the pre and post questions are asked of this pupil at all."""
        return self.assignment.include_surveys and learner.pupil.in_evaluation

    def survey(self, learner: Learner, wave: str, at: datetime.datetime, *, skip: bool = False) -> None:
        """The pupil answers (or skips) the module survey of ``wave`` at ``at``, if it is asked of them."""
        if self.survey_version is None or not self.evaluated(learner):
            return
        profile = learner.profile
        # After the lessons the pupil's attitudes have moved; by the follow-up, partly back.
        kept = FOLLOW_UP_KEPT if wave == Wave.FOLLOW_UP else 1.0 if wave == Wave.POST else 0.0
        if self.assignment.is_comparison:
            # A comparison class has had no lessons: only a little drift from answering twice.
            kept *= COMPARISON_DRIFT
        attitude = min(max(profile.attitude + kept * profile.shift, 0), 1)
        answers = {}
        if not skip:
            comment = 0.15 if wave == Wave.POST else 0.03
            answers = survey_answers(self.survey_version.definition, attitude, self.rng, comment=comment)
        submit_survey_response(
            pupil=learner.pupil,
            assignment=self.assignment,
            version=self.survey_version,
            answers=answers,
            key=self._key(),
            wave=wave,
            skipped=skip,
            started_at=at - datetime.timedelta(minutes=self.rng.uniform(2, 6)),
        )
        self.stamps.responses[(learner.pupil.pk, wave)] = at

    def quiz(self, learner: Learner, wave: str, at: datetime.datetime, *, practice: int = 0) -> QuizAttempt | None:
        """The pupil submits the module quiz at ``at``: the baseline (pre) or the end-of-module quiz."""
        if self.quiz_version is None or (wave == Wave.PRE and not self.evaluated(learner)):
            return None
        skill = learner.profile.skill(
            after_lessons=wave == Wave.POST and not self.assignment.is_comparison, practice=practice
        )
        attempt = submit_quiz_attempt(
            pupil=learner.pupil,
            assignment=self.assignment,
            version=self.quiz_version,
            answers=quiz_answers(self.quiz_version.definition, skill, self.rng),
            key=self._key(),
            wave=wave,
            started_at=at - datetime.timedelta(minutes=self.rng.uniform(4, 9)),
        )
        self.stamps.attempts[(learner.pupil.pk, wave, attempt.number)] = at
        return attempt

    def practise(self, learner: Learner, first: QuizAttempt | None, at: datetime.datetime) -> datetime.datetime:
        """Some pupils take the end-of-module quiz again (practice); returns the last moment used."""
        attempt, practice = first, 0
        while attempt is not None and practice < MAX_PRACTICE:
            if self.rng.random() >= (RETRY_AFTER_PASS if attempt.passed else RETRY_AFTER_FAIL):
                break
            practice += 1
            at = later(at, self.rng.uniform(3, 40))
            attempt = self.quiz(learner, Wave.POST, at, practice=practice)
        return at

    def position(
        self, learner: Learner, plan: LessonPlan, slide: int, *, opened: datetime.datetime, at: datetime.datetime
    ) -> None:
        """The pupil opened the lesson at ``opened`` and had reached ``slide`` by ``at``."""
        record_position(pupil=learner.pupil, assignment=self.assignment, lesson=plan.lesson, position=slide)
        self.stamps.lesson(learner.pupil.pk, plan.lesson.pk, at, started=opened)

    def answer(
        self, learner: Learner, plan: LessonPlan, activity: Activity, at: datetime.datetime, *, in_class: bool = False
    ) -> None:
        """The pupil answers a knowledge check or scenario, knowing about half of what the lessons teach."""
        skill = min(0.95, learner.profile.knows + learner.profile.gain / 2)
        record_activity_answer(
            pupil=learner.pupil,
            assignment=self.assignment,
            lesson=plan.lesson,
            block_id=activity.block_id,
            choice=activity_choice(activity.kind, list(activity.choices), skill, self.rng),
            in_class=in_class,
        )
        self.stamps.activities[(learner.pupil.pk, plan.lesson.pk, activity.block_id)] = at

    def complete(self, learner: Learner, plan: LessonPlan, at: datetime.datetime) -> None:
        complete_lesson(pupil=learner.pupil, assignment=self.assignment, lesson=plan.lesson)
        self.stamps.lesson(learner.pupil.pk, plan.lesson.pk, at, completed=True)

    def taught(self, learners: list[Learner], plan: LessonPlan, at: datetime.datetime) -> None:
        """The teacher records the lesson as taught to the pupils present (the register)."""
        record_lesson_taught(assignment=self.assignment, lesson=plan.lesson, pupils=[x.pupil for x in learners])
        for learner in learners:
            self.stamps.lesson(learner.pupil.pk, plan.lesson.pk, at, completed=True)
