"""A class ready to be taught live: a module with a quick check, a scenario, a quiz and a survey."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classroom.services.delivery import record_checklist
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
from tests.learning.pupil_client import sign_in

CHECK_ID = "check-consent"
SCENARIO_ID = "scenario-chat"
# Names that appear nowhere else on any page, so a test can look for them in the HTML.
NAME_STEM = "Wystan"


def lesson_body() -> str:
    return json.dumps(
        [
            {"type": "text", "value": "<p>People can change their mind at any time.</p>"},
            {
                "type": "knowledge_check",
                "id": CHECK_ID,
                "value": {
                    "question": "Can someone change their mind?",
                    "choices": [{"text": "Yes, at any time", "correct": True}, {"text": "No", "correct": False}],
                    "explanation": "Anyone can change their mind.",
                },
            },
            {
                "type": "scenario",
                "id": SCENARIO_ID,
                "value": {
                    "title": "The group chat",
                    "characters": "Sam and Priya (made up)",
                    "situation": "<p>Sam sees a joke about Priya.</p>",
                    "question": "What could Sam do?",
                    "choices": [
                        {"text": "Say nothing", "feedback": "Priya may feel alone.", "recommended": False},
                        {"text": "Message Priya", "feedback": "Support helps.", "recommended": True},
                        {"text": "Tell a teacher", "feedback": "Adults can help.", "recommended": True},
                    ],
                },
            },
        ]
    )


@dataclass
class LiveWorld:
    school: object
    teacher: object
    lead: object
    klass: object
    module: object
    lesson: object
    later_lesson: object
    assignment: object
    quiz_version: object
    survey_version: object
    pupils: list = field(default_factory=list)
    codes: list = field(default_factory=list)
    other_school: object = None
    other_teacher: object = None
    other_klass: object = None
    other_pupil: object = None

    def teacher_client(self, user=None) -> Client:
        client = Client()
        client.force_login(user or self.teacher)
        return client

    def pupil_client(self, index: int) -> Client:
        client = Client()
        sign_in(client, self.pupils[index], self.klass, self.codes[index])
        return client

    def tick_checklist(self) -> None:
        record_checklist(
            school_class=self.klass,
            lesson=self.lesson,
            teacher=self.teacher,
            dsl_told=True,
            affected_pupils_considered=True,
            ground_rules_ready=True,
        )


def give_dsl(school, account=None) -> None:
    school.dsl_name = "Mr Adeyemi"
    school.dsl_contact = "Room 14"
    school.dsl_user = account
    school.save()


def make_live_world(programme, *, pupils: int = 3, sensitive: bool = False, with_dsl: bool = True, **module):
    quiz = QuizFactory(questions=stream([single_choice("q1", correct=0), single_choice("q2", correct=1)]))
    survey = SurveyFactory(questions=stream([likert("a1"), likert("a2", reverse=True)]))
    module_page = ModulePageFactory(
        parent=programme, knowledge_quiz=quiz, attitude_survey=survey, is_sensitive=sensitive, **module
    )
    lesson = LessonPageFactory(parent=module_page, body=lesson_body())
    later_lesson = LessonPageFactory(parent=module_page)
    school = SchoolFactory(name="Fernhill School")
    teacher = staff(school, "teacher", email="teach@fern.example.org")
    lead = staff(school, "school_lead", email="lead@fern.example.org")
    if with_dsl:
        give_dsl(school)
    klass = school_class(school, teacher, name="9F")
    made = [pupil(klass, f"{NAME_STEM}{n:02d}", f"Qz{n:02d}") for n in range(pupils)]
    assignment = Assignment.objects.create(school_class=klass, module=module_page, opens_on=timezone.localdate())
    other_school = SchoolFactory(name="Brookside School")
    other_teacher = staff(other_school, "teacher", email="teach@brook.example.org")
    other_klass = school_class(other_school, other_teacher, name="9B")
    other_pupil, _ = pupil(other_klass, "Ottoline", "B")
    return LiveWorld(
        school=school,
        teacher=teacher,
        lead=lead,
        klass=klass,
        module=module_page,
        lesson=lesson,
        later_lesson=later_lesson,
        assignment=assignment,
        quiz_version=record_version(instrument=quiz),
        survey_version=record_version(instrument=survey),
        pupils=[p for p, _ in made],
        codes=[code for _, code in made],
        other_school=other_school,
        other_teacher=other_teacher,
        other_klass=other_klass,
        other_pupil=other_pupil,
    )


def url(name: str, *args) -> str:
    return reverse(f"classroom:{name}", args=args)


HIDDEN = re.compile(r'<input[^>]*name="(?P<name>version|key|started|activity)"[^>]*value="(?P<value>[^"]*)"')


def hidden_fields(html: str) -> dict[str, str]:
    """The hidden fields of the live page's quiz or survey form."""
    return {match["name"]: match["value"] for match in HIDDEN.finditer(html)}
