"""The school lead's form for their designated safeguarding lead (DSL)."""

from __future__ import annotations

from typing import cast

from django import forms

from accounts.models import User
from schools.models import School


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.email})" if name else obj.email


class SafeguardingLeadForm(forms.Form):
    """Who the DSL is, how pupils can reach them, and which staff account is theirs."""

    dsl_name = forms.CharField(
        label="Name, as pupils should see it",
        max_length=100,
        help_text="For example: Mrs Patel, designated safeguarding lead.",
        error_messages={"required": "Enter the safeguarding lead's name, as pupils should see it."},
    )
    dsl_contact = forms.CharField(
        label="How pupils can reach them (optional)",
        max_length=200,
        required=False,
        help_text="For example: Room 14, or ask any member of staff to find them.",
    )
    dsl_email = forms.EmailField(
        label="Safeguarding email (optional)",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    dsl_phone = forms.CharField(
        label="Safeguarding phone (optional)",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    dsl_user = StaffChoiceField(
        label="Their staff account (optional)",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not on Respect Online",
        help_text="Only this account can see who asked a question that was passed to the safeguarding lead.",
    )

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        account_field = cast(forms.ModelChoiceField, self.fields["dsl_user"])
        account_field.queryset = (
            User.objects.filter(memberships__school=school, is_active=True).distinct().order_by("last_name", "email")
        )

    def clean_dsl_name(self) -> str:
        return " ".join(self.cleaned_data["dsl_name"].split())

    def clean_dsl_contact(self) -> str:
        return " ".join(self.cleaned_data["dsl_contact"].split())

    def clean_dsl_phone(self) -> str:
        phone = " ".join(self.cleaned_data["dsl_phone"].split())
        if phone and not all(ch.isdigit() or ch in " +()-" for ch in phone):
            raise forms.ValidationError("Enter a phone number using digits, spaces and + ( ) - only.")
        return phone

    def clean(self):
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        if not (cleaned.get("dsl_contact") or cleaned.get("dsl_email") or cleaned.get("dsl_phone")):
            self.add_error("dsl_contact", "Say how pupils can reach them: a place, an email or a phone number.")
        return cleaned
