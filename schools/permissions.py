"""Who may do what with school data. Views call these; they never inline the rules.

Objects of a school the user cannot see are answered with 404 by the views
(through the scoped querysets), so these functions decide only between users
who can already see the object.
"""

from __future__ import annotations

from typing import TypeGuard

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from accounts.models import User
from schools.models import Pupil, School, SchoolClass, SchoolRole, StaffMembership

AnyUser = User | AnonymousUser


def _active(user: AnyUser) -> TypeGuard[User]:
    return isinstance(user, User) and user.is_active


def user_is_school_lead(user: AnyUser, school: School) -> bool:
    if not _active(user):
        return False
    return (
        user.is_superuser
        or StaffMembership.objects.filter(user=user, school=school, role=SchoolRole.SCHOOL_LEAD).exists()
    )


def user_works_at(user: AnyUser, school: School) -> bool:
    if not _active(user):
        return False
    return user.is_superuser or StaffMembership.objects.filter(user=user, school=school).exists()


def user_can_create_class(user: AnyUser, school: School) -> bool:
    return user_works_at(user, school)


def class_for(request: HttpRequest, pk: int) -> SchoolClass:
    """A class the signed-in member of staff can see (with its school); any other answers 404."""
    return get_object_or_404(SchoolClass.objects.for_user(request.user).select_related("school"), pk=pk)


def user_can_view_class(user: AnyUser, school_class: SchoolClass) -> bool:
    if not _active(user):
        return False
    return SchoolClass.objects.for_user(user).filter(pk=school_class.pk).exists()


def user_can_manage_class(user: AnyUser, school_class: SchoolClass) -> bool:
    """Teachers of the class and leads of its school change it, until it is archived."""
    if school_class.is_archived or not _active(user):
        return False
    return school_class.teachers.filter(pk=user.pk).exists() or user_is_school_lead(user, school_class.school)


def user_can_view_pupil(user: AnyUser, pupil: Pupil) -> bool:
    if not _active(user):
        return False
    return Pupil.objects.for_user(user).filter(pk=pupil.pk).exists()


def user_can_record_opt_out(user: AnyUser, pupil: Pupil) -> bool:
    return user_is_school_lead(user, pupil.school)


def user_can_manage_staff(user: AnyUser, school: School) -> bool:
    return user_is_school_lead(user, school)


def user_can_view_audit_log(user: AnyUser, school: School) -> bool:
    return user_is_school_lead(user, school)


def user_can_view_retention(user: AnyUser) -> bool:
    """Platform admins (superusers) only: the retention report counts data across every school."""
    return _active(user) and user.is_superuser
