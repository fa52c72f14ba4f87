"""School leads manage their school's staff; platform admins invite leads and platform roles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from schools.forms.staff import InviteStaffForm, PlatformInviteForm, SchoolAccountsForm
from schools.invitations import invite_staff, remove_staff_member, resend_invitation, revoke_invitation
from schools.models import Invitation, InvitedRole, School, StaffMembership
from schools.permissions import user_can_manage_staff
from schools.rate_limits import STAFF_INVITATIONS, enforce_limit
from schools.services.join_requests import decide_join_request


def _managed_school(request: HttpRequest, urn: int) -> School:
    """The school, if the user may manage its staff: 404 for other schools, 403 for its teachers."""
    school = get_object_or_404(School.objects.for_user(request.user), urn=urn)
    if not user_can_manage_staff(request.user, school):
        raise PermissionDenied("Only the school lead can manage staff.")
    return school


def _open_invitation(school: School, pk: int) -> Invitation:
    return get_object_or_404(school.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True), pk=pk)


@never_cache
@login_required
def school_staff(request: HttpRequest, urn: int) -> HttpResponse:
    """The school's staff and open invitations, with a form to invite someone."""
    school = _managed_school(request, urn)
    form = InviteStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if (refused := enforce_limit(request, STAFF_INVITATIONS, school=school)) is not None:
            return refused
        email = form.cleaned_data["email"]
        try:
            invite_staff(
                email=email, role=InvitedRole(form.cleaned_data["role"]), school=school, invited_by=request.user
            )
        except ValueError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, f"Invitation sent to {email}.")
            return redirect("schools:school_staff", school.urn)
    staff = (
        StaffMembership.objects.filter(school=school).select_related("user").order_by("user__last_name", "user__email")
    )
    invitations = school.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).select_related(
        "invited_by"
    )
    join_requests = school.join_requests.pending().select_related("user")
    return render(
        request,
        "schools/staff/list.html",
        {"school": school, "staff": staff, "invitations": invitations, "form": form, "join_requests": join_requests},
    )


@require_POST
@login_required
def resend_staff_invitation(request: HttpRequest, urn: int, pk: int) -> HttpResponse:
    school = _managed_school(request, urn)
    invitation = _open_invitation(school, pk)
    if (refused := enforce_limit(request, STAFF_INVITATIONS, school=school)) is not None:
        return refused
    resend_invitation(invitation=invitation)
    messages.success(request, f"Invitation sent again to {invitation.email}. The earlier link no longer works.")
    return redirect("schools:school_staff", school.urn)


@require_POST
@login_required
def revoke_staff_invitation(request: HttpRequest, urn: int, pk: int) -> HttpResponse:
    school = _managed_school(request, urn)
    invitation = _open_invitation(school, pk)
    revoke_invitation(invitation=invitation)
    messages.success(request, f"Invitation to {invitation.email} cancelled. The link no longer works.")
    return redirect("schools:school_staff", school.urn)


@never_cache
@login_required
def remove_staff(request: HttpRequest, urn: int, membership_pk: int) -> HttpResponse:
    """Ask to confirm, then take the person off the school's staff and its classes."""
    school = _managed_school(request, urn)
    membership = get_object_or_404(StaffMembership.objects.select_related("user"), pk=membership_pk, school=school)
    if membership.user_id == request.user.pk:
        messages.error(request, "You cannot remove yourself. Ask another school lead to do it.")
        return redirect("schools:school_staff", school.urn)
    if request.method == "POST":
        remove_staff_member(membership=membership, actor=request.user)
        messages.success(request, f"{membership.user} no longer has access to {school.name}.")
        return redirect("schools:school_staff", school.urn)
    classes = school.classes.active().filter(teachers=membership.user)
    return render(
        request, "schools/staff/remove.html", {"school": school, "membership": membership, "classes": classes}
    )


@never_cache
@login_required
def platform_invite(request: HttpRequest) -> HttpResponse:
    """Platform admins invite a school lead for any school, or a commissioner, evaluator or editor."""
    if not request.user.is_superuser:
        raise PermissionDenied("Only platform admins can send these invitations.")
    form = PlatformInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if (refused := enforce_limit(request, STAFF_INVITATIONS)) is not None:
            return refused
        email = form.cleaned_data["email"]
        try:
            invite_staff(
                email=email,
                role=InvitedRole(form.cleaned_data["role"]),
                school=form.cleaned_data["school"],
                invited_by=request.user,
            )
        except ValueError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, f"Invitation sent to {email}.")
            return redirect("schools:platform_invite")
    recent = Invitation.objects.select_related("school").order_by("-created_at")[:20]
    return render(request, "schools/staff/platform_invite.html", {"form": form, "recent": recent})


@never_cache
@login_required
@require_POST
def decide_join(request: HttpRequest, urn: int, pk: int) -> HttpResponse:
    """Approve or decline someone who asked to join through a school account."""
    school = _managed_school(request, urn)
    join_request = get_object_or_404(school.join_requests.pending().select_related("user"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    if decide_join_request(join_request=join_request, approve=approve, actor=request.user):  # type: ignore[arg-type]
        word = "is now a teacher at" if approve else "was not let into"
        messages.success(request, f"{join_request.user.email} {word} {school.name}.")
    return redirect("schools:school_staff", school.urn)


@never_cache
@login_required
def school_accounts(request: HttpRequest, urn: int) -> HttpResponse:
    """The school's staff email domains (sign-in with a school account) and pupil account linking."""
    school = _managed_school(request, urn)
    form = SchoolAccountsForm(request.POST or None, instance=school)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect("schools:school_staff", school.urn)
    return render(request, "schools/staff/school_accounts.html", {"school": school, "form": form})
