"""Forms for inviting staff and accepting an invitation."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import password_validation

from accounts.models import User
from schools.models import InvitedRole, School


class InviteStaffForm(forms.Form):
    """A school lead invites a colleague to their school."""

    email = forms.EmailField(
        label="Email address",
        help_text="Their school email address. The invitation link is sent there.",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[
            (InvitedRole.TEACHER.value, "Teacher: teaches their own classes"),
            (InvitedRole.SCHOOL_LEAD.value, "School lead: also manages staff, pupils and opt-outs"),
        ],
        initial=InvitedRole.TEACHER.value,
        widget=forms.RadioSelect,
    )


class PlatformInviteForm(forms.Form):
    """A platform admin invites a school lead for any school, or a platform-wide role."""

    ROLE_CHOICES = [
        (InvitedRole.SCHOOL_LEAD.value, "School lead"),
        (InvitedRole.COMMISSIONER.value, "Commissioner: reads aggregate reports"),
        (InvitedRole.EVALUATOR.value, "Evaluator: downloads pseudonymised data"),
        (InvitedRole.CONTENT_EDITOR.value, "Content editor: writes lessons"),
    ]

    email = forms.EmailField(
        label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"})
    )
    role = forms.ChoiceField(label="Role", choices=ROLE_CHOICES, widget=forms.RadioSelect)
    urn = forms.IntegerField(
        label="School URN",
        required=False,
        min_value=1,
        help_text="Only for a school lead: the school's unique reference number from Get Information about Schools.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        role, urn = cleaned.get("role"), cleaned.get("urn")
        if role == InvitedRole.SCHOOL_LEAD:
            if urn is None:
                if "urn" not in self.errors:
                    self.add_error("urn", "Enter the URN of the school they will lead.")
            else:
                cleaned["school"] = School.objects.filter(urn=urn).first()
                if cleaned["school"] is None:
                    self.add_error("urn", "There is no school with this URN.")
        elif role and urn is not None:
            self.add_error("urn", "Leave the URN empty: this role works across schools.")
        else:
            cleaned["school"] = None
        return cleaned


class AcceptInvitationForm(forms.Form):
    """Someone invited by email sets up their account."""

    first_name = forms.CharField(
        label="First name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    password1 = forms.CharField(
        label="Create a password",
        strip=False,
        help_text="At least 12 characters. A few unrelated words make a good password.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The passwords do not match.")
        elif password1:
            # An unsaved user lets the similarity validator compare with the name and email.
            candidate = User(
                email=self.email, first_name=cleaned.get("first_name", ""), last_name=cleaned.get("last_name", "")
            )
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


DOMAIN = r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
PUBLIC_MAIL_DOMAINS = {
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "hotmail.co.uk",
    "live.com",
    "yahoo.com",
    "yahoo.co.uk",
    "icloud.com",
}


class SchoolAccountsForm(forms.ModelForm):
    """The school's staff email domains and whether pupils may link a school account."""

    class Meta:
        model = School
        fields = ["staff_email_domains", "pupil_account_linking"]

    def clean_staff_email_domains(self) -> str:
        domains = [
            d.strip().lower().lstrip("@")
            for d in self.cleaned_data["staff_email_domains"].replace(";", ",").split(",")
            if d.strip()
        ]
        for domain in domains:
            if not re.fullmatch(DOMAIN, domain):
                raise forms.ValidationError(
                    f"“{domain[:60]}” is not an email domain. Write it like hollowbrook.kent.sch.uk."
                )
            if domain in PUBLIC_MAIL_DOMAINS:
                raise forms.ValidationError(
                    f"{domain} is a public email service, not your school's: anyone could sign up with it."
                )
        return ", ".join(dict.fromkeys(domains))
