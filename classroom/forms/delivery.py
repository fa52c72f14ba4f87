"""Forms a teacher fills in before teaching a lesson to a class."""

from __future__ import annotations

from django import forms

from classroom.services.delivery import MAX_RULE_LENGTH, MAX_RULES, clean_rules


class TeachingChecklistForm(forms.Form):
    """Before you teach: each item is the teacher's own confirmation."""

    dsl_told = forms.BooleanField(
        label="I have told our designated safeguarding lead when I am teaching this lesson",
        required=False,
    )
    affected_pupils_considered = forms.BooleanField(
        label="I have thought about pupils who may be affected, and how they will be supported",
        required=False,
    )
    ground_rules_ready = forms.BooleanField(
        label="The class's ground rules are ready to go through at the start",
        required=False,
    )


class GroundRulesForm(forms.Form):
    """The class's ground rules: one rule a line."""

    rules = forms.CharField(
        label="Your class's ground rules",
        help_text=f"One rule a line, up to {MAX_RULES} rules of {MAX_RULE_LENGTH} characters or fewer.",
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
        error_messages={"required": "Enter at least one ground rule."},
        max_length=MAX_RULES * (MAX_RULE_LENGTH + 2),
    )

    def clean_rules(self) -> list[str]:
        try:
            return clean_rules(self.cleaned_data["rules"].splitlines())
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


class SlideVisibilityForm(forms.Form):
    """Hide an optional slide for this class, or show it again."""

    block_id = forms.CharField(max_length=64)
    hidden = forms.TypedChoiceField(choices=[("1", "Hide"), ("0", "Show")], coerce=lambda value: value == "1")
