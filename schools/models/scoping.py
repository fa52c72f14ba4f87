"""The one way school data is reached: ``Model.objects.for_user(user)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class ScopedQuerySet(models.QuerySet):
    """School data scoped by user. Subclasses say, in ``visible_to``, what a member of staff sees;
    anonymous and inactive users see nothing and platform admins see everything."""

    def for_user(self, user: User | AnonymousUser):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.visible_to(user)

    def visible_to(self, user: User):
        raise NotImplementedError


def led_school_ids(user: User) -> models.QuerySet:
    """A subquery of the schools the user leads."""
    from .staff import SchoolRole, StaffMembership

    return StaffMembership.objects.filter(user=user, role=SchoolRole.SCHOOL_LEAD).values("school_id")
