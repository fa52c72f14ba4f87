"""Reading a survey submission from a plain HTML form, and laying a survey version out for one.

The pupil's survey page and the live class lesson show the same form
(``learning/surveys/includes/survey_form.html``) and read it back with
:class:`SurveySubmissionForm`. Answers are read as they were posted, not through Django
choice fields: a value that is not a point of an item's scale, or a key that is not an
item of the version, must reach ``submit_survey_response``, which rejects the whole
submission, instead of being quietly dropped as a field error.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django import forms
from django.core import signing
from django.utils import timezone

from courses.models import SurveyVersion
from learning.scoring import SubmissionRejectedError
from learning.sensitive_items import is_sensitive
from learning.services.surveys import MAX_FREE_TEXT

FIELD_PREFIX = "item-"
STARTED_SALT = "learning.survey-started"
# A survey opened more than a day before it is sent keeps no start time.
STARTED_MAX_AGE = 24 * 60 * 60
BROKEN_FORM = "Something went wrong. Please try again."
TOO_LONG = f"Please keep your answer to {MAX_FREE_TEXT} characters or fewer."


def field_name(item_key: str) -> str:
    return f"{FIELD_PREFIX}{item_key}"


def started_token() -> str:
    """A signed note of when the survey was shown, for the form's ``started`` field."""
    return signing.dumps(timezone.now().timestamp(), salt=STARTED_SALT)


def started_at(token: str) -> datetime.datetime | None:
    """When the survey was shown, from its ``started`` field; None if missing, tampered with or a day old."""
    try:
        stamp = signing.loads(token, salt=STARTED_SALT, max_age=STARTED_MAX_AGE)
        return datetime.datetime.fromtimestamp(float(stamp), tz=datetime.UTC)
    except (signing.BadSignature, TypeError, ValueError):
        return None


def item_rows(version: SurveyVersion, chosen: dict[str, str], errors: dict[str, str]) -> list[dict]:
    """The version's items, shaped for the template, with what the pupil had chosen."""
    items = []
    for item in version.definition["items"]:
        field = field_name(item["key"])
        shaped = {
            **item,
            "field": field,
            "chosen": chosen.get(field, ""),
            "error": errors.get(field, ""),
            "sensitive": is_sensitive(item),
        }
        if item["type"] == "likert":
            labels = item.get("labels") or []
            values = range(item["min"], item["max"] + 1)
            shaped["options"] = [
                {"value": str(value), "label": labels[i] if len(labels) == len(values) else str(value)}
                for i, value in enumerate(values)
            ]
            shaped["numbered"] = len(labels) != len(values)
            notes = ["help" if shaped["sensitive"] else "", "hint" if shaped["numbered"] else ""]
        else:
            # Before any box a pupil can write in: who reads it, and where to get help instead.
            # "info" is the character count's message (GOV.UK Frontend's character count).
            notes = ["who", "help" if shaped["sensitive"] else "", "hint", "error" if shaped["error"] else "", "info"]
        shaped["described_by"] = " ".join(f"{field}-{note}" for note in notes if note)
        items.append(shaped)
    return items


def survey_form_context(
    version: SurveyVersion, chosen: dict[str, Any] | None = None, errors: dict[str, str] | None = None
) -> dict[str, Any]:
    """What ``survey_form.html`` needs to show ``version``: a new form, or a rejected one with the pupil's answers.

    ``chosen`` is what was posted (plus the parsed ``key``, None if it was broken).
    """
    chosen = chosen or {}
    return {
        "survey": version.survey,
        "version": version,
        "items": item_rows(version, chosen, errors or {}),
        "key": chosen.get("key") or uuid.uuid4(),
        "started": chosen.get("started") or started_token(),
        "max_free_text": MAX_FREE_TEXT,
    }


class SurveySubmissionForm(forms.Form):
    """A survey form's hidden fields (the version shown, the submission's key, when it was shown) and answers."""

    version = forms.IntegerField(error_messages={"required": BROKEN_FORM, "invalid": BROKEN_FORM})
    key = forms.UUIDField(error_messages={"required": BROKEN_FORM, "invalid": BROKEN_FORM})
    started = forms.CharField(required=False)

    def __init__(self, *args, survey_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey_id = survey_id

    def clean_version(self) -> SurveyVersion:
        version = (
            SurveyVersion.objects.filter(survey_id=self.survey_id, pk=self.cleaned_data["version"])
            .select_related("survey")
            .first()
            if self.survey_id is not None
            else None
        )
        if version is None:
            raise forms.ValidationError(BROKEN_FORM)
        return version

    def clean_started(self) -> datetime.datetime | None:
        return started_at(self.cleaned_data["started"])

    @property
    def skipping(self) -> bool:
        """The pupil chose to skip the whole survey: no answers are kept."""
        return self.data.get("action") == "skip"

    def answers(self) -> dict[str, str]:
        """Item key -> the answer posted for it, every posted item field included; none when skipping."""
        if self.skipping:
            return {}
        posted = self.data.items()
        return {name.removeprefix(FIELD_PREFIX): value for name, value in posted if name.startswith(FIELD_PREFIX)}

    def too_long(self) -> dict[str, str]:
        """Field name -> error, for each free-text answer over the limit, to show on the field."""
        answers = self.answers().items()
        return {field_name(key): TOO_LONG for key, value in answers if len(value.strip()) > MAX_FREE_TEXT}

    def check(self) -> None:
        """Raise SubmissionRejectedError unless the hidden fields are intact and each answer short enough."""
        if not self.is_valid():
            raise SubmissionRejectedError(BROKEN_FORM)
        if errors := self.too_long():
            raise SubmissionRejectedError(next(iter(errors.values())))
