from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .scoping import ScopedQuerySet

if TYPE_CHECKING:
    from accounts.models import User

    from .classes import Pupil


class Delivery(models.TextChoices):
    IN_CLASS = "in_class", "Taught in class"
    SELF_PACED = "self_paced", "Self-paced"


class Arm(models.TextChoices):
    """Whether a class has the lessons now, or waits as a comparison (wait-list) class for the evaluation."""

    PROGRAMME = "programme", "Programme: the class has the lessons"
    COMPARISON = "comparison", "Comparison (wait-list): the lessons open after the second quiz and survey"


class AssignmentQuerySet(ScopedQuerySet):
    def visible_to(self, user: User):
        """Assignments of the classes they can see."""
        from .classes import SchoolClass

        return self.filter(school_class__in=SchoolClass.objects.visible_to(user).values("pk"))

    def for_pupil(self, pupil: Pupil | int, today: date | None = None):
        """What a pupil may open: assignments opened by ``today`` (default: today) of the classes they
        are in now that are not archived (``SchoolClass.objects.for_pupil``)."""
        from .classes import SchoolClass

        classes = SchoolClass.objects.for_pupil(pupil)
        return self.filter(school_class__in=classes.values("pk"), opens_on__lte=today or timezone.localdate())


class Assignment(models.Model):
    """A module set for a class, with dates."""

    school_class = models.ForeignKey("schools.SchoolClass", on_delete=models.CASCADE, related_name="assignments")
    module = models.ForeignKey("courses.ModulePage", on_delete=models.PROTECT, related_name="assignments")
    opens_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    delivery = models.CharField(max_length=12, choices=Delivery.choices, default=Delivery.IN_CLASS)
    include_surveys = models.BooleanField(
        "include the pre and post surveys",
        default=True,
        help_text="Pupils answer the module's survey before the first lesson and after the last.",
    )
    arm = models.CharField(
        "evaluation arm",
        max_length=12,
        choices=Arm.choices,
        default=Arm.PROGRAMME,
        help_text="A comparison class answers the quiz and survey before and after at matched times without the "
        "lessons, which open for it after its post wave.",
    )
    post_wave_on = models.DateField(
        null=True,
        blank=True,
        help_text="Comparison classes: the day the quiz and survey after open (matched to the programme classes).",
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["opens_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["school_class", "module"], name="module_assigned_once_per_class"),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(due_on__gte=models.F("opens_on")), name="due_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(arm="programme", post_wave_on__isnull=True)
                | Q(arm="comparison", post_wave_on__gt=models.F("opens_on")),
                name="comparison_post_wave_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module.title} for {self.school_class}"

    @property
    def is_comparison(self) -> bool:
        return self.arm == Arm.COMPARISON
