"""The school lead's filter on their school's audit log."""

from __future__ import annotations

from django import forms

from schools.models import AuditAction


class AuditLogFilterForm(forms.Form):
    action = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Every kind of action"), *AuditAction.choices],
        error_messages={"invalid_choice": "Choose a kind of action from the list"},
    )
