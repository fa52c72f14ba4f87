"""Limits on code resets, card printing, invitations, exports, rights requests and sign-in."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.roles import GlobalRole
from reports.export_models import Export
from schools.models import Assignment, AuditAction, AuditEvent, Invitation
from schools.rate_limits import (
    PUPIL_CODES,
    RIGHTS_REQUESTS,
    describe_period,
    describe_wait,
    enforce_limit,
    parse_rate,
    rate_limited,
)
from tests.factories import ModulePageFactory, UserFactory, enable_mfa

IP = "203.0.113.7"
ADAPTER = "schools.staff_sign_in.AuditedStaffAccountAdapter"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def lockouts():
    return AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT)


def reset_code(client, world, who=0):
    url = reverse("schools:pupil_reset_code", args=[world.klass.pk, world.pupils[who].pk])
    return client.post(url, REMOTE_ADDR=IP)


# --- Pupil codes: resets and login cards ---------------------------------------------------------


@override_settings(PUPIL_CODE_RATE="3/h")
def test_code_resets_stop_at_the_limit_with_a_page_in_plain_words(client, world):
    client.force_login(world.teacher)
    assert [reset_code(client, world).status_code for _ in range(3)] == [200, 200, 200]

    response = reset_code(client, world)

    assert response.status_code == 429
    html = response.content.decode()
    assert "You have reset a lot of codes in the last hour." in html
    assert "To protect pupils&#x27; accounts, please wait" in html and "minute" in html
    assert "If you need more, contact the Respect Online team." in html
    assert 0 < int(response["Retry-After"]) <= 3600
    assert 'class="govuk-header' in html, "the site's own page, not a bare error"
    assert AuditEvent.objects.filter(action=AuditAction.CODE_RESET).count() == 3, "the refused reset did nothing"


@override_settings(PUPIL_CODE_RATE="2/h")
def test_a_lockout_is_recorded_once_per_window_with_who_what_and_where(client, world):
    client.force_login(world.teacher)
    for _ in range(5):
        reset_code(client, world)

    event = lockouts().get()
    assert (event.actor, event.school, event.ip_address) == (world.teacher, world.school, IP)
    assert event.detail == {"limit": "pupil-codes", "rate": "2/h"}
    assert event.summary == "Reached the limit on pupils' login codes reset or printed (2 per hour) and was paused"


@override_settings(PUPIL_CODE_RATE="2/h")
def test_a_new_window_records_a_new_lockout(client, world):
    client.force_login(world.teacher)
    for _ in range(3):
        reset_code(client, world)
    cache.clear()  # the hour is over: counters and the note of the lockout expire together
    for _ in range(3):
        reset_code(client, world)

    assert lockouts().count() == 2


@override_settings(PUPIL_CODE_RATE="2/h")
def test_printing_cards_counts_against_the_same_budget(client, world):
    client.force_login(world.teacher)
    url = reverse("schools:login_cards", args=[world.klass.pk])
    assert client.post(url).status_code == 200
    assert reset_code(client, world).status_code == 200

    assert client.post(url).status_code == 429
    assert client.get(url).status_code == 200, "the page explaining printing is not limited"
    assert AuditEvent.objects.filter(action=AuditAction.CARDS_PRINTED).count() == 1


@override_settings(PUPIL_CODE_RATE="1/h")
def test_different_people_do_not_share_a_budget(client, world):
    client.force_login(world.teacher)
    reset_code(client, world)
    assert reset_code(client, world).status_code == 429

    client.force_login(world.lead)
    assert reset_code(client, world).status_code == 200


# --- Staff invitations ---------------------------------------------------------------------------


@override_settings(STAFF_INVITE_RATE="2/h")
def test_invitations_stop_at_the_limit(client, world):
    client.force_login(world.lead)
    url = reverse("schools:school_staff", args=[world.school.urn])
    answers = [
        client.post(url, {"email": f"new{n}@a.example.org", "role": "teacher"}, REMOTE_ADDR=IP).status_code
        for n in range(3)
    ]

    assert answers == [302, 302, 429]
    assert Invitation.objects.count() == 2
    event = lockouts().get()
    assert (event.actor, event.school, event.detail["limit"]) == (world.lead, world.school, "staff-invitations")


@override_settings(STAFF_INVITE_RATE="1/h")
def test_resending_an_invitation_counts_too(client, world):
    client.force_login(world.lead)
    client.post(
        reverse("schools:school_staff", args=[world.school.urn]), {"email": "x@a.example.org", "role": "teacher"}
    )
    invitation = Invitation.objects.get()

    response = client.post(reverse("schools:resend_invitation", args=[world.school.urn, invitation.pk]))

    assert response.status_code == 429
    assert "You have sent a lot of invitations in the last hour." in response.content.decode()


@override_settings(STAFF_INVITE_RATE="1/h")
def test_a_form_with_mistakes_does_not_use_the_budget(client, world):
    client.force_login(world.lead)
    url = reverse("schools:school_staff", args=[world.school.urn])
    client.post(url, {"email": "not an email", "role": "teacher"})

    assert client.post(url, {"email": "y@a.example.org", "role": "teacher"}).status_code == 302


# --- Exports -------------------------------------------------------------------------------------


@override_settings(EXPORT_RATE="1/h")
def test_teacher_csv_exports_stop_at_the_limit(client, world, programme):
    module = ModulePageFactory(parent=programme)
    assignment = Assignment.objects.create(school_class=world.klass, module=module, opens_on=timezone.localdate())
    client.force_login(world.teacher)
    url = reverse("learning:class_progress_csv", args=[world.klass.pk]) + f"?assignment={assignment.pk}"

    assert client.get(url).status_code == 200
    response = client.get(url)

    assert response.status_code == 429
    assert "You have asked for a lot of exports in the last hour." in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.EXPORTED).count() == 1
    assert lockouts().get().school == world.school


@override_settings(EXPORT_RATE="1/h")
def test_export_requests_stop_at_the_limit(client, db):
    evaluator = enable_mfa(UserFactory())
    evaluator.groups.add(Group.objects.get_or_create(name=GlobalRole.EVALUATOR.value)[0])
    client.force_login(evaluator)
    url = reverse("reports:evaluator_export")

    assert client.post(url, {"format": "csv"}).status_code == 302
    response = client.post(url, {"format": "csv"})

    assert response.status_code == 429
    assert Export.objects.count() == 1
    event = lockouts().get()
    assert (event.actor, event.school, event.detail["limit"]) == (evaluator, None, "exports")


# --- Rights requests: the decorator and the function ---------------------------------------------


def rights_request(request, urn):
    return HttpResponse("done")


def signed_in_request(user, method="post"):
    request = getattr(RequestFactory(), method)("/school/1/rights/", REMOTE_ADDR=IP)
    request.user = user
    request.session = {}
    return request


@override_settings(RIGHTS_REQUEST_RATE="2/h")
def test_the_decorator_limits_rights_requests_per_person(world):
    view = rate_limited(RIGHTS_REQUESTS)(rights_request)
    statuses = [view(signed_in_request(world.lead), urn=1).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert view(signed_in_request(world.other_lead), urn=1).status_code == 200
    assert view(signed_in_request(world.lead, "get"), urn=1).status_code == 200, "only POSTs count"
    event = lockouts().get()
    assert (event.actor, event.detail["limit"], event.ip_address) == (world.lead, "rights-requests", IP)


@override_settings(RIGHTS_REQUEST_RATE="1/h")
def test_enforce_limit_records_the_lockout_in_the_schools_log(world):
    assert enforce_limit(signed_in_request(world.lead), RIGHTS_REQUESTS, school=world.school) is None
    refused = enforce_limit(signed_in_request(world.lead), RIGHTS_REQUESTS, school=world.school)

    assert refused is not None and refused.status_code == 429
    assert "made a lot of subject access or erasure requests" in refused.content.decode()
    assert lockouts().get().school == world.school


def test_a_per_person_limit_must_come_after_sign_in(db):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ImproperlyConfigured, match="after login_required"):
        enforce_limit(signed_in_request(AnonymousUser()), RIGHTS_REQUESTS)


# --- Settings and words --------------------------------------------------------------------------


def test_limits_fall_back_to_their_defaults(settings):
    if hasattr(settings, "PUPIL_CODE_RATE"):
        del settings.PUPIL_CODE_RATE
    assert PUPIL_CODES.rate == "60/h"
    settings.PUPIL_CODE_RATE = "10/30m"
    assert (PUPIL_CODES.allowed, PUPIL_CODES.period) == (10, 1800)


@pytest.mark.parametrize("rate", ["sixty an hour", "60", "60/2w", "60/0m", "/h"])
def test_a_rate_that_is_not_understood_is_a_clear_error(rate):
    with pytest.raises(ImproperlyConfigured, match=r"not understood|period of zero"):
        parse_rate(rate)


def test_rates_are_read_as_django_ratelimit_and_allauth_write_them():
    assert parse_rate("60/h") == (60, 3600)
    assert parse_rate("5/300s/key") == (5, 300)
    assert parse_rate("10/m/ip") == (10, 60)


def test_periods_and_waits_in_words():
    assert [describe_period(s) for s in (3600, 300, 86400, 7200, 90)] == [
        "hour",
        "5 minutes",
        "day",
        "2 hours",
        "90 seconds",
    ]
    assert [describe_wait(s) for s in (1, 60, 61, 3600, -1)] == [
        "1 minute",
        "1 minute",
        "2 minutes",
        "60 minutes",
        "a few minutes",
    ]


# --- Pupil sign-in -------------------------------------------------------------------------------


def pupil_sign_in(client, class_code, pupil_code, ip=IP):
    return client.post(
        reverse("schools:pupil_login"), {"class_code": class_code, "pupil_code": pupil_code}, REMOTE_ADDR=ip
    )


@override_settings(PUPIL_LOGIN_RATE_PER_CLASS="2/5m", PUPIL_LOGIN_RATE_PER_IP="100/5m")
def test_a_pupil_sign_in_lockout_names_the_school_and_address_not_the_pupil(client, world):
    for _ in range(2):
        pupil_sign_in(client, world.klass.class_code, "ZZZZZZ")
    answers = [pupil_sign_in(client, world.klass.class_code, world.codes[0]) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [429, 429, 429]
    assert "Too many tries" in answers[0].content.decode()
    event = lockouts().get()
    assert (event.school, event.actor, event.ip_address) == (world.school, None, IP)
    assert event.target_id == str(world.klass.pk) and event.detail["limit"] == "pupil-login-class"
    assert event.summary == "Pupil sign-in for class 9R paused after too many wrong codes"
    assert not any(p.first_name in event.summary or p.last_name in event.summary for p in world.pupils)


@override_settings(PUPIL_LOGIN_RATE_PER_CLASS="100/5m", PUPIL_LOGIN_RATE_PER_IP="2/5m")
def test_a_device_lockout_is_recorded_once(client, world):
    for _ in range(2):
        pupil_sign_in(client, "ABCDEF", "ZZZZZZ")
    pupil_sign_in(client, world.klass.class_code, world.codes[0])
    pupil_sign_in(client, world.klass.class_code, world.codes[1])

    event = lockouts().get()
    assert event.detail["limit"] == "pupil-login-ip"
    assert event.summary == "Pupil sign-in for class 9R paused on one device after too many wrong codes"
    assert pupil_sign_in(client, world.klass.class_code, world.codes[0], ip="198.51.100.1").status_code == 302


# --- Staff sign-in (allauth) ---------------------------------------------------------------------


@override_settings(ACCOUNT_ADAPTER=ADAPTER, ACCOUNT_RATE_LIMITS={"login_failed": "100/m/ip,2/5m/key"})
def test_a_staff_sign_in_lockout_is_recorded_once_in_their_schools_log(client, world):
    url = reverse("account_login")
    for _ in range(5):
        response = client.post(url, {"login": world.teacher.email, "password": "wrong"}, REMOTE_ADDR=IP)

    assert b"Too many failed login attempts" in response.content
    event = lockouts().get()
    assert (event.school, event.actor, event.ip_address) == (world.school, None, IP)
    assert event.target_id == str(world.teacher.pk)
    assert event.summary == f"Staff sign-in for {world.teacher.email} paused after too many failed attempts"


@override_settings(ACCOUNT_ADAPTER=ADAPTER, ACCOUNT_RATE_LIMITS={"login_failed": "100/m/ip,1/5m/key"})
def test_a_lockout_for_an_unknown_address_keeps_no_trace_of_what_was_typed(client, db):
    for _ in range(3):
        client.post(reverse("account_login"), {"login": "nobody@example.org", "password": "wrong"})

    event = lockouts().get()
    assert event.school is None and event.target_id == ""
    assert "nobody" not in event.summary and "nobody" not in str(event.detail)
