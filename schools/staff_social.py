"""Staff signing in with a school Google or Microsoft account (allauth's OpenID Connect).

Who may come in through a school account the first time (a new account is made only then):
- the email address must be verified by the provider (``email_verified``; for Microsoft
  Entra ID, ``xms_edov``, its "email domain owner verified" claim): an unverified address is
  refused;
- an address that already has an account is never signed in by it: that person signs in as
  before and links the provider from their account page (allauth's "connections");
- someone invited at that address joins with the invited role at once;
- someone at one of a school's staff email domains is asked to wait: a join request goes to
  that school's lead, who approves them as a teacher or declines;
- anyone else is told that no school uses their domain.
An account that has linked a provider signs in with it from then on. Roles that must use
two-factor authentication (commissioner, evaluator, platform admin) are asked for their code
after the provider, as after a password (allauth's MFA stage), and the MFA middleware still
guards their pages. No provider tokens are kept (``SOCIALACCOUNT_STORE_TOKENS``).
"""

from __future__ import annotations

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import render

from accounts.models import User
from schools.invitations import grant_invitation
from schools.models import AuditAction, Invitation, School, StaffJoinRequest
from schools.services.audit import record_audit

REFUSED_TEMPLATE = "account/school_account_refused.html"


def verified_email(sociallogin: SocialLogin) -> tuple[str, bool]:
    """The address the provider gave, and whether it vouches for it."""
    data = sociallogin.account.extra_data or {}
    claims = data.get("id_token") or data.get("userinfo") or data
    addresses = sociallogin.email_addresses
    email = (addresses[0].email if addresses else "").strip().lower()
    verified = bool(addresses and addresses[0].verified) or claims.get("xms_edov") in (True, "true", "1", 1)
    return email, verified


def schools_for_domain(email: str) -> list[School]:
    """Open schools that list the address's domain as a staff email domain."""
    domain = email.rpartition("@")[2]
    if not domain:
        return []
    candidates = School.objects.filter(is_open=True, staff_email_domains__icontains=domain)
    return [school for school in candidates if domain in school.email_domains]


def _refuse(request: HttpRequest, reason: str, email: str) -> ImmediateHttpResponse:
    response = render(request, REFUSED_TEMPLATE, {"reason": reason, "email": email}, status=403)
    return ImmediateHttpResponse(response)


class StaffSocialAccountAdapter(DefaultSocialAccountAdapter):
    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        if sociallogin.is_existing or request.user.is_authenticated:
            return  # A linked account signing in, or a signed-in person linking one.
        email, verified = verified_email(sociallogin)
        if not email or not verified:
            raise _refuse(request, "unverified", email)
        if User.objects.filter(email__iexact=email).exists():
            raise _refuse(request, "existing", email)
        if not Invitation.objects.pending().filter(email__iexact=email).exists() and not schools_for_domain(email):
            raise _refuse(request, "no_school", email)

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        # pre_social_login has let through only an invited address or one of a school's domains.
        return True

    def populate_user(self, request: HttpRequest, sociallogin: SocialLogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.email = (user.email or "").lower()
        return user

    @transaction.atomic
    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form=None):
        user = super().save_user(request, sociallogin, form)
        invitations = list(Invitation.objects.pending().select_for_update().filter(email__iexact=user.email))
        for invitation in invitations:
            grant_invitation(invitation=invitation, user=user)
        if not invitations:
            for school in schools_for_domain(user.email):
                join = StaffJoinRequest.objects.create(user=user, school=school)
                record_audit(
                    actor=user,
                    school=school,
                    action=AuditAction.JOIN_REQUESTED,
                    summary=f"{user.email} signed in with a school account and asked to join as a teacher",
                    target=join,
                )
        return user
