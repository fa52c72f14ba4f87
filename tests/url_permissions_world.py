"""The world the URL permission sweep runs in: school A's objects, everyone who might ask for them,
and a signed-in browser session for each role.

Every object a URL names belongs to school A. School B exists so its teacher and pupil can ask
for school A's objects and be told they do not exist.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from accounts.roles import GlobalRole
from classroom.services.live import start_session
from classroom.services.questions import ask_question, pass_to_dsl
from courses.versioning import record_version
from learning.models import Wave
from learning.services.lessons import complete_lesson
from learning.services.quizzes import submit_quiz_attempt
from learning.services.surveys import open_follow_up, submit_survey_response
from reports.audit_models import AuditReport, AuditReportStatus
from reports.export_models import Export, ExportFormat, ExportKind, ExportStatus
from reports.protocol_models import EvaluationProtocol
from schools.models import Assignment, District, Invitation, InvitedRole, StaffMembership, YearRollover, hash_token
from schools.models.assignments import Delivery
from schools.services.roster import start_roster_import
from schools.services.talk_requests import request_talk
from tests.factories import (
    LessonPageFactory,
    ModulePageFactory,
    ProgrammePageFactory,
    QuizFactory,
    SchoolFactory,
    SurveyFactory,
    UserFactory,
    likert,
    make_site_home,
    pupil,
    school_class,
    single_choice,
    staff,
    stream,
)

PASSWORD = "a-long-test-password"  # UserFactory's
INVITATION_TOKEN = "url-permissions-invitation-token"

# Who asks. Pupils are not Django users: they carry a pupil session and nothing else.
ROLES = {
    "anonymous": "nobody signed in",
    "pupil_a": "a pupil of school A, signed in with class and personal codes",
    "pupil_b": "a pupil of school B, signed in the same way",
    "teacher_a": "the teacher of school A's class",
    "dsl_a": "a teacher of school A who does not teach the class, and is the school's safeguarding lead",
    "teacher_b": "a teacher of school B",
    "lead_a": "the school lead of school A",
    "commissioner": "a commissioner, signed in with a password and an authenticator code",
    "evaluator": "an evaluator, signed in with a password and an authenticator code",
    "editor": "a content editor",
    "admin": "a platform admin (superuser), signed in with a password and an authenticator code",
}
MFA_ROLES = ("commissioner", "evaluator", "admin")


@dataclass
class World:
    school: object
    district: object
    klass: object
    module: object
    lessons: list
    assignment: object
    pupil: object
    attempt: object
    live_session: object
    question: object
    talk_request: object
    roster_import: object
    membership: object
    invitation: object
    export: object
    audit_report: object
    users: dict = field(default_factory=dict)
    rollover: object = None
    protocol: object = None
    # The session cookie of each signed-in role ("anonymous" has none).
    cookies: dict = field(default_factory=dict)

    def client(self, role: str) -> Client:
        """A fresh browser for the role, carrying its session: one view signing it out (quick exit)
        cannot leak into the next request."""
        client = Client()
        if role in self.cookies:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.cookies[role]
        return client


def _current_totp(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def _with_group(role: GlobalRole, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


def _sign_in_with_mfa(user, secret: str) -> Client:
    """Password, then the authenticator code: the way these roles really sign in."""
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate"), response
    response = client.post(reverse("mfa_authenticate"), {"code": _current_totp(secret)})
    assert response.status_code == 302, response
    assert client.session["_auth_user_id"] == str(user.pk)
    return client


def _sign_in_pupil(klass, code: str) -> Client:
    client = Client()
    response = client.post(reverse("schools:pupil_login"), {"class_code": klass.class_code, "pupil_code": code})
    assert response.status_code == 302, response
    return client


def _content():
    home = make_site_home()
    programme = ProgrammePageFactory(parent=home)
    quiz = QuizFactory(questions=stream([single_choice("q1", correct=0), single_choice("q2", correct=1)]))
    survey = SurveyFactory(questions=stream([likert("a1"), likert("a2", reverse=True)]))
    module = ModulePageFactory(parent=programme, knowledge_quiz=quiz, attitude_survey=survey, is_sensitive=False)
    lessons = [LessonPageFactory(parent=module), LessonPageFactory(parent=module)]
    return module, lessons, record_version(instrument=quiz), record_version(instrument=survey)


def _finish_module(who, assignment, lessons, quiz_version, survey_version):
    """The pupil's whole way through: lessons, the quiz and the survey after, so the certificate exists."""
    for lesson in lessons:
        complete_lesson(pupil=who, assignment=assignment, lesson=lesson)
    attempt = submit_quiz_attempt(
        pupil=who,
        assignment=assignment,
        version=quiz_version,
        answers={"q1": ["a"], "q2": ["b"]},
        key=uuid.uuid4(),
        wave=Wave.POST,
    )
    submit_survey_response(
        pupil=who,
        assignment=assignment,
        version=survey_version,
        answers={"a1": "4", "a2": "2"},
        key=uuid.uuid4(),
        wave=Wave.POST,
    )
    return attempt


def _report_files(evaluator):
    now = timezone.now()
    export = Export.objects.create(
        requested_by=evaluator,
        kind=ExportKind.EVALUATOR_RESPONSES,
        format=ExportFormat.CSV,
        status=ExportStatus.DONE,
        finished_at=now,
        expires_at=now + datetime.timedelta(days=1),
    )
    export.file.save("url-permissions.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18))
    report = AuditReport.objects.create(
        period_start=datetime.date(2025, 9, 1),
        period_end=datetime.date(2026, 2, 28),
        status=AuditReportStatus.PUBLISHED,
        built_at=now,
        html="<!doctype html><html><head><style>p{margin:0}</style></head><body><p>Report</p></body></html>",
    )
    report.pdf.save("url-permissions.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return export, report


def build_world() -> World:
    """Everything the URL table names, made through the services as the site would make it."""
    module, lessons, quiz_version, survey_version = _content()

    school = SchoolFactory(name="Hollowbrook Academy")
    district = District.objects.create(code="E0700URL", name="Urlshire", local_authority=school.local_authority)
    school.district = district
    lead = staff(school, "school_lead", email="lead@a.example.org")
    teacher = staff(school, "teacher", email="teacher@a.example.org")
    dsl = staff(school, "teacher", email="dsl@a.example.org")
    school.dsl_name, school.dsl_contact, school.dsl_user = "Mr Adeyemi", "Room 14", dsl
    school.save()
    klass = school_class(school, teacher, name="9R")
    pupil_a, code_a = pupil(klass, "Ava", "K")
    assignment = Assignment.objects.create(
        school_class=klass, module=module, opens_on=timezone.localdate(), delivery=Delivery.SELF_PACED
    )
    attempt = _finish_module(pupil_a, assignment, lessons, quiz_version, survey_version)
    today = timezone.localdate()
    open_follow_up(assignment=assignment, opens_on=today, closes_on=today + datetime.timedelta(days=7), actor=teacher)
    question = ask_question(pupil=pupil_a, school_class=klass, text="Is it all right to say no to a friend?")
    pass_to_dsl(question=question, user=teacher)
    talk_request = request_talk(pupil=pupil_a, note="Can we talk?", source="help", key=uuid.uuid4())
    live_session = start_session(school_class=klass, assignment=assignment, lesson=lessons[0], teacher=teacher)
    roster_import = start_roster_import(
        school=school,
        school_class=klass,
        uploaded_by=teacher,
        filename="9R.csv",
        content=b"first_name,last_name,year_group\nBen,K,9\n",
    )
    # An undone roll-over: its page exists, and nothing else in the world changed.
    rollover = YearRollover.objects.create(school=school, from_year=2024, to_year=2025, undone_at=timezone.now())
    invitation = Invitation.objects.create(
        email="new.teacher@a.example.org",
        role=InvitedRole.TEACHER,
        school=school,
        token_hash=hash_token(INVITATION_TOKEN),
        invited_by=lead,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )

    other_school = SchoolFactory(name="Marshside School")
    teacher_b = staff(other_school, "teacher", email="teacher@b.example.org")
    other_class = school_class(other_school, teacher_b, name="9X")
    _, code_b = pupil(other_class, "Dan", "L")

    secrets = {}
    users = {"teacher_a": teacher, "dsl_a": dsl, "teacher_b": teacher_b, "lead_a": lead}
    users["commissioner"] = _with_group(GlobalRole.COMMISSIONER, email="commissioner@example.org")
    users["evaluator"] = _with_group(GlobalRole.EVALUATOR, email="evaluator@example.org")
    users["editor"] = _with_group(GlobalRole.CONTENT_EDITOR, email="editor@example.org")
    users["admin"] = UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)
    for role in MFA_ROLES:
        secrets[role] = generate_totp_secret()
        TOTP.activate(users[role], secrets[role])
    export, audit_report = _report_files(users["evaluator"])

    clients = {"pupil_a": _sign_in_pupil(klass, code_a), "pupil_b": _sign_in_pupil(other_class, code_b)}
    for role, user in users.items():
        if role in MFA_ROLES:
            clients[role] = _sign_in_with_mfa(user, secrets[role])
        else:
            clients[role] = Client()
            clients[role].force_login(user)
    assert set(clients) | {"anonymous"} == set(ROLES)
    return World(
        school=school,
        district=district,
        klass=klass,
        module=module,
        lessons=lessons,
        assignment=assignment,
        pupil=pupil_a,
        attempt=attempt,
        live_session=live_session,
        question=question,
        talk_request=talk_request,
        roster_import=roster_import,
        membership=StaffMembership.objects.get(user=teacher, school=school),
        invitation=invitation,
        export=export,
        audit_report=audit_report,
        users=users,
        rollover=rollover,
        protocol=EvaluationProtocol.objects.create(
            title="Programme evaluation",
            period_start=datetime.date(2026, 9, 1),
            period_end=datetime.date(2027, 8, 31),
            primary_outcome="Knowledge",
            analysis="Paired change",
        ),
        cookies={role: client.cookies[settings.SESSION_COOKIE_NAME].value for role, client in clients.items()},
    )


def remove_files(world: World) -> None:
    """The stored files outlive the rolled-back rows: delete them."""
    world.export.file.delete(save=False)
    world.audit_report.pdf.delete(save=False)


# --- What a response means ------------------------------------------------------------------------

STATUS_OUTCOMES = {403: "denied", 404: "hidden", 405: "not-allowed", 410: "gone"}


def outcome(response: HttpResponse) -> str:
    """The response as the expectation table speaks of it.

    - "ok": 2xx, the page (or file) itself
    - "login": sent to a staff sign-in page (allauth's, or the Django admin's)
    - "pupil-login": sent to the pupil sign-in page
    - "mfa-setup": sent to set up an authenticator
    - "to <url name>": sent elsewhere on the site; "off-site": sent to another site
    - "denied" (403), "hidden" (404), "not-allowed" (405), "gone" (410)
    """
    status = response.status_code
    if 200 <= status < 300:
        return "ok"
    if 300 <= status < 400:
        target = urlsplit(response["Location"])
        if target.netloc and target.netloc != "testserver":
            return "off-site"
        if target.path in {reverse("account_login"), reverse("admin:login")}:
            return "login"
        if target.path == reverse("schools:pupil_login"):
            return "pupil-login"
        if target.path == reverse("mfa_activate_totp"):
            return "mfa-setup"
        try:
            return f"to {resolve(target.path).view_name}"
        except Resolver404:
            return f"to unknown {target.path}"
    return STATUS_OUTCOMES.get(status, f"status {status}")


def describe(response: HttpResponse) -> str:
    where = f" -> {response['Location']}" if response.has_header("Location") else ""
    return f"{response.status_code}{where}"
