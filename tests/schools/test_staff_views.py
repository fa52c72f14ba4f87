"""School leads' staff pages and the platform admin's invitation page."""

import pytest
from django.core import mail
from django.urls import reverse

from schools.invitations import invite_staff
from schools.models import AuditAction, AuditEvent, Invitation, InvitedRole, SchoolClass, SchoolRole, StaffMembership
from tests.factories import SchoolFactory, platform_admin


def staff_url(school):
    return reverse("schools:school_staff", args=[school.urn])


@pytest.fixture
def pending(world):
    return invite_staff(email="new@a.example.org", role=InvitedRole.TEACHER, school=world.school, invited_by=world.lead)


def test_lead_sees_staff_roles_and_pending_invitations(client, world, pending):
    client.force_login(world.lead)
    response = client.get(staff_url(world.school))
    assert response.status_code == 200
    content = response.content.decode()
    for person in (world.lead, world.teacher, world.other_teacher):
        assert person.email in content
    assert "School lead" in content and "Teacher" in content
    assert "new@a.example.org" in content
    assert world.other_lead.email not in content
    assert '<label class="govuk-label govuk-label--s" for="id_email">' in content


def test_a_teacher_of_the_school_gets_403(client, world):
    client.force_login(world.teacher)
    assert client.get(staff_url(world.school)).status_code == 403


@pytest.mark.parametrize("name", ["school_staff", "remove_staff", "resend_invitation", "revoke_invitation"])
def test_another_schools_lead_gets_404(client, world, pending, name):
    membership = StaffMembership.objects.get(user=world.teacher)
    args = {
        "school_staff": [world.school.urn],
        "remove_staff": [world.school.urn, membership.pk],
        "resend_invitation": [world.school.urn, pending.pk],
        "revoke_invitation": [world.school.urn, pending.pk],
    }[name]
    client.force_login(world.other_lead)
    assert client.post(reverse(f"schools:{name}", args=args)).status_code == 404
    assert StaffMembership.objects.filter(pk=membership.pk).exists()
    pending.refresh_from_db()
    assert pending.revoked_at is None


def test_a_lead_cannot_reach_another_schools_objects_through_their_own_school(client, world):
    other_membership = StaffMembership.objects.get(user=world.other_class_teacher)
    other_invitation = invite_staff(
        email="x@b.example.org", role=InvitedRole.TEACHER, school=world.other_school, invited_by=world.other_lead
    )
    client.force_login(world.lead)
    assert client.post(reverse("schools:remove_staff", args=[world.school.urn, other_membership.pk])).status_code == 404
    assert (
        client.post(reverse("schools:revoke_invitation", args=[world.school.urn, other_invitation.pk])).status_code
        == 404
    )


def test_lead_invites_through_the_form(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(staff_url(world.school), {"email": "deputy@a.example.org", "role": "school_lead"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="deputy@a.example.org")
    assert (invitation.role, invitation.school, invitation.invited_by) == ("school_lead", world.school, world.lead)
    assert mail.outbox[0].to == ["deputy@a.example.org"]


def test_an_invalid_invitation_shows_errors_and_sends_nothing(client, world):
    client.force_login(world.lead)
    response = client.post(staff_url(world.school), {"email": world.teacher.email, "role": "teacher"})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content and b"already a teacher" in response.content
    assert not Invitation.objects.exists()


def test_lead_cancels_an_invitation(client, world, pending):
    client.force_login(world.lead)
    response = client.post(reverse("schools:revoke_invitation", args=[world.school.urn, pending.pk]))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.revoked_at is not None
    assert list(client.get(staff_url(world.school)).context["invitations"]) == []


def test_removing_asks_first_then_takes_them_off_the_school_and_its_classes(client, world):
    membership = StaffMembership.objects.get(user=world.teacher, school=world.school)
    url = reverse("schools:remove_staff", args=[world.school.urn, membership.pk])
    client.force_login(world.lead)
    page = client.get(url)
    assert page.status_code == 200
    assert b"9R" in page.content  # the class they will stop teaching
    assert StaffMembership.objects.filter(pk=membership.pk).exists()

    assert client.post(url).status_code == 302
    assert not StaffMembership.objects.filter(pk=membership.pk).exists()
    assert not world.klass.teachers.filter(pk=world.teacher.pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.STAFF_REMOVED)
    assert (event.school, event.actor) == (world.school, world.lead)
    assert not SchoolClass.objects.for_user(world.teacher).exists()


def test_removing_keeps_their_classes_at_other_schools(client, world):
    from tests.factories import school_class

    StaffMembership.objects.create(user=world.teacher, school=world.other_school, role=SchoolRole.TEACHER)
    elsewhere = school_class(world.other_school, world.teacher, name="10Z")
    membership = StaffMembership.objects.get(user=world.teacher, school=world.school)
    client.force_login(world.lead)
    client.post(reverse("schools:remove_staff", args=[world.school.urn, membership.pk]))
    assert elsewhere.teachers.filter(pk=world.teacher.pk).exists()
    assert StaffMembership.objects.filter(user=world.teacher, school=world.other_school).exists()


def test_a_lead_cannot_remove_themselves(client, world):
    own = StaffMembership.objects.get(user=world.lead, school=world.school)
    client.force_login(world.lead)
    response = client.post(reverse("schools:remove_staff", args=[world.school.urn, own.pk]))
    assert response.status_code == 302
    assert StaffMembership.objects.filter(pk=own.pk).exists()


def test_platform_invite_is_for_superusers_only(client, world):
    client.force_login(world.lead)
    assert client.get(reverse("schools:platform_invite")).status_code == 403
    response = client.post(reverse("schools:platform_invite"), {"email": "c@example.org", "role": "commissioner"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_platform_admin_invites_a_lead_for_any_school_by_urn(client, db):
    school = SchoolFactory()
    client.force_login(platform_admin())
    response = client.post(
        reverse("schools:platform_invite"),
        {"email": "head@school.example.org", "role": "school_lead", "urn": school.urn},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.school) == ("school_lead", school)


def test_platform_invite_checks_the_urn(client, db):
    client.force_login(platform_admin())
    url = reverse("schools:platform_invite")
    for data, error in [
        ({"email": "a@example.org", "role": "school_lead"}, b"Enter the URN"),
        ({"email": "a@example.org", "role": "school_lead", "urn": "1"}, b"no school with this URN"),
        ({"email": "a@example.org", "role": "evaluator", "urn": SchoolFactory().urn}, b"Leave the URN empty"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 200 and error in response.content
    assert not Invitation.objects.exists()
