import json
from dataclasses import dataclass

import pytest
from django.utils import timezone

from courses.models import ModulePage
from courses.versioning import record_version
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


@dataclass
class Course:
    assignment: object
    lessons: list
    version: object
    pupil: object
    other_pupil: object
    teacher: object


@pytest.fixture
def course(programme):
    """A module with two lessons and a two-question quiz, assigned to a class with two pupils."""
    quiz = QuizFactory(questions=stream([single_choice("q1", correct=0), single_choice("q2", correct=1)]))
    module = ModulePageFactory(parent=programme, knowledge_quiz=quiz)
    lessons = [LessonPageFactory(parent=module), LessonPageFactory(parent=module)]
    version = record_version(instrument=quiz)
    school = SchoolFactory()
    teacher = staff(school)
    klass = school_class(school, teacher)
    first, _ = pupil(klass, "Ava")
    second, _ = pupil(klass, "Ben")
    assignment = Assignment.objects.create(school_class=klass, module=module, opens_on=timezone.localdate())
    return Course(assignment, lessons, version, first, second, teacher)


@pytest.fixture
def interactive_lesson(course):
    """The first lesson gets a knowledge check and a scenario (slides 2 and 3 of 4)."""
    lesson = course.lessons[0]
    lesson.body = json.dumps(
        [
            {
                "type": "knowledge_check",
                "value": {
                    "question": "Can someone change their mind?",
                    "choices": [{"text": "Yes, at any time", "correct": True}, {"text": "No", "correct": False}],
                    "explanation": "Anyone can change their mind.",
                },
            },
            {
                "type": "scenario",
                "value": {
                    "title": "The group chat",
                    "characters": "Sam and Priya (made up)",
                    "situation": "<p>Sam sees a joke about Priya.</p>",
                    "question": "What could Sam do?",
                    "choices": [
                        {"text": "Say nothing", "feedback": "Priya may feel alone.", "recommended": False},
                        {"text": "Message Priya", "feedback": "Support helps.", "recommended": True},
                    ],
                },
            },
        ]
    )
    lesson.save()
    course.assignment.delivery = "self_paced"
    course.assignment.save()
    return lesson


def free_text(key: str) -> tuple[str, dict]:
    return ("free_text", {"key": key, "prompt": f"Anything else about {key}?", "optional": True})


@dataclass
class Surveyed:
    course: object
    survey: object
    version: object

    @property
    def assignment(self):
        return self.course.assignment

    @property
    def pupil(self):
        return self.course.pupil


@pytest.fixture
def surveyed(course):
    """The `course` module with an attitude survey: two 1-5 Likert items and a free-text item."""
    survey = SurveyFactory(questions=stream([likert("a1"), likert("a2", reverse=True), free_text("f1")]))
    ModulePage.objects.filter(pk=course.assignment.module_id).update(attitude_survey=survey)
    course.assignment.module.attitude_survey = survey
    return Surveyed(course, survey, record_version(instrument=survey))


def lessons_done(course, *pupils) -> None:
    """Every lesson of the course taught to the pupils (the course's first pupil if none given):
    the end-of-module quiz and the survey after the lessons open only then."""
    from learning.services.lessons import record_lesson_taught

    for lesson in course.lessons:
        record_lesson_taught(assignment=course.assignment, lesson=lesson, pupils=pupils or [course.pupil])


def all_right() -> dict:
    return {"q1": ["a"], "q2": ["b"]}


__all__ = ["all_right", "json", "lessons_done"]
