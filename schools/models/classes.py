"""Classes, pupils and class membership."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q

from .scoping import ScopedQuerySet, led_school_ids

if TYPE_CHECKING:
    from accounts.models import User

YEAR_GROUPS = [(year, f"Year {year}") for year in range(7, 14)]


class SchoolClassQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def with_pupil_count(self):
        """Each class with ``pupil_count``, the pupils in it now."""
        return self.annotate(
            pupil_count=models.Count("memberships", filter=Q(memberships__removed_at__isnull=True), distinct=True)
        )

    def for_pupil(self, pupil: Pupil | int):
        """The classes a pupil may open: those they are in now that are not archived. The one place
        the pupil's side of the rule is written (``Assignment.objects.for_pupil`` builds on it)."""
        pupil_id = pupil if isinstance(pupil, int) else pupil.pk
        return self.active().filter(memberships__pupil_id=pupil_id, memberships__removed_at__isnull=True)

    def visible_to(self, user: User):
        """The classes they teach, and every class of a school they lead."""
        return self.filter(Q(teachers=user) | Q(school__in=led_school_ids(user)))


class SchoolClass(models.Model):
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="classes")
    name = models.CharField(max_length=40, help_text="As the school knows it, for example 9R or 10 PSHE 2.")
    year_group = models.PositiveSmallIntegerField(choices=YEAR_GROUPS)
    academic_year = models.PositiveSmallIntegerField(help_text="The year the academic year starts, e.g. 2026.")
    teachers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="teaching_classes", blank=True)
    class_code = models.CharField(max_length=8, unique=True, help_text="Pupils type this to sign in.")
    sourced_id_digest = models.CharField(
        max_length=64, blank=True, editable=False, help_text="Keyed hash of the MIS's OneRoster sourcedId."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    objects = SchoolClassQuerySet.as_manager()

    class Meta:
        ordering = ["-academic_year", "year_group", "name"]
        verbose_name = "class"
        verbose_name_plural = "classes"
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year", "name"], name="unique_class_name_per_school_year"
            ),
            models.UniqueConstraint(
                fields=["school", "sourced_id_digest"],
                condition=~Q(sourced_id_digest=""),
                name="unique_class_sourced_id_per_school",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.academic_year_label})"

    @property
    def academic_year_label(self) -> str:
        return f"{self.academic_year} to {self.academic_year + 1}"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other or self-described"
    NOT_RECORDED = "", "Not recorded"


class PupilQuerySet(ScopedQuerySet):
    def visible_to(self, user: User):
        """Pupils now in a class they teach, and every pupil of a school they lead."""
        taught = ClassMembership.objects.current().filter(school_class__teachers=user)
        return self.filter(Q(pk__in=taught.values("pupil_id")) | Q(school__in=led_school_ids(user)))

    def in_class(self, school_class: SchoolClass | int, *, open_only: bool = False):
        """Pupils in the class now (their membership not ended); with ``open_only``, only while the
        class is not archived."""
        lookups: dict = {"memberships__school_class": school_class, "memberships__removed_at__isnull": True}
        if open_only:
            lookups["memberships__school_class__archived_at__isnull"] = True
        return self.filter(**lookups)

    def in_evaluation(self):
        """Pupils whose answers may be used to evaluate the programme."""
        return self.filter(opted_out_at__isnull=True, withdrawn_at__isnull=True)

    def still_at_school(self):
        """Pupils who have not left (leavers are marked at the year roll-over)."""
        return self.filter(left_at__isnull=True)

    def not_erased(self):
        """Pupils who still have an identity: lists of pupils show only these."""
        return self.filter(erased_at__isnull=True)

    def erased(self):
        """Pupils whose identity was removed: only anonymous evaluation rows remain of them."""
        return self.filter(erased_at__isnull=False)


class Pupil(models.Model):
    """A pupil. No email, no password: they sign in with a class code and a personal code.

    Only what teaching needs is kept: a first name and a surname or initial, the
    year group, and optionally gender (for evaluation). The UPN, if a roster has
    it, is kept only as a keyed hash, to recognise the same pupil on re-import.
    """

    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="pupils")
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60, help_text="Surname or initial.")
    year_group = models.PositiveSmallIntegerField(choices=YEAR_GROUPS)
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    upn_digest = models.CharField(max_length=64, blank=True, editable=False)
    sourced_id_digest = models.CharField(
        max_length=64, blank=True, editable=False, help_text="Keyed hash of the MIS's OneRoster sourcedId."
    )
    account_digest = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Keyed hash of the school account the pupil linked (provider, issuer, subject); nothing else.",
    )
    research_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    login_code_digest = models.CharField(max_length=64, editable=False)
    login_code_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Left the school (marked at the year roll-over); the retention clock runs from here.",
    )
    erased_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="Identity removed (erasure request or retention); only anonymous evaluation rows remain.",
    )

    opted_out_at = models.DateField(
        null=True, blank=True, help_text="A parent or carer opted the pupil out of the evaluation."
    )
    opted_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateField(null=True, blank=True, help_text="The pupil withdrew from the evaluation.")
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PupilQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "login_code_digest"], name="unique_pupil_code_per_school"),
            models.UniqueConstraint(
                fields=["school", "upn_digest"], condition=~Q(upn_digest=""), name="unique_pupil_upn_per_school"
            ),
            models.UniqueConstraint(
                fields=["school", "sourced_id_digest"],
                condition=~Q(sourced_id_digest=""),
                name="unique_pupil_sourced_id_per_school",
            ),
            models.UniqueConstraint(
                fields=["account_digest"], condition=~Q(account_digest=""), name="one_pupil_per_school_account"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def in_evaluation(self) -> bool:
        return self.opted_out_at is None and self.withdrawn_at is None


class ClassMembershipQuerySet(models.QuerySet):
    def current(self):
        """Memberships not ended (a pupil moved or removed keeps their old membership, ended)."""
        return self.filter(removed_at__isnull=True)

    def in_running_classes(self):
        """Current memberships of classes that are not archived."""
        return self.current().filter(school_class__archived_at__isnull=True)


class ClassMembership(models.Model):
    """A pupil in a class. Moving a pupil ends one membership and starts another."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="memberships")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="memberships")
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = ClassMembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "school_class"],
                condition=Q(removed_at__isnull=True),
                name="one_current_membership_per_class",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pupil} in {self.school_class}"
