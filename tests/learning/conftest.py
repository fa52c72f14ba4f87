import json
from dataclasses import dataclass

import pytest
from django.utils import timezone

from courses.versioning import record_version
from schools.models import Assignment
from tests.factories import (
    LessonPageFactory,
    ModulePageFactory,
    QuizFactory,
    SchoolFactory,
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


def all_right() -> dict:
    return {"q1": ["a"], "q2": ["b"]}


__all__ = ["all_right", "json"]
