"""Building pupils' progress and answers through the learning services, for the rollup tests."""

import datetime
import uuid
from dataclasses import dataclass

import pytest
from django.core.cache import cache

from courses.versioning import record_version
from learning.models import Wave
from learning.services.lessons import complete_lesson
from learning.services.quizzes import submit_quiz_attempt
from learning.services.surveys import submit_survey_response
from schools.models import Assignment
from tests.factories import (
    LessonPageFactory,
    ModulePageFactory,
    QuizFactory,
    SchoolFactory,
    SurveyFactory,
    likert,
    pupil,
    school_class,
    single_choice,
    staff,
    stream,
)

# Answers to the two-question quiz (q1 correct "a", q2 correct "b") scoring 0, 1 or 2 out of 2.
QUIZ_ANSWERS = {2: {"q1": ["a"], "q2": ["b"]}, 1: {"q1": ["a"], "q2": ["a"]}, 0: {"q1": ["b"], "q2": ["a"]}}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Built dashboards are cached by the rollups' version: each test starts with none."""
    cache.clear()


@pytest.fixture
def module(programme):
    """A module of the programme, for rollup rows written straight into the tables."""
    return ModulePageFactory(parent=programme, title="Healthy relationships")


@dataclass
class Evaluated:
    """A module with one lesson, a two-question quiz (pass mark 70%) and a survey with two scales:
    "attitudes" (a1, a2 reverse-scored, a3) and "safety" (b1, b2), all 1 to 5."""

    module: object
    lessons: list
    quiz_version: object
    survey_version: object


@pytest.fixture
def evaluated(programme) -> Evaluated:
    quiz = QuizFactory(questions=stream([single_choice("q1", correct=0), single_choice("q2", correct=1)]))
    survey = SurveyFactory(
        key="respect-survey",
        questions=stream(
            [
                likert("a1"),
                likert("a2", reverse=True),
                likert("a3"),
                likert("b1", subscale="safety"),
                likert("b2", subscale="safety"),
            ]
        ),
    )
    module = ModulePageFactory(parent=programme, knowledge_quiz=quiz, attitude_survey=survey)
    lessons = [LessonPageFactory(parent=module)]
    return Evaluated(module, lessons, record_version(instrument=quiz), record_version(instrument=survey))


def assign(evaluated: Evaluated, school=None, *, year_group: int = 9, name: str = "9R", opens_on=None) -> Assignment:
    """The module assigned to a new class of the school (a new school if none), opening in autumn."""
    school = school or SchoolFactory()
    klass = school_class(school, staff(school), name=name, year_group=year_group)
    return Assignment.objects.create(
        school_class=klass, module=evaluated.module, opens_on=opens_on or datetime.date(klass.academic_year, 10, 1)
    )


def add_pupil(assignment: Assignment, name: str = "Ava", **fields):
    return pupil(assignment.school_class, name, **fields)[0]


def work(
    evaluated: Evaluated,
    assignment: Assignment,
    who,
    *,
    pre_survey: dict | None = None,
    skip_pre_survey: bool = False,
    pre_quiz: int | None = None,
    finish: bool = True,
    post_quiz: int | None = None,
    post_survey: dict | None = None,
) -> None:
    """A pupil's way through the module, in the order the services allow: the pre survey and
    pre quiz before the lessons, the end-of-module quiz and post survey after them."""
    if pre_survey is not None or skip_pre_survey:
        _survey(evaluated, assignment, who, Wave.PRE, pre_survey or {}, skipped=skip_pre_survey)
    if pre_quiz is not None:
        _quiz(evaluated, assignment, who, Wave.PRE, pre_quiz)
    if finish:
        for lesson in evaluated.lessons:
            complete_lesson(pupil=who, assignment=assignment, lesson=lesson)
    if post_quiz is not None:
        _quiz(evaluated, assignment, who, Wave.POST, post_quiz)
    if post_survey is not None:
        _survey(evaluated, assignment, who, Wave.POST, post_survey)


def _quiz(evaluated, assignment, who, wave, score):
    submit_quiz_attempt(
        pupil=who,
        assignment=assignment,
        version=evaluated.quiz_version,
        answers=QUIZ_ANSWERS[score],
        key=uuid.uuid4(),
        wave=wave,
    )


def _survey(evaluated, assignment, who, wave, answers, skipped=False):
    submit_survey_response(
        pupil=who,
        assignment=assignment,
        version=evaluated.survey_version,
        answers={key: str(value) for key, value in answers.items()},
        key=uuid.uuid4(),
        wave=wave,
        skipped=skipped,
    )


def populate(evaluated: Evaluated, assignment: Assignment, count: int) -> list:
    """``count`` pupils who do everything: every kind of row the rollups read, for each of them."""
    pupils = []
    for i in range(count):
        who = add_pupil(assignment, f"Pupil{i}", gender="female" if i % 2 else "male")
        work(
            evaluated,
            assignment,
            who,
            pre_survey={"a1": 1 + i % 5, "a2": 2, "a3": 3, "b1": 4, "b2": 5 - i % 5},
            pre_quiz=i % 3,
            post_quiz=2,
            post_survey={"a1": 5, "a2": 1 + i % 5, "a3": 4, "b1": 5, "b2": 4},
        )
        pupils.append(who)
    return pupils
