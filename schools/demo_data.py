"""Demo schools, staff, classes, pupils and assignments, added after the demo programme.

Idempotent like the content loader. Pupils' demo codes are derived from a
secret and the pupil, not stored: ``demo_logins`` derives them again to print
them. None of this runs under production settings (DEMO_DATA_ALLOWED).
"""

from __future__ import annotations

import hashlib
import hmac
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.demo_data import DEMO_ROLE_ACCOUNTS, DEMO_TOTP_SECRET
from courses.models import ModulePage
from schools.gias.importing import import_gias
from schools.models import Arm, Assignment, ClassMembership, Pupil, School, SchoolClass, SchoolRole, StaffMembership
from schools.pupil_codes import ALPHABET, PUPIL_CODE_LENGTH, code_digest
from schools.services.classes import create_class, current_academic_year

SAMPLE_GIAS = Path(__file__).resolve().parent / "data" / "gias_sample.csv"
DEMO_LA_CODES = ("886", "887")
# One secondary school in each of these districts.
DEMO_DISTRICTS = ("Maidstone", "Thanet", "Canterbury", "Medway")
STAFF_PASSWORD = "demo-teacher-2026"  # nosec B105 # published demo password; load_demo_data refuses production
YEARS = (8, 9, 10)
# The Year 8 module opened earlier in the year, so its pupils are asked the follow-up survey (``learning.demo_data``).
FOLLOW_UP_YEAR = 8
FOLLOW_UP_COHORT_DAYS = 91
# A Year 9 wait-list class in each school: the comparison arm of the evaluation.
COMPARISON_CLASS = "9W"
MODULE_FOR_YEAR = {
    8: "friendships-and-disagreeing-well",
    9: "healthy-relationships-and-consent",
    10: "coercive-control-and-recognising-abuse",
}
FIRST_NAMES = (
    "Aisha",
    "Alfie",
    "Amara",
    "Archie",
    "Ava",
    "Ben",
    "Chloe",
    "Daniel",
    "Dev",
    "Ella",
    "Ellis",
    "Emily",
    "Ethan",
    "Evie",
    "Freya",
    "George",
    "Grace",
    "Hana",
    "Harry",
    "Isaac",
    "Isla",
    "Jack",
    "Jacob",
    "Jade",
    "Kai",
    "Leo",
    "Lily",
    "Logan",
    "Maya",
    "Mia",
    "Noah",
    "Olivia",
    "Oscar",
    "Priya",
    "Reuben",
    "Rosie",
    "Ruby",
    "Sam",
    "Sophie",
    "Theo",
    "Tom",
    "Zara",
    "Zoe",
    "Yusuf",
    "Nia",
    "Kofi",
    "Mateusz",
    "Aleksandra",
    "Callum",
    "Leah",
)
INITIALS = "ABCDEFGHJKLMNPRSTW"


@dataclass
class DemoSchoolsSummary:
    created: list[str] = field(default_factory=list)


def demo_pupil_code(pupil: Pupil) -> str:
    """The demo code of a demo pupil: derived, so it is never stored in plain text."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"demo-pupil:{pupil.research_key}".encode(), hashlib.sha256)
    number = int.from_bytes(digest.digest(), "big")
    chars = []
    for _ in range(PUPIL_CODE_LENGTH):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "".join(chars)


def staff_email(role: str, school: School, number: int = 0) -> str:
    slug = school.name.lower().split()[0]
    return f"{role}{number or ''}.{slug}@example.org"


@transaction.atomic
def load_demo_schools() -> DemoSchoolsSummary:
    summary = DemoSchoolsSummary()
    if not School.objects.exists():
        result = import_gias(data=SAMPLE_GIAS.read_bytes(), la_codes=DEMO_LA_CODES)
        summary.created.append(f"{result.created} schools from the sample GIAS extract")
    for district in DEMO_DISTRICTS:
        school = (
            School.objects.open().filter(district__name=district, phase__icontains="secondary").order_by("urn").first()
        )
        if school is not None:
            _load_school(school, summary)
    return summary


def _load_school(school: School, summary: DemoSchoolsSummary) -> None:
    user_model = get_user_model()
    staff = []
    for role, number, membership_role in (
        ("lead", 0, SchoolRole.SCHOOL_LEAD),
        ("teacher", 1, SchoolRole.TEACHER),
        ("teacher", 2, SchoolRole.TEACHER),
    ):
        email = staff_email(role, school, number)
        user = user_model.objects.filter(email=email).first()
        if user is None:
            user = user_model.objects.create_user(
                email,
                STAFF_PASSWORD,
                first_name=role.capitalize(),
                last_name=f"{number or ''} {school.name.split()[0]}",
            )
            summary.created.append(f"user {email}")
        StaffMembership.objects.get_or_create(user=user, school=school, defaults={"role": membership_role})
        staff.append(user)
    year = current_academic_year()
    rng = random.Random(school.urn)  # nosec B311 # seeded demo data, nothing secret
    _load_classes(school, staff, year, rng, summary)
    _load_comparison_class(school, staff, year, rng, summary)


def _load_classes(school: School, staff: list, year: int, rng: random.Random, summary: DemoSchoolsSummary) -> None:
    for index, year_group in enumerate(YEARS):
        name = f"{year_group}{'RST'[index]}"
        school_class = SchoolClass.objects.filter(school=school, academic_year=year, name=name).first()
        if school_class is None:
            school_class = create_class(
                school=school, name=name, year_group=year_group, academic_year=year, teacher=staff[1 + index % 2]
            )
            _add_pupils(school_class, rng.randint(25, 30), rng)
            summary.created.append(f"class {school.urn}/{name}")
        module = ModulePage.objects.live().filter(slug=MODULE_FOR_YEAR[year_group]).first()
        if module is not None:
            Assignment.objects.get_or_create(
                school_class=school_class,
                module=module,
                defaults={
                    "opens_on": _opens_on(year_group),
                    "due_on": timezone.localdate() + timedelta(days=28),
                    "delivery": "self_paced" if module.can_be_self_paced else "in_class",
                    "include_surveys": True,
                    "assigned_by": school_class.teachers.first(),
                },
            )


def _opens_on(year_group: int):
    """A week ago; the follow-up cohort's module opened earlier in the academic year, so it has a follow-up."""
    today = timezone.localdate()
    if year_group != FOLLOW_UP_YEAR:
        return today - timedelta(days=7)
    start = date(current_academic_year(today), 9, 1) + timedelta(days=7)
    return (
        max(start, today - timedelta(days=FOLLOW_UP_COHORT_DAYS))
        if (today - start).days > 28
        else today - timedelta(days=28)
    )


def _load_comparison_class(
    school: School, staff: list, year: int, rng: random.Random, summary: DemoSchoolsSummary
) -> None:
    """A wait-list class of the Year 9 module: it answers before and after at matched times, then has the lessons."""
    name = COMPARISON_CLASS
    school_class = SchoolClass.objects.filter(school=school, academic_year=year, name=name).first()
    if school_class is None:
        school_class = create_class(school=school, name=name, year_group=9, academic_year=year, teacher=staff[2])
        _add_pupils(school_class, rng.randint(25, 30), rng)
        summary.created.append(f"comparison class {school.urn}/{name}")
    module = ModulePage.objects.live().filter(slug=MODULE_FOR_YEAR[9]).first()
    if module is not None:
        today = timezone.localdate()
        Assignment.objects.get_or_create(
            school_class=school_class,
            module=module,
            defaults={
                "opens_on": today - timedelta(days=7),
                "post_wave_on": today - timedelta(days=3),
                "arm": Arm.COMPARISON,
                "delivery": "self_paced" if module.can_be_self_paced else "in_class",
                "include_surveys": True,
                "assigned_by": school_class.teachers.first(),
            },
        )


def _add_pupils(school_class: SchoolClass, count: int, rng: random.Random) -> None:
    used: set[tuple[str, str]] = set()
    while len(used) < count:
        used.add((rng.choice(FIRST_NAMES), rng.choice(INITIALS)))
    for first_name, initial in sorted(used):
        pupil = Pupil(
            school=school_class.school,
            first_name=first_name,
            last_name=initial,
            year_group=school_class.year_group,
            gender=rng.choice(["female", "male", "female", "male", "other", ""]),
            login_code_changed_at=timezone.now(),
        )
        pupil.login_code_digest = code_digest(school_class.school_id, demo_pupil_code(pupil))
        pupil.save()
        ClassMembership.objects.create(pupil=pupil, school_class=school_class)


@dataclass(frozen=True)
class DemoLogin:
    role: str
    school_urn: int | None
    school_class: str = ""
    email: str = ""
    password: str = ""
    class_code: str = ""
    pupil_code: str = ""
    name: str = ""
    totp_secret: str = ""

    def as_dict(self) -> dict:
        data = {"role": self.role, "school_urn": self.school_urn, "class": self.school_class}
        if self.email:
            data.update(email=self.email, password=self.password)
            if self.totp_secret:
                data.update(totp_secret=self.totp_secret)
        else:
            data.update(class_code=self.class_code, pupil_code=self.pupil_code)
        return data


def _role_logins() -> list[DemoLogin]:
    """The demo commissioner and evaluator, with the demo TOTP secret their pages need."""
    logins = []
    user_model = get_user_model()
    for email, password, _, _, role in DEMO_ROLE_ACCOUNTS:
        user = user_model.objects.filter(email=email).first()
        if user is not None and user.check_password(password):
            logins.append(
                DemoLogin(
                    role=role.label.lower(),
                    school_urn=None,
                    email=email,
                    password=password,
                    totp_secret=DEMO_TOTP_SECRET,
                )
            )
    return logins


def demo_logins(*, all_pupils: bool = False) -> list[DemoLogin]:
    """The demo commissioner and evaluator, every demo staff login, and one pupil per class
    (every pupil with ``all_pupils``).

    A pupil whose code a teacher has since reset is left out: their demo code no longer works.
    """
    logins = _role_logins()
    memberships = StaffMembership.objects.filter(user__email__endswith="@example.org").select_related("user", "school")
    for membership in memberships.order_by("school__urn", "role", "user__email"):
        if not membership.user.check_password(STAFF_PASSWORD):
            continue
        logins.append(
            DemoLogin(
                role=membership.role,
                school_urn=membership.school.urn,
                email=membership.user.email,
                password=STAFF_PASSWORD,
            )
        )
    classes = SchoolClass.objects.active().select_related("school").filter(school__memberships__in=memberships)
    for school_class in classes.distinct().order_by("school__urn", "name"):
        pupils = Pupil.objects.in_class(school_class)
        for pupil in pupils.order_by("pk"):
            code = demo_pupil_code(pupil)
            if pupil.login_code_digest != code_digest(school_class.school_id, code):
                continue
            logins.append(
                DemoLogin(
                    role="pupil",
                    school_urn=school_class.school.urn,
                    school_class=school_class.name,
                    class_code=school_class.class_code,
                    pupil_code=code,
                    name=pupil.display_name,
                )
            )
            if not all_pupils:
                break
    return logins
