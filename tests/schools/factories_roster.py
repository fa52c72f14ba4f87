"""Small factories for the roster import tests: schools, staff and classes."""

import factory

from schools.models import LocalAuthority, School, StaffMembership
from schools.services.classes import create_class, current_academic_year
from tests.factories import UserFactory


class RosterLocalAuthorityFactory(factory.django.DjangoModelFactory):
    code = "886"
    name = "Kent"

    class Meta:
        model = LocalAuthority
        django_get_or_create = ("code",)


class RosterSchoolFactory(factory.django.DjangoModelFactory):
    urn = factory.Sequence(lambda n: 700000 + n)
    name = factory.Sequence(lambda n: f"Roster School {n}")
    local_authority = factory.SubFactory(RosterLocalAuthorityFactory)
    phase = "Secondary"

    class Meta:
        model = School


def make_staff(school: School, role: str = "teacher", **user_fields):
    """A user with a role ("teacher" or "school_lead") at the school."""
    user = UserFactory(**user_fields)
    StaffMembership.objects.create(user=user, school=school, role=role)
    return user


def make_class(school: School, teacher, name: str = "9R", year_group: int = 9):
    return create_class(
        school=school, name=name, year_group=year_group, academic_year=current_academic_year(), teacher=teacher
    )
