"""factory_boy factories for the content model and staff users."""

import json
from datetime import date, timedelta

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from courses.models import (
    HomePage,
    LessonPage,
    ModulePage,
    ProgrammePage,
    Quiz,
    Survey,
)


def make_site_home() -> HomePage:
    """A HomePage at the root of the default Site (as the demo loader makes it)."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = HomePage(title="Respect Online", slug="respect-online")
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


class UserFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"staff{n}@example.org")
    first_name = "Sam"
    last_name = "Staff"
    password = factory.django.Password("a-long-test-password")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)


def help_service(**overrides) -> dict:
    return {
        "name": "Childline",
        "description": "Free, private help for anyone under 19.",
        "phone": "0800 1111",
        "text": "",
        "website": "https://www.childline.org.uk",
        "hours": "24 hours",
        "scope": "national",
        "audience": "pupils",
        "min_age": None,
        "max_age": 18,
        "gender": "anyone",
        "situation": "Anything that is worrying them",
        "channels": ["phone", "chat"],
        "review_by": "2030-03-31",
        "source": "https://www.childline.org.uk",
        **overrides,
    }


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    summary = "A programme about respect."
    help_services = factory.LazyFunction(lambda: json.dumps([{"type": "service", "value": help_service()}]))

    class Meta:
        model = ProgrammePage


class ModulePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    summary = "A module."
    min_year = 8
    max_year = 10
    review_by = factory.LazyFunction(lambda: date.today() + timedelta(days=365))

    class Meta:
        model = ModulePage


class LessonPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    body = factory.LazyFunction(
        lambda: json.dumps([{"type": "text", "value": "<p>Respect means treating people as equals.</p>"}])
    )

    class Meta:
        model = LessonPage


def single_choice(key: str, correct: int = 0, n: int = 3) -> tuple[str, dict]:
    return (
        "single_choice",
        {
            "key": key,
            "text": f"Question {key}?",
            "choices": [{"text": f"Choice {i}", "correct": i == correct} for i in range(n)],
            "feedback": "Because.",
        },
    )


def likert(key: str, *, reverse: bool = False, subscale: str = "attitudes") -> tuple[str, dict]:
    return (
        "likert",
        {
            "key": key,
            "text": f"Statement {key}",
            "minimum": 1,
            "maximum": 5,
            "labels": [],
            "reverse_scored": reverse,
            "subscale": subscale,
        },
    )


def stream(items) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in items])


class QuizFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"quiz-{n}")
    title = factory.Sequence(lambda n: f"Quiz {n}")
    pass_mark = 70
    questions = factory.LazyFunction(lambda: stream([single_choice("q1"), single_choice("q2", correct=1)]))

    class Meta:
        model = Quiz


class SurveyFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"survey-{n}")
    title = factory.Sequence(lambda n: f"Survey {n}")
    questions = factory.LazyFunction(lambda: stream([likert("a1"), likert("a2", reverse=True)]))

    class Meta:
        model = Survey


# --- Schools --------------------------------------------------------------------------------------


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"{800 + n % 199}")
    name = factory.Sequence(lambda n: f"Authority {n}")

    class Meta:
        model = "schools.LocalAuthority"
        django_get_or_create = ("code",)


class SchoolFactory(factory.django.DjangoModelFactory):
    # Away from the URNs of the demo and GIAS sample files (9xxxxx), which a test may load after many factory schools.
    urn = factory.Sequence(lambda n: 800000 + n)
    name = factory.Sequence(lambda n: f"School {n}")
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    phase = "Secondary"

    class Meta:
        model = "schools.School"


def staff(school, role: str = "teacher", **user_fields):
    """A user with a role at the school."""
    from schools.models import StaffMembership

    user = UserFactory(**user_fields)
    StaffMembership.objects.create(user=user, school=school, role=role)
    return user


def school_class(school, teacher, name: str = "9R", year_group: int = 9):
    from schools.services.classes import create_class, current_academic_year

    return create_class(
        school=school, name=name, year_group=year_group, academic_year=current_academic_year(), teacher=teacher
    )


def pupil(school_class, first_name: str = "Ava", last_name: str = "B", **fields):
    """A pupil in the class; returns (pupil, plain code)."""
    from schools.services.pupils import create_pupil

    return create_pupil(
        school=school_class.school,
        school_class=school_class,
        first_name=first_name,
        last_name=last_name,
        year_group=fields.pop("year_group", school_class.year_group),
        actor=None,
        **fields,
    )


def enable_mfa(user):
    """Give the user an activated TOTP authenticator, as platform admins must have."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


def platform_admin(**fields):
    """A superuser who has set up MFA (without it, the admin pages send them to set it up)."""
    fields.setdefault("is_staff", True)
    return enable_mfa(UserFactory(is_superuser=True, **fields))
