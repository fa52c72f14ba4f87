"""The pupil's "I'd like to talk to someone" form."""

from __future__ import annotations

import uuid

from django import forms

from schools.models import TALK_NOTE_MAX_LENGTH, TalkSource

BROKEN_FORM = "Something went wrong with the form. Please press the button again."


class TalkRequestForm(forms.Form):
    note = forms.CharField(
        label="Anything you want to say first (you can leave this empty)",
        required=False,
        max_length=TALK_NOTE_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=f"Up to {TALK_NOTE_MAX_LENGTH} characters. You do not have to explain anything.",
        error_messages={"max_length": f"Keep your note to {TALK_NOTE_MAX_LENGTH} characters or fewer"},
    )
    key = forms.UUIDField(widget=forms.HiddenInput, error_messages={"required": BROKEN_FORM, "invalid": BROKEN_FORM})
    source = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, source: str = TalkSource.HELP, **kwargs):
        kwargs.setdefault("initial", {"source": source})
        super().__init__(*args, **kwargs)

    def clean(self):
        # A missing or altered key is the form's fault, not the pupil's: say so above the form.
        if "key" in self._errors:
            del self._errors["key"]
            raise forms.ValidationError(BROKEN_FORM)
        return super().clean()

    def key_to_send(self) -> uuid.UUID:
        """The key the form carries next: the one sent if it was sound (so a resend stays one request), else new."""
        if self.is_bound and not self._errors.get("key"):
            try:
                return uuid.UUID(str(self.data.get("key", "")))
            except ValueError:
                pass
        return uuid.uuid4()

    def clean_source(self) -> str:
        # A source that is not one of ours is not worth refusing a request for.
        source = self.cleaned_data.get("source")
        return source if source in TalkSource.values else TalkSource.HELP
