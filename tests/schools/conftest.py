from dataclasses import dataclass

import pytest

from tests.factories import SchoolFactory, pupil, school_class, staff


@dataclass
class SchoolWorld:
    school: object
    lead: object
    teacher: object
    other_teacher: object
    klass: object
    pupils: list
    codes: list
    other_school: object
    other_lead: object
    other_class_teacher: object
    other_class: object


@pytest.fixture
def world(db):
    """Two schools: A with a lead, a teacher of 9R (three pupils) and a teacher without classes; B likewise."""
    school = SchoolFactory(name="Hollowbrook Academy")
    lead = staff(school, "school_lead", email="lead@a.example.org")
    teacher = staff(school, "teacher", email="teacher@a.example.org")
    other_teacher = staff(school, "teacher", email="teacher2@a.example.org")
    klass = school_class(school, teacher, name="9R")
    made = [pupil(klass, name, "K") for name in ("Ava", "Ben", "Cai")]
    other_school = SchoolFactory(name="Marshside School")
    other_lead = staff(other_school, "school_lead", email="lead@b.example.org")
    other_class_teacher = staff(other_school, "teacher", email="teacher@b.example.org")
    other_class = school_class(other_school, other_class_teacher, name="9X")
    pupil(other_class, "Dan", "L")
    return SchoolWorld(
        school=school,
        lead=lead,
        teacher=teacher,
        other_teacher=other_teacher,
        klass=klass,
        pupils=[p for p, _ in made],
        codes=[c for _, c in made],
        other_school=other_school,
        other_lead=other_lead,
        other_class_teacher=other_class_teacher,
        other_class=other_class,
    )
