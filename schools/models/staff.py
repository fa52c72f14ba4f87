"""Who works where, and invitations to join."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class SchoolRole(models.TextChoices):
    TEACHER = "teacher", "Teacher"
    SCHOOL_LEAD = "school_lead", "School lead"


class StaffMembershipQuerySet(models.QuerySet):
    def leads(self):
        return self.filter(role=SchoolRole.SCHOOL_LEAD)


class StaffMembership(models.Model):
    """A person's role at one school. One person can work at several schools."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=SchoolRole.choices, default=SchoolRole.TEACHER)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StaffMembershipQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "school"], name="one_membership_per_school")]
        ordering = ["school__name", "user__email"]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} at {self.school.name}"


class InvitedRole(models.TextChoices):
    TEACHER = "teacher", "Teacher"
    SCHOOL_LEAD = "school_lead", "School lead"
    COMMISSIONER = "commissioner", "Commissioner"
    EVALUATOR = "evaluator", "Evaluator"
    CONTENT_EDITOR = "content_editor", "Content editor"


SCHOOL_ROLES = {InvitedRole.TEACHER, InvitedRole.SCHOOL_LEAD}
INVITATION_LIFETIME = timedelta(days=7)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An emailed, single-use, expiring invitation to a staff role.

    Only a hash of the token is stored: the link in the email is the only copy.
    """

    email = models.EmailField()
    role = models.CharField(max_length=20, choices=InvitedRole.choices)
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=sorted(SCHOOL_ROLES), school__isnull=False)
                | (~models.Q(role__in=sorted(SCHOOL_ROLES)) & models.Q(school__isnull=True)),
                name="school_roles_need_a_school",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} ({self.get_role_display()})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class StaffJoinRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(decided_at__isnull=True)


class StaffJoinRequest(models.Model):
    """Someone who signed in with a school account at one of the school's staff email domains,
    waiting for the school lead to let them in as a teacher (or not)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="join_requests")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved = models.BooleanField(null=True)

    objects = StaffJoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "school"], condition=models.Q(decided_at__isnull=True), name="one_pending_join_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} asks to join {self.school.name}"
