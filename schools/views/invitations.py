"""Accepting an emailed staff invitation: the only way a staff account is created."""

from __future__ import annotations

from allauth.account.utils import perform_login
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from accounts.models import User
from accounts.roles import mfa_required_for
from schools.forms.staff import AcceptInvitationForm
from schools.invitations import (
    InvitationError,
    accept_invitation,
    accept_invitation_with_new_account,
    check_usable,
    email_has_account,
    find_invitation,
)
from schools.models import Invitation

# Used, cancelled and expired links existed once: "gone", not "not found".
GONE = 410


def _unusable(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "schools/invitations/unusable.html", {"reason": reason}, status=GONE)


def _joined_message(invitation: Invitation) -> str:
    where = f" at {invitation.school.name}" if invitation.school else ""
    return f"You have joined as {invitation.get_role_display().lower()}{where}."


def _next_page(user: User) -> str:
    """Roles that must use MFA set it up first; everyone else goes to their usual start page."""
    if mfa_required_for(user) and not is_mfa_enabled(user):
        return reverse("mfa_activate_totp")
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@never_cache
def accept(request: HttpRequest, token: str) -> HttpResponse:
    """Open an invitation link: set up an account, or sign in first, then accept."""
    try:
        invitation = find_invitation(token=token)
    except Invitation.DoesNotExist:
        raise Http404("No invitation matches this link.") from None
    try:
        check_usable(invitation)
    except InvitationError as error:
        return _unusable(request, str(error))

    context: dict[str, object] = {"invitation": invitation}
    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email.lower():
            return render(request, "schools/invitations/wrong_account.html", context, status=403)
        if request.method == "POST":
            try:
                accept_invitation(token=token, user=request.user)
            except InvitationError as error:
                return _unusable(request, str(error))
            messages.success(request, _joined_message(invitation))
            return redirect(_next_page(request.user))
        return render(request, "schools/invitations/accept.html", context)

    if email_has_account(invitation.email):
        context["login_url"] = f"{reverse('account_login')}?{urlencode({'next': request.path})}"
        return render(request, "schools/invitations/sign_in_first.html", context)

    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, user = accept_invitation_with_new_account(
                token=token,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except InvitationError as error:
            return _unusable(request, str(error))
        messages.success(request, _joined_message(invitation))
        return perform_login(request, user, redirect_url=_next_page(user), email=user.email)
    context["form"] = form
    return render(request, "schools/invitations/create_account.html", context)
