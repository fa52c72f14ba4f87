"""Local authorities, districts and schools, as published in GIAS."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from .scoping import ScopedQuerySet

if TYPE_CHECKING:
    from accounts.models import User


class LocalAuthority(models.Model):
    code = models.CharField("LA code", max_length=3, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class District(models.Model):
    """An administrative district (GIAS `DistrictAdministrative`)."""

    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=100)
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="districts")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchoolQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(is_open=True)

    def visible_to(self, user: User):
        """Schools the user works at."""
        return self.filter(pk__in=user.memberships.values("school_id"))


class School(models.Model):
    """A school from the DfE "Get Information about Schools" register."""

    urn = models.PositiveIntegerField("URN", unique=True)
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="schools")
    establishment_number = models.CharField(max_length=4, blank=True)
    name = models.CharField(max_length=200)
    establishment_type = models.CharField(max_length=100, blank=True)
    phase = models.CharField(max_length=50, blank=True)
    statutory_low_age = models.PositiveSmallIntegerField(null=True, blank=True)
    statutory_high_age = models.PositiveSmallIntegerField(null=True, blank=True)
    is_open = models.BooleanField(default=True)
    status = models.CharField(max_length=60, blank=True, help_text="GIAS establishment status.")
    postcode = models.CharField(max_length=10, blank=True)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT, related_name="schools")
    fsm_percent = models.DecimalField("FSM %", max_digits=5, decimal_places=2, null=True, blank=True)
    urban_rural = models.CharField(max_length=80, blank=True)
    # The designated safeguarding lead (DSL), set by the school lead: shown on the school's
    # pupils' help page, and needed before a sensitive lesson is taught.
    dsl_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="safeguarding lead's account",
        help_text="The staff account that may see who asked a question passed to the safeguarding lead.",
    )
    dsl_name = models.CharField("designated safeguarding lead", max_length=100, blank=True)
    dsl_contact = models.CharField(
        "how pupils can reach them",
        max_length=200,
        blank=True,
        help_text="For example: Room 14, or ask any member of staff to find them.",
    )
    dsl_email = models.EmailField("safeguarding email", blank=True)
    dsl_phone = models.CharField("safeguarding phone", max_length=30, blank=True)
    # Signing in with a school Google or Microsoft account (see schools/staff_social.py).
    staff_email_domains = models.CharField(
        "staff email domains",
        max_length=300,
        blank=True,
        help_text="For example: hollowbrook.kent.sch.uk. Staff signing in with a verified address at one of these "
        "domains can ask to join; the school lead approves them. Separate several with commas.",
    )
    pupil_account_linking = models.BooleanField(
        "pupils may link a school account",
        default=True,
        help_text="Pupils who have signed in with their codes may link their school Google or Microsoft account "
        "and sign in with it afterwards.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["local_authority", "district"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.urn})"

    @property
    def has_safeguarding_lead(self) -> bool:
        """A named DSL with a way to reach them: needed before a sensitive lesson is taught."""
        return bool(self.dsl_name.strip() and (self.dsl_contact.strip() or self.dsl_email or self.dsl_phone.strip()))

    @property
    def email_domains(self) -> list[str]:
        return [
            d.strip().lower().lstrip("@") for d in self.staff_email_domains.replace(";", ",").split(",") if d.strip()
        ]

    @property
    def laestab(self) -> str:
        """The DfE number: LA code and establishment number, e.g. 886/4021 as 8864021."""
        return f"{self.local_authority.code}{self.establishment_number}" if self.establishment_number else ""
