"""A school with a class taught a sensitive module, and another school beside it."""

import json
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from schools.models import Assignment
from tests.factories import LessonPageFactory, ModulePageFactory, SchoolFactory, pupil, school_class, staff

GROUND_NOTE = "Agree the ground rules and point out the question box."
TEXT_NOTE = "Card sort in pairs: care or control."
PUPIL_NAMES = ("Zephyrine", "Quillon")


def lesson_body() -> str:
    blocks = [
        ("ground_rules", {"intro": "Let's agree how we keep this space safe."}),
        ("teacher_notes", {"notes": f"<p>{GROUND_NOTE}</p>", "minutes": 5}),
        ("text", "<h3>Care or control?</h3><p>People who care about you want you to be safe.</p>"),
        ("teacher_notes", {"notes": f"<p>{TEXT_NOTE}</p>", "minutes": 10}),
        ("key_message", {"heading": "Jealousy is not proof of love", "message": "Control is never care."}),
        (
            "knowledge_check",
            {
                "question": "Is checking a partner's phone a red flag?",
                "choices": [{"text": "Yes", "correct": True}, {"text": "No", "correct": False}],
                "explanation": "It is a sign of control.",
            },
        ),
        ("discussion", {"prompt": "What could a friend do?", "follow_up": []}),
    ]
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


@dataclass
class TeachingWorld:
    school: object
    lead: object
    teacher: object
    colleague: object
    klass: object
    module: object
    lesson: object
    assignment: object
    other_school: object
    other_lead: object
    other_teacher: object

    @property
    def args(self) -> list[int]:
        return [self.klass.pk, self.assignment.pk, self.lesson.pk]

    def url(self, name: str) -> str:
        return reverse(f"classroom:{name}", args=self.args)


def give_safeguarding_lead(school) -> None:
    school.dsl_name = "Mrs Okafor"
    school.dsl_contact = "Room 14, or ask any member of staff"
    school.save()


def make_world(programme, *, sensitive: bool = True, with_dsl: bool = False) -> TeachingWorld:
    module = ModulePageFactory(parent=programme, is_sensitive=sensitive, estimated_minutes=50)
    lesson = LessonPageFactory(parent=module, body=lesson_body(), estimated_minutes=50)
    school = SchoolFactory(name="Hollowbrook Academy")
    lead = staff(school, "school_lead", email="lead@a.example.org")
    teacher = staff(school, "teacher", email="teacher@a.example.org", first_name="Tess", last_name="Teacher")
    colleague = staff(school, "teacher", email="colleague@a.example.org")
    klass = school_class(school, teacher, name="9R")
    for name in PUPIL_NAMES:
        pupil(klass, name, "K")
    assignment = Assignment.objects.create(school_class=klass, module=module, opens_on=timezone.localdate())
    other_school = SchoolFactory(name="Marshside School")
    give_safeguarding_lead(other_school)
    other_lead = staff(other_school, "school_lead", email="lead@b.example.org")
    other_teacher = staff(other_school, "teacher", email="teacher@b.example.org")
    school_class(other_school, other_teacher, name="9X")
    if with_dsl:
        give_safeguarding_lead(school)
    return TeachingWorld(
        school=school,
        lead=lead,
        teacher=teacher,
        colleague=colleague,
        klass=klass,
        module=module,
        lesson=lesson,
        assignment=assignment,
        other_school=other_school,
        other_lead=other_lead,
        other_teacher=other_teacher,
    )
