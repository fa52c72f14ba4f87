from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from accounts.roles import GlobalRole, has_global_role


class StaffAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are created by invitation only: no public sign-up."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        """Commissioners start at the programme dashboard and evaluators at their export; others as usual."""
        user = request.user
        if has_global_role(user, GlobalRole.COMMISSIONER):
            return reverse("reports:dashboard")
        if has_global_role(user, GlobalRole.EVALUATOR):
            return reverse("reports:evaluator_export")
        return super().get_login_redirect_url(request)
