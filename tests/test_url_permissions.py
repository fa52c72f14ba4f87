"""Every URL of the site, asked for by every kind of visitor: each answer must be the one written here.

The walk goes through the whole URLconf, so a new view fails this module until someone decides,
in ``EXPECTATIONS``, who may open it. Every object a URL names belongs to school A (see
``tests/url_permissions_world.py``): school B's teacher and pupil must be told it does not exist.
All requests are GETs; a view that only takes POST must answer 405 (or send a signed-out visitor
to sign in first).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.url_permissions_world import INVITATION_TOKEN, ROLES, World, build_world, describe, outcome, remove_files

pytestmark = pytest.mark.django_db

# --- Walking the URLconf ---------------------------------------------------------------------------

# URLconfs of other projects, left to their own tests: their views check permissions their own way,
# and there are hundreds. A few representative addresses of each are checked below instead.
THIRD_PARTY_URLCONFS = {
    "wagtail.admin.urls": "Wagtail's admin (/admin/)",
    "wagtail.documents.urls": "Wagtail's document serving (/documents/)",
    "wagtail.urls": "Wagtail's page serving and page-privacy pages (the catch-all)",
    "allauth.urls": "allauth's sign-in, sign-out and MFA pages (/accounts/)",
}
THIRD_PARTY_NAMESPACES = {"admin": "Django's admin (/django-admin/)"}
# A view written in one of these apps is the project's, wherever it is mounted (a Wagtail hook can
# put one under /admin/): it needs an expectation like any other.
PROJECT_APPS = ("accounts", "classroom", "config", "courses", "learning", "reports", "schools")


def _is_third_party(resolver: URLResolver) -> bool:
    module = getattr(resolver.urlconf_module, "__name__", "")
    return module in THIRD_PARTY_URLCONFS or resolver.namespace in THIRD_PARTY_NAMESPACES


def _is_project_view(pattern: URLPattern) -> bool:
    view = getattr(pattern.callback, "view_class", pattern.callback)
    return view.__module__.split(".")[0] in PROJECT_APPS


def _walk(resolver: URLResolver, namespaces: tuple[str, ...], route: str, third_party: bool) -> Iterator[str]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry, inner, route + str(entry.pattern), third_party or _is_third_party(entry))
        elif not third_party or _is_project_view(entry):
            if entry.name is None:
                yield f"unnamed {route}{entry.pattern}"
            else:
                yield ":".join((*namespaces, entry.name))


def project_url_names() -> list[str]:
    """Every project URL's name ("namespace:name"), and "unnamed <route>" for any without one."""
    return sorted(set(_walk(get_resolver(), (), "/", False)))


# --- The expectations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """How to build the URL from the world, and what each role must get from a GET of it."""

    kwargs: Callable[[World], dict[str, Any]]
    outcomes: dict[str, str]

    def __post_init__(self) -> None:
        assert set(self.outcomes) == set(ROLES), f"outcomes must name every role: {sorted(ROLES)}"


def answers(default: str, **by_role: str) -> dict[str, str]:
    """Every role gets ``default`` except those named."""
    unknown = set(by_role) - set(ROLES)
    assert not unknown, f"no such roles: {unknown}"
    return {role: by_role.get(role, default) for role in ROLES}


SIGNED_OUT = {"anonymous": "login", "pupil_a": "login", "pupil_b": "login"}
PUPILS_ONLY = {role: "pupil-login" for role in ROLES if not role.startswith("pupil_")}

# Pages of school A's class (or its assignment, lesson, live lesson, question or upload): its
# teacher, the school's lead and platform admins; anyone else cannot know the class exists.
CLASS_PAGE = answers("hidden", **SIGNED_OUT, teacher_a="ok", lead_a="ok", admin="ok")
# Pages of school A itself for its lead: its other staff are refused, other schools' staff and
# the cross-school roles (who are not staff of any school) are told it does not exist.
LEAD_PAGE = answers("hidden", **SIGNED_OUT, teacher_a="denied", dsl_a="denied", lead_a="ok", admin="ok")
# The commissioner dashboard and the published audit reports.
COMMISSIONER_PAGE = answers("denied", **SIGNED_OUT, commissioner="ok", admin="ok")
# A pupil's own pages: every signed-in pupil has one.
PUPIL_OWN = {**PUPILS_ONLY, "pupil_a": "ok", "pupil_b": "ok"}
# A page of school A's pupil's work: another school's pupil cannot know it exists.
PUPIL_WORK = {**PUPILS_ONLY, "pupil_a": "ok", "pupil_b": "hidden"}
# POST-only views: a GET is refused before anything else is looked at...
POST_ONLY = answers("not-allowed")
# ... or, for views that check the sign-in first, after sending signed-out visitors to sign in.
POST_ONLY_SIGNED_IN = answers("not-allowed", **SIGNED_OUT)
OPEN_TO_ALL = answers("ok")
STAFF_SIGNED_IN = answers("ok", **SIGNED_OUT)


def nothing(w: World) -> dict[str, Any]:
    return {}


def of_class(w: World) -> dict[str, Any]:
    return {"class_pk": w.klass.pk}


def of_class_as_pk(w: World) -> dict[str, Any]:
    return {"pk": w.klass.pk}


def of_assignment(w: World) -> dict[str, Any]:
    return {"assignment_pk": w.assignment.pk}


def of_class_assignment(w: World) -> dict[str, Any]:
    return {"class_pk": w.klass.pk, "assignment_pk": w.assignment.pk}


def of_class_lesson(w: World) -> dict[str, Any]:
    return {**of_class_assignment(w), "lesson_pk": w.lessons[0].pk}


def of_school(w: World) -> dict[str, Any]:
    return {"urn": w.school.urn}


def of_live_lesson(w: World) -> dict[str, Any]:
    return {"pk": w.live_session.pk}


def of_question(w: World) -> dict[str, Any]:
    return {"class_pk": w.klass.pk, "pk": w.question.pk}


EXPECTATIONS: dict[str, Expect] = {
    # learning: the pupil's work
    "learning:pupil_home": Expect(nothing, PUPIL_OWN),
    "learning:pupil_results": Expect(nothing, PUPIL_OWN),
    "learning:pupil_help": Expect(nothing, PUPIL_OWN),
    "learning:assignment": Expect(of_assignment, PUPIL_WORK),
    "learning:lesson": Expect(lambda w: {**of_assignment(w), "lesson_pk": w.lessons[0].pk}, PUPIL_WORK),
    "learning:lesson_finished": Expect(lambda w: {**of_assignment(w), "lesson_pk": w.lessons[0].pk}, PUPIL_WORK),
    "learning:quiz": Expect(of_assignment, PUPIL_WORK),
    # The pupil has finished the lessons, so the quiz before them is no longer offered.
    "learning:pre_quiz": Expect(of_assignment, {**PUPIL_WORK, "pupil_a": "to learning:assignment"}),
    "learning:quiz_result": Expect(lambda w: {**of_assignment(w), "attempt_pk": w.attempt.pk}, PUPIL_WORK),
    "learning:certificate": Expect(of_assignment, PUPIL_WORK),
    "learning:survey": Expect(lambda w: {**of_assignment(w), "wave": "follow_up"}, PUPIL_WORK),
    # The thanks page follows every survey the pupil has sent.
    "learning:survey_sent": Expect(lambda w: {**of_assignment(w), "wave": "post"}, PUPIL_WORK),
    # learning: teachers' views of the class
    "learning:class_progress": Expect(of_class, CLASS_PAGE),
    "learning:class_progress_csv": Expect(of_class, CLASS_PAGE),
    "learning:item_analysis": Expect(of_class_assignment, CLASS_PAGE),
    "learning:survey_summary": Expect(of_class_assignment, CLASS_PAGE),
    "learning:follow_up": Expect(of_class_assignment, CLASS_PAGE),
    "learning:reset_progress": Expect(lambda w: {**of_class_assignment(w), "pupil_pk": w.pupil.pk}, CLASS_PAGE),
    # classroom: teaching in class
    "classroom:ground_rules": Expect(of_class, CLASS_PAGE),
    "classroom:teach_lesson": Expect(of_class_lesson, CLASS_PAGE),
    "classroom:slide_visibility": Expect(of_class_lesson, POST_ONLY_SIGNED_IN),
    "classroom:present": Expect(of_class_lesson, CLASS_PAGE),
    "classroom:presenter": Expect(of_class_lesson, CLASS_PAGE),
    "classroom:live_start": Expect(of_class, CLASS_PAGE),
    "classroom:live_session": Expect(of_live_lesson, CLASS_PAGE),
    "classroom:live_activity": Expect(of_live_lesson, POST_ONLY),
    "classroom:live_end": Expect(of_live_lesson, CLASS_PAGE),
    "classroom:live_screen": Expect(of_live_lesson, CLASS_PAGE),
    "classroom:live_counts": Expect(of_live_lesson, CLASS_PAGE),
    "classroom:register": Expect(of_live_lesson, CLASS_PAGE),
    # classroom: the anonymous question box
    "classroom:class_questions": Expect(of_class, CLASS_PAGE),
    "classroom:question_action": Expect(of_question, POST_ONLY),
    "classroom:question_answer": Expect(of_question, CLASS_PAGE),
    "classroom:question_pass": Expect(of_question, CLASS_PAGE),
    # Only the account school A named as its safeguarding lead: not even the school lead or an admin.
    "classroom:dsl_questions": Expect(nothing, answers("hidden", **SIGNED_OUT, dsl_a="ok")),
    "classroom:dsl_question": Expect(lambda w: {"pk": w.question.pk}, answers("hidden", **SIGNED_OUT, dsl_a="ok")),
    # classroom: pupils in a live lesson
    "classroom:pupil_live": Expect(nothing, PUPIL_OWN),
    # Joining with codes is a sign-in form: open to all, except that signed-in pupils go straight on.
    "classroom:pupil_live_join": Expect(
        nothing, answers("ok", pupil_a="to classroom:pupil_live", pupil_b="to classroom:pupil_live")
    ),
    "classroom:pupil_live_lesson": Expect(of_live_lesson, PUPIL_WORK),
    "classroom:pupil_live_join_session": Expect(of_live_lesson, POST_ONLY),
    # Devices prove they joined with a signed token in the query; without one, no lesson is found.
    "classroom:pupil_live_state": Expect(of_live_lesson, answers("hidden")),
    "classroom:pupil_live_answer": Expect(of_live_lesson, POST_ONLY),
    "classroom:pupil_live_quiz": Expect(of_live_lesson, POST_ONLY),
    "classroom:pupil_live_survey": Expect(of_live_lesson, POST_ONLY),
    "classroom:pupil_questions": Expect(nothing, PUPIL_OWN),
    # reports: the commissioner dashboard (/reports/ also needs MFA, which these roles have)
    "reports:dashboard": Expect(nothing, COMMISSIONER_PAGE),
    "reports:district": Expect(lambda w: {"code": w.district.code}, COMMISSIONER_PAGE),
    "reports:school": Expect(of_school, COMMISSIONER_PAGE),
    "reports:evaluator_export": Expect(nothing, answers("denied", **SIGNED_OUT, evaluator="ok")),
    "reports:dashboard_export": Expect(
        nothing, answers("denied", **SIGNED_OUT, commissioner="ok", evaluator="ok", admin="ok")
    ),
    # An export is seen only by whoever asked for it (here the evaluator): 404 for everyone else.
    "reports:export_status": Expect(lambda w: {"pk": w.export.pk}, answers("hidden", **SIGNED_OUT, evaluator="ok")),
    "reports:export_download": Expect(lambda w: {"pk": w.export.pk}, answers("hidden", **SIGNED_OUT, evaluator="ok")),
    "reports:export_retry": Expect(lambda w: {"pk": w.export.pk}, POST_ONLY_SIGNED_IN),
    "reports:audit_reports": Expect(nothing, COMMISSIONER_PAGE),
    "reports:audit_report": Expect(lambda w: {"pk": w.audit_report.pk}, COMMISSIONER_PAGE),
    "reports:audit_report_pdf": Expect(lambda w: {"pk": w.audit_report.pk}, COMMISSIONER_PAGE),
    "reports:transparency": Expect(nothing, OPEN_TO_ALL),
    "reports:protocols": Expect(nothing, COMMISSIONER_PAGE),
    "reports:protocol_new": Expect(nothing, COMMISSIONER_PAGE),
    "reports:protocol": Expect(lambda w: {"pk": w.protocol.pk}, COMMISSIONER_PAGE),
    "reports:protocol_freeze": Expect(lambda w: {"pk": w.protocol.pk}, POST_ONLY),
    # Health checks name the checks, never data, and answer everyone alike.
    "health": Expect(nothing, OPEN_TO_ALL),
    "health_live": Expect(nothing, OPEN_TO_ALL),
    "health_ready": Expect(nothing, OPEN_TO_ALL),
    # schools: teachers' pages
    "schools:teacher_home": Expect(nothing, STAFF_SIGNED_IN),
    "schools:teacher_help": Expect(nothing, STAFF_SIGNED_IN),
    # A pupil asks to talk; only the account school A named as its safeguarding lead reads the requests.
    "schools:pupil_talk": Expect(nothing, PUPIL_OWN),
    "schools:pupil_talk_sent": Expect(nothing, {**PUPIL_OWN, "pupil_b": "to schools:pupil_talk"}),
    "schools:dsl_talk_requests": Expect(nothing, answers("hidden", **SIGNED_OUT, dsl_a="ok")),
    "schools:dsl_talk_request": Expect(
        lambda w: {"pk": w.talk_request.pk}, answers("hidden", **SIGNED_OUT, dsl_a="ok")
    ),
    "schools:staff_home": Expect(
        nothing,
        answers(
            "to schools:teacher_home",
            **SIGNED_OUT,
            commissioner="ok",
            evaluator="ok",
            editor="to wagtailadmin_home",
            admin="to wagtailadmin_home",
        ),
    ),
    # Only staff of a school create classes (platform admins are staff of none).
    "schools:class_create": Expect(
        nothing, answers("denied", **SIGNED_OUT, teacher_a="ok", dsl_a="ok", teacher_b="ok", lead_a="ok")
    ),
    "schools:class_detail": Expect(of_class_as_pk, CLASS_PAGE),
    "schools:pupil_add": Expect(of_class_as_pk, CLASS_PAGE),
    "schools:pupil_reset_code": Expect(lambda w: {**of_class_as_pk(w), "pupil_pk": w.pupil.pk}, POST_ONLY_SIGNED_IN),
    "schools:pupil_move": Expect(lambda w: {**of_class_as_pk(w), "pupil_pk": w.pupil.pk}, CLASS_PAGE),
    "schools:login_cards": Expect(of_class_as_pk, CLASS_PAGE),
    "schools:class_archive": Expect(of_class_as_pk, CLASS_PAGE),
    "schools:assignment_create": Expect(of_class_as_pk, CLASS_PAGE),
    "schools:assignment_share": Expect(lambda w: {**of_class_as_pk(w), "assignment_pk": w.assignment.pk}, CLASS_PAGE),
    "schools:roster_upload": Expect(of_class, CLASS_PAGE),
    "schools:school_roster_upload": Expect(of_school, LEAD_PAGE),
    "schools:school_oneroster_upload": Expect(of_school, LEAD_PAGE),
    "schools:roster_status": Expect(lambda w: {"pk": w.roster_import.pk}, CLASS_PAGE),
    "schools:roster_confirm": Expect(lambda w: {"pk": w.roster_import.pk}, POST_ONLY_SIGNED_IN),
    "schools:roster_retry": Expect(lambda w: {"pk": w.roster_import.pk}, POST_ONLY_SIGNED_IN),
    # schools: the school lead's pages
    "schools:school_overview": Expect(of_school, LEAD_PAGE),
    "schools:school_pupils": Expect(of_school, LEAD_PAGE),
    "schools:pupil_evaluation": Expect(lambda w: {**of_school(w), "pupil_pk": w.pupil.pk}, LEAD_PAGE),
    "schools:audit_log": Expect(of_school, LEAD_PAGE),
    "schools:new_year": Expect(of_school, LEAD_PAGE),
    "schools:rollover_detail": Expect(lambda w: {**of_school(w), "pk": w.rollover.pk}, LEAD_PAGE),
    "schools:rollover_undo": Expect(lambda w: {**of_school(w), "pk": w.rollover.pk}, POST_ONLY_SIGNED_IN),
    "schools:school_staff": Expect(of_school, LEAD_PAGE),
    "schools:remove_staff": Expect(lambda w: {**of_school(w), "membership_pk": w.membership.pk}, LEAD_PAGE),
    "schools:resend_invitation": Expect(lambda w: {**of_school(w), "pk": w.invitation.pk}, POST_ONLY),
    "schools:revoke_invitation": Expect(lambda w: {**of_school(w), "pk": w.invitation.pk}, POST_ONLY),
    "schools:school_accounts": Expect(of_school, LEAD_PAGE),
    "schools:decide_join": Expect(lambda w: {**of_school(w), "pk": 1}, POST_ONLY_SIGNED_IN),
    "schools:safeguarding_lead": Expect(of_school, LEAD_PAGE),
    # Rights requests: a copy of a pupil's data, and erasure (the data itself only ever answers a POST).
    "schools:pupil_data": Expect(lambda w: {**of_school(w), "pupil_pk": w.pupil.pk}, LEAD_PAGE),
    "schools:pupil_erase": Expect(lambda w: {**of_school(w), "pupil_pk": w.pupil.pk}, LEAD_PAGE),
    # The retention dry run counts data across every school: platform admins only.
    "schools:retention_report": Expect(nothing, answers("denied", **SIGNED_OUT, admin="ok")),
    # Platform admins only (under an MFA-protected prefix).
    "schools:platform_invite": Expect(nothing, answers("denied", **SIGNED_OUT, admin="ok")),
    # The link in the email: anyone signed out may set up the invited account; someone signed in
    # as anybody else is refused.
    "schools:accept_invitation": Expect(
        lambda w: {"token": INVITATION_TOKEN}, answers("denied", anonymous="ok", pupil_a="ok", pupil_b="ok")
    ),
    # schools: pupils signing in and out, and the quick exit
    "schools:pupil_login": Expect(
        nothing, answers("ok", pupil_a="to learning:pupil_home", pupil_b="to learning:pupil_home")
    ),
    "schools:pupil_logout": Expect(nothing, POST_ONLY),
    # A pupil's own school account: only a signed-in pupil has one; a callback without a round
    # trip started goes back where it could start.
    "schools:pupil_account": Expect(nothing, answers("hidden", pupil_a="ok", pupil_b="ok")),
    "schools:pupil_account_start": Expect(nothing, POST_ONLY),
    "schools:pupil_account_unlink": Expect(nothing, POST_ONLY),
    "schools:pupil_account_callback": Expect(
        nothing,
        answers("pupil-login", pupil_a="to schools:pupil_account", pupil_b="to schools:pupil_account"),
    ),
    "schools:quick_exit": Expect(nothing, answers("off-site")),
}

# Representative addresses of the third-party URLconfs skipped above.
THIRD_PARTY_EXPECTATIONS = {
    # Wagtail's admin: content editors and platform admins only.
    "/admin/": answers("login", editor="ok", admin="ok"),
    "/admin/pages/": answers("login", editor="ok", admin="ok"),
    # Django's admin (schools, GIAS imports): platform admins only.
    "/django-admin/": answers("login", admin="ok"),
    "/django-admin/schools/school/": answers("login", admin="ok"),
    # allauth's MFA pages: for any signed-in member of staff.
    "/accounts/2fa/": STAFF_SIGNED_IN,
    # The site's public pages.
    "/": OPEN_TO_ALL,
}


# --- The world, built once for the module ----------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_broker(settings):
    """Health checks of Redis and the workers answer by what is running, not by who asks: this
    module checks permissions, so it leaves them out (tests/config/test_health.py checks them)."""
    settings.REDIS_URL = ""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """Built once, inside a transaction that is rolled back after the module; each test's own
    changes are rolled back after it as usual (a savepoint inside this transaction)."""
    # Pupil sessions end at the end of the school day: put it half a day away, so a run that
    # crosses the real end of the day is not signed out halfway.
    day_ends = (timezone.localtime() + datetime.timedelta(hours=12)).strftime("%H:%M")
    overrides = override_settings(PUPIL_SCHOOL_DAY_ENDS=day_ends)
    overrides.enable()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            overrides.disable()
            raise
    yield built
    with django_db_blocker.unblock():
        remove_files(built)
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
    overrides.disable()


def _mismatches(world: World, url: str, expected: dict[str, str]) -> list[str]:
    problems = []
    for role, wanted in expected.items():
        response = world.client(role).get(url)
        got = outcome(response)
        if got != wanted:
            problems.append(f"  {role} ({ROLES[role]}): expected {wanted}, got {got} [{describe(response)}]")
    return problems


@pytest.mark.parametrize("name", project_url_names())
def test_url_answers_every_role_as_expected(world, name):
    assert not name.startswith("unnamed "), f"give the URL pattern {name.removeprefix('unnamed ')} a name"
    assert name in EXPECTATIONS, (
        f"add an expectation for {name} to EXPECTATIONS in tests/test_url_permissions.py: "
        "who may open it, and what everyone else gets"
    )
    expect = EXPECTATIONS[name]
    url = reverse(name, kwargs=expect.kwargs(world))
    problems = _mismatches(world, url, expect.outcomes)
    assert not problems, f"GET {url} ({name}):\n" + "\n".join(problems)


def test_every_expectation_is_for_a_url_that_exists():
    stale = sorted(set(EXPECTATIONS) - set(project_url_names()))
    assert not stale, f"remove the expectations for URLs that no longer exist: {stale}"


# What a visitor gets when the page does not let them in.
REFUSALS = {"login", "pupil-login", "mfa-setup", "denied", "hidden", "not-allowed"}


def test_another_schools_staff_and_pupils_are_told_school_a_objects_do_not_exist(world):
    """Wherever school A's own staff or pupil get in to one of its objects, school B's get 404: a
    rule for the table itself, so a new entry cannot quietly let another school in."""
    lax = []
    for name, expect in EXPECTATIONS.items():
        names_objects = any(key == "urn" or key.endswith("pk") for key in expect.kwargs(world))
        if not names_objects:
            continue
        insiders = {"teacher_b": ("teacher_a", "dsl_a", "lead_a"), "pupil_b": ("pupil_a",)}
        for outsider, own in insiders.items():
            if any(expect.outcomes[role] not in REFUSALS for role in own) and expect.outcomes[outsider] != "hidden":
                lax.append(f"{name}: {outsider} expects {expect.outcomes[outsider]}")
    assert not lax, "another school must get 404 (hidden):\n" + "\n".join(lax)


def test_the_walk_finds_every_project_area():
    names = project_url_names()
    for namespace in ("learning", "classroom", "reports", "schools"):
        assert any(name.startswith(f"{namespace}:") for name in names), namespace
    assert not any(name.startswith(("wagtail", "account_", "mfa_", "admin:")) for name in names)


@pytest.mark.parametrize("path", THIRD_PARTY_EXPECTATIONS)
def test_third_party_areas_answer_every_role_as_expected(world, path):
    problems = _mismatches(world, path, THIRD_PARTY_EXPECTATIONS[path])
    assert not problems, f"GET {path}:\n" + "\n".join(problems)


def test_platform_admins_without_mfa_are_sent_to_set_it_up_first(db, world):
    """A platform admin sees every school: no staff page opens to their password alone."""
    client = Client()
    client.force_login(UserFactory(email="no-mfa@example.org", is_superuser=True, is_staff=True))
    open_pages = []
    for name, expect in sorted(EXPECTATIONS.items()):
        if expect.outcomes["admin"] != "ok" or expect.outcomes["anonymous"] == "ok":
            continue  # not an admin page, or a public one
        url = reverse(name, kwargs=expect.kwargs(world))
        response = client.get(url)
        if outcome(response) != "mfa-setup":
            open_pages.append(f"  {name}: {outcome(response)} [{describe(response)}]")
    assert not open_pages, "opened without MFA:\n" + "\n".join(open_pages)


# --- The menu ---------------------------------------------------------------------------------------

MENUS = {
    "anonymous": ["Home", "Pupil sign in", "Staff sign in"],
    "pupil_a": ["My work", "My results", "Ask a question", "Get help"],
    "pupil_b": ["My work", "My results", "Ask a question", "Get help"],
    "teacher_a": ["Your classes", "Programmes"],
    "dsl_a": ["Your classes", "Programmes"],
    "teacher_b": ["Your classes", "Programmes"],
    "lead_a": ["Your classes", "Programmes"],
    "commissioner": ["Programme dashboard", "Audit reports", "Evaluation protocols", "Download tables", "Programmes"],
    "evaluator": ["Download tables", "Evaluation export", "Programmes"],
    "editor": ["Edit content", "Programmes"],
    "admin": [
        "Your classes",
        "Programme dashboard",
        "Audit reports",
        "Evaluation protocols",
        "Download tables",
        "Edit content",
        "Programmes",
    ],
}


def test_each_role_is_offered_its_own_pages_and_every_one_opens(world):
    """The menu (config.navigation) on any page, here "Page not found": a commissioner finds the
    dashboard, audit reports and exports; nobody is offered a page that refuses them."""
    assert set(MENUS) == set(ROLES)
    for role, labels in MENUS.items():
        page = world.client(role).get("/no-such-page/")
        assert page.status_code == 404
        menu = BeautifulSoup(page.content, "html.parser").select("#site-menu a")
        assert [link.get_text(strip=True) for link in menu] == labels, role
        for link in menu:
            assert outcome(world.client(role).get(link["href"])) == "ok", f"{role}: {link.get_text()} {link['href']}"


def test_the_403_page_is_designed_and_lists_the_visitors_own_pages(world):
    response = world.client("teacher_a").get(reverse("reports:dashboard"))
    assert response.status_code == 403
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "You cannot open this page"
    assert world.users["teacher_a"].email in soup.get_text()
    pages = [a.get_text(strip=True) for a in soup.select("main a")]
    assert pages == ["Your classes", "Programmes"]
    assert soup.select_one("#site-menu [aria-current=page]") is None, "the page belongs to no entry of theirs"
