"""Staff invitations: inviting, the emailed link, accepting once, and who may invite whom."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from accounts.roles import GlobalRole
from schools.invitations import InvitationError, accept_invitation, invite_staff
from schools.models import AuditAction, AuditEvent, Invitation, InvitedRole, SchoolRole, StaffMembership, hash_token
from tests.factories import UserFactory, platform_admin, staff

User = get_user_model()
PASSWORD = "plum-harbour-lantern-42"
LINK = re.compile(r"http://testserver(/invitations/([A-Za-z0-9_-]+)/)")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Invite through the service and run the after-commit email task, as production would."""

    def _send(**kwargs) -> tuple[Invitation, str]:
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invite_staff(**kwargs)
        return invitation, last_link()

    return _send


def last_link() -> str:
    """The path of the invitation link in the latest email."""
    match = LINK.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def token_of(path: str) -> str:
    return LINK.search(f"http://testserver{path}").group(2)


def new_account(client, path: str, **overrides):
    data = {"first_name": "Priya", "last_name": "Shah", "password1": PASSWORD, "password2": PASSWORD, **overrides}
    return client.post(path, data)


def test_lead_invites_a_teacher_who_sets_up_an_account_from_the_email(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("schools:school_staff", args=[world.school.urn]),
            {"email": "New.Teacher@A.example.org", "role": "teacher"},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["new.teacher@a.example.org"]
    assert world.school.name in email.subject
    path = last_link()

    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert b"new.teacher@a.example.org" in page.content
    assert b'<label class="govuk-label govuk-label--s" for="id_password1">' in page.content

    response = new_account(client, path)
    assert response.status_code == 302
    user = User.objects.get(email="new.teacher@a.example.org")
    assert user.check_password(PASSWORD)
    assert (user.first_name, user.last_name) == ("Priya", "Shah")
    assert StaffMembership.objects.get(user=user, school=world.school).role == SchoolRole.TEACHER
    assert client.session["_auth_user_id"] == str(user.pk)
    invitation = Invitation.objects.get(email="new.teacher@a.example.org")
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    assert AuditEvent.objects.filter(school=world.school, action=AuditAction.STAFF_INVITED, actor=world.lead).exists()
    assert AuditEvent.objects.filter(school=world.school, action=AuditAction.STAFF_JOINED, actor=user).exists()


def test_only_a_hash_of_the_token_is_stored_and_the_task_gets_only_an_id(world, send, monkeypatch):
    from schools.tasks import emails

    queued = []
    real_delay = emails.send_invitation_email.delay
    monkeypatch.setattr(emails.send_invitation_email, "delay", lambda *args: queued.append(args) or real_delay(*args))
    invitation, path = send(
        email="t@a.example.org", role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead
    )
    token = token_of(path)
    invitation.refresh_from_db()
    assert queued == [(invitation.pk,)]
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert len(token) >= 43  # 32 random bytes


def test_the_link_expires_seven_days_after_sending(world, send):
    before = timezone.now()
    invitation, _ = send(email="t@a.example.org", role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead)
    invitation.refresh_from_db()
    assert before + timedelta(days=7) <= invitation.expires_at <= timezone.now() + timedelta(days=7)


def test_a_link_works_only_once(client, world, send):
    _, path = send(email="t@a.example.org", role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead)
    assert new_account(client, path).status_code == 302
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert b"This invitation has already been used" in response.content
    response = new_account(client, path, first_name="Mallory")
    assert response.status_code == 410
    assert User.objects.filter(email="t@a.example.org").count() == 1


def test_an_expired_link_is_refused(client, world, send):
    invitation, path = send(
        email="t@a.example.org", role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = new_account(client, path)
    assert response.status_code == 410
    assert b"This invitation has expired: ask for a new one" in response.content
    assert not User.objects.filter(email="t@a.example.org").exists()


def test_a_cancelled_link_is_refused(client, world, send):
    invitation, path = send(
        email="t@a.example.org", role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead
    )
    client.force_login(world.lead)
    client.post(reverse("schools:revoke_invitation", args=[world.school.urn, invitation.pk]))
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert b"This invitation was cancelled" in response.content


def test_an_unknown_token_is_not_found(client, db):
    assert client.get(reverse("schools:accept_invitation", args=["not-a-real-token"])).status_code == 404


def test_inviting_the_same_person_again_cancels_the_first_invitation(client, world, send):
    first, old_path = send(
        email="t@a.example.org", role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead
    )
    second, new_path = send(
        email="T@a.example.org", role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead
    )
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    assert client.get(old_path).status_code == 410
    assert client.get(new_path).status_code == 200


def test_after_a_resend_only_the_new_link_works(client, world, send, django_capture_on_commit_callbacks):
    invitation, old_path = send(
        email="t@a.example.org", role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead
    )
    client.force_login(world.lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("schools:resend_invitation", args=[world.school.urn, invitation.pk]))
    new_path = last_link()
    assert len(mail.outbox) == 2 and new_path != old_path
    client.logout()
    assert client.get(old_path).status_code == 404
    assert new_account(client, new_path).status_code == 302
    assert StaffMembership.objects.filter(user__email="t@a.example.org", school=world.school).exists()


def test_an_existing_user_signs_in_first_then_accepts(client, world, send):
    other_lead = world.other_lead
    _, path = send(email=other_lead.email, role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead)
    page = client.get(path)
    assert page.status_code == 200
    login_url = f"{reverse('account_login')}?{urlencode({'next': path})}"
    assert login_url.encode() in page.content
    assert new_account(client, path).status_code == 200  # no second account, no form
    assert User.objects.filter(email=other_lead.email).count() == 1

    response = client.post(
        reverse("account_login") + f"?next={path}", {"login": other_lead.email, "password": "a-long-test-password"}
    )
    assert response.status_code == 302 and response["Location"] == path
    assert b"Accept invitation" in client.get(path).content
    assert client.post(path).status_code == 302
    # One person, two schools: still lead at their own, now a teacher here too.
    assert StaffMembership.objects.get(user=other_lead, school=world.other_school).role == SchoolRole.SCHOOL_LEAD
    assert StaffMembership.objects.get(user=other_lead, school=world.school).role == SchoolRole.TEACHER


def test_signed_in_as_someone_else_is_refused_clearly(client, world, send):
    _, path = send(email="t@a.example.org", role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead)
    client.force_login(world.other_lead)
    response = client.post(path)
    assert response.status_code == 403
    assert b"t@a.example.org" in response.content and world.other_lead.email.encode() in response.content
    assert not StaffMembership.objects.filter(user=world.other_lead, school=world.school).exists()
    assert Invitation.objects.get(email="t@a.example.org").accepted_at is None


def test_new_account_passwords_are_validated(client, world, send):
    _, path = send(email="t@a.example.org", role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead)
    response = new_account(client, path, password1="short", password2="short")
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert b'id="id_password1-error"' in response.content
    assert not User.objects.filter(email="t@a.example.org").exists()


def test_school_lead_invitation_promotes_a_teacher(world, send):
    _, path = send(email=world.teacher.email, role=InvitedRole.SCHOOL_LEAD, school=world.school, invited_by=world.lead)
    accept_invitation(token=token_of(path), user=world.teacher)
    assert StaffMembership.objects.get(user=world.teacher, school=world.school).role == SchoolRole.SCHOOL_LEAD


def test_someone_cannot_be_invited_to_a_role_they_already_have(world):
    with pytest.raises(ValueError, match="already"):
        invite_staff(email=world.teacher.email, role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead)
    with pytest.raises(ValueError, match="already"):
        invite_staff(email=world.lead.email, role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead)


def test_school_roles_need_a_school_and_platform_roles_none(world):
    admin = platform_admin()
    with pytest.raises(ValueError, match="school"):
        invite_staff(email="x@example.org", role=InvitedRole.TEACHER, school=None, invited_by=admin)
    with pytest.raises(ValueError, match="without a school"):
        invite_staff(email="x@example.org", role=InvitedRole.EVALUATOR, school=world.school, invited_by=admin)


def test_a_teacher_cannot_invite(client, world):
    with pytest.raises(PermissionDenied):
        invite_staff(email="x@a.example.org", role=InvitedRole.TEACHER, school=world.school, invited_by=world.teacher)
    client.force_login(world.teacher)
    response = client.post(
        reverse("schools:school_staff", args=[world.school.urn]), {"email": "x@a.example.org", "role": "teacher"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_a_lead_cannot_invite_to_another_school(client, world):
    with pytest.raises(PermissionDenied):
        invite_staff(
            email="x@b.example.org", role=InvitedRole.TEACHER, school=world.other_school, invited_by=world.lead
        )
    client.force_login(world.lead)
    response = client.post(
        reverse("schools:school_staff", args=[world.other_school.urn]), {"email": "x@b.example.org", "role": "teacher"}
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_a_lead_cannot_invite_a_commissioner(client, world):
    with pytest.raises(PermissionDenied, match="platform admin"):
        invite_staff(email="c@example.org", role=InvitedRole.COMMISSIONER, school=None, invited_by=world.lead)
    client.force_login(world.lead)
    response = client.post(
        reverse("schools:school_staff", args=[world.school.urn]), {"email": "c@example.org", "role": "commissioner"}
    )
    assert response.status_code == 200 and b"govuk-error-summary" in response.content
    assert not Invitation.objects.exists()


def test_platform_admin_invites_a_commissioner_who_joins_the_group_and_must_set_up_mfa(
    client, db, django_capture_on_commit_callbacks
):
    admin = platform_admin()
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("schools:platform_invite"), {"email": "pcc@example.org", "role": "commissioner"})
    assert response.status_code == 302
    path = last_link()
    client.logout()
    response = new_account(client, path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    user = User.objects.get(email="pcc@example.org")
    assert list(user.groups.values_list("name", flat=True)) == [GlobalRole.COMMISSIONER.value]
    assert not user.memberships.exists()


@pytest.mark.parametrize(
    ("role", "group"),
    [(InvitedRole.EVALUATOR, GlobalRole.EVALUATOR), (InvitedRole.CONTENT_EDITOR, GlobalRole.CONTENT_EDITOR)],
)
def test_platform_roles_are_granted_as_groups(db, send, role, group):
    admin = platform_admin()
    person = UserFactory(email="person@example.org")
    _, path = send(email=person.email, role=role, school=None, invited_by=admin)
    accept_invitation(token=token_of(path), user=person)
    assert person.groups.filter(name=group.value).exists()


def test_accepting_checks_the_email_in_the_service_too(world, send):
    _, path = send(email="t@a.example.org", role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead)
    intruder = staff(world.other_school, "teacher", email="intruder@b.example.org")
    with pytest.raises(InvitationError, match=r"sent to t@a\.example\.org"):
        accept_invitation(token=token_of(path), user=intruder)
