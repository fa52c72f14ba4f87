"""allauth's two-factor code forms with a phone's number pad and plain labels.

Both six-digit app codes and allauth's eight-digit recovery codes are digits only, so the number
pad suits either; ``one-time-code`` lets a phone offer the code it has just received.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm

CODE_ATTRS = {
    "inputmode": "numeric",
    "autocomplete": "one-time-code",
    "spellcheck": "false",
}


def _plain_code_field(form: Any, label: str, help_text: str) -> None:
    field = form.fields["code"]
    field.label = label
    field.help_text = help_text
    field.widget.attrs = dict(CODE_ATTRS)


class SignInCodeForm(AuthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_code_field(
            self,
            "Code from your authenticator app",
            "The 6-digit code the app shows now. Lost your phone? Enter one of the 8-digit recovery codes "
            "you saved when you set this up instead: each works once.",
        )


class SetUpCodeForm(ActivateTOTPForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_code_field(self, "Code from your authenticator app", "The 6-digit code the app shows after you scan.")
