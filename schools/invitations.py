"""Inviting staff by email, and accepting an invitation.

The invitation link carries a random token; the database keeps only its hash.
The token is made by the email task at the moment of sending, so it never
passes through the Celery broker, and sending again (a resend or a retried
task) replaces it: only the latest link works.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import GlobalRole
from config.task_queue import enqueue
from schools.models import (
    INVITATION_LIFETIME,
    AuditAction,
    Invitation,
    InvitedRole,
    School,
    SchoolClass,
    SchoolRole,
    StaffMembership,
    hash_token,
)
from schools.models.staff import SCHOOL_ROLES
from schools.permissions import user_can_manage_staff
from schools.services.audit import record_audit

# The Django group that holds each platform-wide role.
ROLE_GROUPS = {
    InvitedRole.COMMISSIONER: GlobalRole.COMMISSIONER,
    InvitedRole.EVALUATOR: GlobalRole.EVALUATOR,
    InvitedRole.CONTENT_EDITOR: GlobalRole.CONTENT_EDITOR,
}
# What a school lead may invite people to be (at their own school).
LEAD_INVITABLE_ROLES = {InvitedRole.TEACHER, InvitedRole.SCHOOL_LEAD}


class InvitationError(Exception):
    """Why an invitation cannot be accepted. The message is shown to the person."""


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _check_can_invite(*, invited_by: User, role: InvitedRole, school: School | None) -> None:
    if not (invited_by.is_authenticated and invited_by.is_active):
        raise PermissionDenied("Only signed-in staff can invite people.")
    if invited_by.is_superuser:
        return
    if role not in LEAD_INVITABLE_ROLES:
        raise PermissionDenied(f"Only a platform admin can invite a {InvitedRole(role).label.lower()}.")
    if school is None or not user_can_manage_staff(invited_by, school):
        raise PermissionDenied("Only a lead of this school can invite its staff.")


def _check_not_already_in_role(*, email: str, role: InvitedRole, school: School | None) -> None:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        return
    if school is not None:
        membership = StaffMembership.objects.filter(user=user, school=school).first()
        if membership is not None and (membership.role == SchoolRole.SCHOOL_LEAD or membership.role == role):
            raise ValueError(f"{email} is already a {membership.get_role_display().lower()} at {school.name}.")
    elif user.groups.filter(name=ROLE_GROUPS[role].value).exists():
        raise ValueError(f"{email} is already a {InvitedRole(role).label.lower()}.")


@transaction.atomic
def invite_staff(*, email: str, role: InvitedRole, school: School | None, invited_by: User) -> Invitation:
    """Invite someone to a staff role and email them a link, once the transaction commits.

    Teachers and school leads belong to a school; commissioners, evaluators and
    content editors to the whole platform. A school lead may invite teachers
    and leads to their own school; a platform admin (superuser) may invite
    anyone. A pending invitation for the same email, role and school is
    revoked, so only the newest link works.

    Raises ValueError for an impossible invitation and PermissionDenied when
    ``invited_by`` may not make it.
    """
    role = InvitedRole(role)
    email = email.strip().lower()
    if role in SCHOOL_ROLES and school is None:
        raise ValueError(f"A {role.label.lower()} must be invited to a school.")
    if role not in SCHOOL_ROLES and school is not None:
        raise ValueError(f"A {role.label.lower()} works across schools: invite them without a school.")
    _check_can_invite(invited_by=invited_by, role=role, school=school)
    _check_not_already_in_role(email=email, role=role, school=school)

    now = timezone.now()
    Invitation.objects.filter(
        email__iexact=email, role=role, school=school, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        school=school,
        # A placeholder nobody knows; the email task replaces it with the real link's hash.
        token_hash=hash_token(_new_token()),
        invited_by=invited_by,
        expires_at=now + INVITATION_LIFETIME,
    )
    where = f" at {school.name}" if school else ""
    record_audit(
        actor=invited_by,
        school=school,
        action=AuditAction.STAFF_INVITED,
        summary=f"Invited {email} as {role.label.lower()}{where}",
        target=invitation,
        detail={"email": email, "role": role.value},
    )
    _enqueue_email(invitation)
    return invitation


def resend_invitation(*, invitation: Invitation) -> None:
    """Send the invitation again with a new link; the old link stops working.

    The caller checks the sender may manage the invitation.
    """
    if invitation.accepted_at is not None:
        raise ValueError("This invitation has already been accepted.")
    if invitation.revoked_at is not None:
        raise ValueError("This invitation was cancelled: send a new one.")
    _enqueue_email(invitation)


def _enqueue_email(invitation: Invitation) -> None:
    # Imported here because the task module imports this one.
    from schools.tasks.emails import send_invitation_email

    # With the broker down the invitation is kept and "Resend" sends it later.
    transaction.on_commit(lambda: enqueue(send_invitation_email, invitation.pk))


@transaction.atomic
def revoke_invitation(*, invitation: Invitation) -> None:
    """Cancel an invitation that has not been accepted. The caller checks permission."""
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def send_invitation(*, invitation_id: int) -> bool:
    """Email an invitation with a fresh link, valid for INVITATION_LIFETIME from now.

    A new token is made on every call and only its hash is stored, so running
    this again (a resend or a retry) makes the previous link stop working.
    Accepted, cancelled or deleted invitations are not sent. Returns whether
    an email was sent.
    """
    token = _new_token()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("school", "invited_by")
            .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
            .first()
        )
        if invitation is None:
            return False
        invitation.token_hash = hash_token(token)
        invitation.expires_at = timezone.now() + INVITATION_LIFETIME
        invitation.save(update_fields=["token_hash", "expires_at"])

    context = {
        "invitation": invitation,
        "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("schools:accept_invitation", args=[token]),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    subject = render_to_string("schools/emails/invitation_subject.txt", context).strip()
    body = render_to_string("schools/emails/invitation_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    return True


def find_invitation(*, token: str) -> Invitation:
    """The invitation a link's token belongs to. Raises Invitation.DoesNotExist."""
    return Invitation.objects.select_related("school", "invited_by").get(token_hash=hash_token(token))


def check_usable(invitation: Invitation) -> None:
    """Raise InvitationError saying why the invitation can no longer be accepted."""
    if invitation.accepted_at is not None:
        raise InvitationError("This invitation has already been used.")
    if invitation.revoked_at is not None:
        raise InvitationError("This invitation was cancelled. Ask the person who invited you to send a new one.")
    if invitation.is_expired:
        raise InvitationError("This invitation has expired: ask for a new one.")


def email_has_account(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


@transaction.atomic
def accept_invitation(*, token: str, user: User) -> Invitation:
    """Give ``user`` the invited role. Each invitation can be used once.

    Raises Invitation.DoesNotExist for an unknown token and InvitationError for
    a used, cancelled or expired invitation, or one sent to another address.
    """
    invitation = (
        Invitation.objects.select_for_update(of=("self",)).select_related("school").get(token_hash=hash_token(token))
    )
    check_usable(invitation)
    if invitation.email.lower() != user.email.lower():
        raise InvitationError(
            f"This invitation was sent to {invitation.email}, but you are signed in as {user.email}. "
            f"Sign out, then open the link again."
        )
    return grant_invitation(invitation=invitation, user=user)


def grant_invitation(*, invitation: Invitation, user: User) -> Invitation:
    """Give ``user`` the role of a usable invitation sent to their address, and mark it used.
    Call with the invitation locked (``accept_invitation``), or for an address a school
    account has just proved (``schools.staff_social``)."""
    role = InvitedRole(invitation.role)
    school = invitation.school
    if school is not None:
        membership, created = StaffMembership.objects.get_or_create(
            user=user, school=school, defaults={"role": role.value}
        )
        # Accepting a lead invitation promotes a teacher; a teacher invitation never demotes a lead.
        if not created and role == InvitedRole.SCHOOL_LEAD and membership.role != SchoolRole.SCHOOL_LEAD:
            membership.role = SchoolRole.SCHOOL_LEAD
            membership.save(update_fields=["role"])
    else:
        group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[role].value)
        user.groups.add(group)

    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    where = f" at {school.name}" if school else ""
    record_audit(
        actor=user,
        school=school,
        action=AuditAction.STAFF_JOINED,
        summary=f"{user.email} joined as {role.label.lower()}{where}",
        target=invitation,
        detail={"email": user.email, "role": role.value},
    )
    return invitation


@transaction.atomic
def accept_invitation_with_new_account(
    *, token: str, first_name: str, last_name: str, password: str
) -> tuple[Invitation, User]:
    """Create the account for the invited email and accept the invitation, all or nothing.

    The password must already have passed the password validators.
    """
    invitation = find_invitation(token=token)
    check_usable(invitation)
    if email_has_account(invitation.email):
        raise InvitationError("There is already an account for this email address: sign in to accept.")
    user = User.objects.create_user(
        invitation.email, password, first_name=first_name.strip(), last_name=last_name.strip()
    )
    return accept_invitation(token=token, user=user), user


@transaction.atomic
def remove_staff_member(*, membership: StaffMembership, actor: User) -> None:
    """Take someone off a school's staff and off the teachers of its classes.

    Their account stays (they may work at other schools). Nobody removes themselves.
    """
    if membership.user_id == actor.pk:
        raise ValueError("You cannot remove yourself. Ask another school lead to do it.")
    school, user = membership.school, membership.user
    SchoolClass.teachers.through.objects.filter(schoolclass__school=school, user=user).delete()
    membership.delete()
    record_audit(
        actor=actor,
        school=school,
        action=AuditAction.STAFF_REMOVED,
        summary=f"Removed {user.email} ({membership.get_role_display().lower()}) from {school.name}",
        target=user,
        detail={"email": user.email, "role": membership.role},
    )
