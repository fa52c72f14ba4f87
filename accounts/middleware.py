"""Staff whose role sees data across schools must turn on MFA before using those pages."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.roles import mfa_required_for

DEFAULT_PROTECTED_PATH_PREFIXES = ("/admin/", "/django-admin/", "/reports/", "/school/", "/teach/", "/platform/")
MFA_SETUP_MESSAGE = (
    "Your role can see information about many schools, so your account needs two-factor authentication. "
    "Set up an authenticator app to continue."
)


class RequireMFAMiddleware:
    """Send commissioners, evaluators and platform admins without MFA to set it up.

    Only paths under ``MFA_PROTECTED_PATH_PREFIXES`` are guarded. The sign-in
    and MFA pages themselves (under the allauth URLs) and static files always
    pass, so the way to set MFA up is never blocked. Place after
    AuthenticationMiddleware and MessageMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_mfa(request):
            messages.warning(request, MFA_SETUP_MESSAGE)
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_set_up_mfa(self, request: HttpRequest) -> bool:
        # Most requests (pupils, visitors) are not under a protected prefix: that check comes
        # first, as it needs no URL reversing. The protected prefixes are written without any
        # script prefix, like request.path_info; reverse() and STATIC_URL include it, like
        # request.path.
        protected = tuple(getattr(settings, "MFA_PROTECTED_PATH_PREFIXES", DEFAULT_PROTECTED_PATH_PREFIXES))
        if not request.path_info.startswith(protected):
            return False
        if request.path.startswith(self._always_open()):
            return False
        user = request.user
        return user.is_authenticated and mfa_required_for(user) and not is_mfa_enabled(user)

    @staticmethod
    def _always_open() -> tuple[str, ...]:
        # The allauth URLs (sign in, sign out, MFA set-up) live under the prefix of its login page.
        account_prefix = reverse("account_login").rsplit("/", 2)[0] + "/"
        return (account_prefix, settings.STATIC_URL, settings.MEDIA_URL)
