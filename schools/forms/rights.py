"""The school lead's forms for rights requests: producing a pupil's data, and erasing a pupil."""

from __future__ import annotations

from django import forms

REASON_MIN = 10
REASON_MAX = 500


def _normalise(value: str) -> str:
    return " ".join(value.split())


class ReasonField(forms.CharField):
    """Why the request is being acted on: written to the audit log with the action."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(
            min_length=REASON_MIN,
            max_length=REASON_MAX,
            error_messages={
                "required": "Enter the reason, for example who asked and when.",
                "min_length": (
                    f"Give a little more detail (at least {REASON_MIN} characters), for example who asked and when."
                ),
                "max_length": f"Keep the reason to {REASON_MAX} characters or fewer.",
            },
            **kwargs,
        )

    def clean(self, value):
        return super().clean(_normalise(value or ""))


class SubjectAccessForm(forms.Form):
    """The reason for producing a pupil's data. Whether it is shown or downloaded is the button pressed."""

    reason = ReasonField(
        label="Why are you producing this pupil's data?",
        help_text='Who asked and when, for example: "Request from parent received 3 November by email".',
    )


class ErasureForm(forms.Form):
    reason = ReasonField(
        label="Why is this pupil being erased?",
        help_text=(
            'Who asked and when, for example: "Erasure request from parent received 3 November by letter". '
            "Do not write the pupil's name: the reason stays in the audit log after the name is removed."
        ),
    )
    confirmation = forms.CharField(
        label="To confirm, type the pupil's full name",
        max_length=130,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Type the pupil's full name to confirm."},
    )

    def __init__(self, *args, expected_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_name = expected_name
        self.fields["confirmation"].help_text = f"Type: {expected_name}"

    def clean_confirmation(self) -> str:
        typed = _normalise(self.cleaned_data["confirmation"])
        if typed.casefold() != _normalise(self.expected_name).casefold():
            raise forms.ValidationError(f"The name you typed does not match. Type {self.expected_name} to confirm.")
        return typed
