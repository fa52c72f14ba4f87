"""The school lead's answer to someone who asked to join through a school account."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from schools.models import AuditAction, SchoolRole, StaffJoinRequest, StaffMembership

from .audit import record_audit


@transaction.atomic
def decide_join_request(*, join_request: StaffJoinRequest, approve: bool, actor: User) -> bool:
    """Approve (the person becomes a teacher at the school) or decline a pending request.
    False, changing nothing, if it was decided already (a second press)."""
    decided = StaffJoinRequest.objects.filter(pk=join_request.pk, decided_at__isnull=True).update(
        decided_at=timezone.now(), decided_by=actor, approved=approve
    )
    if not decided:
        return False
    user, school = join_request.user, join_request.school
    if approve:
        StaffMembership.objects.get_or_create(user=user, school=school, defaults={"role": SchoolRole.TEACHER})
    record_audit(
        actor=actor,
        school=school,
        action=AuditAction.JOIN_DECIDED,
        summary=f"{'Approved' if approve else 'Declined'} {user.email} as a teacher at {school.name}",
        target=join_request,
        detail={"email": user.email, "approved": approve},
    )
    return True
