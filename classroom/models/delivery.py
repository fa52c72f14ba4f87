"""A class's way of being taught a lesson: its ground rules, hidden slides and the pre-lesson checklist."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from courses.ground_rules import DEFAULT_GROUND_RULES

# Blocks a teacher may hide for their class. Ground rules and signposting always show, and so
# does the knowledge check (it feeds the evaluation); teacher notes are never projected anyway.
OPTIONAL_BLOCK_TYPES = frozenset({"text", "image", "video", "key_message", "scenario", "discussion", "reflection"})


def default_ground_rules() -> list[str]:
    return list(DEFAULT_GROUND_RULES)


class ClassGroundRules(models.Model):
    """The ground rules a class has agreed; without a row, the defaults apply."""

    school_class = models.OneToOneField("schools.SchoolClass", on_delete=models.CASCADE, related_name="ground_rules")
    rules = models.JSONField(default=default_ground_rules, help_text="Short sentences, in the order shown.")
    agreed_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "class ground rules"
        verbose_name_plural = "class ground rules"

    def __str__(self) -> str:
        return f"Ground rules for {self.school_class}"


class HiddenSlide(models.Model):
    """An optional slide a teacher has left out of a lesson for one class."""

    school_class = models.ForeignKey("schools.SchoolClass", on_delete=models.CASCADE, related_name="hidden_slides")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    hidden_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school_class", "lesson", "block_id"], name="slide_hidden_once_per_class"),
        ]

    def __str__(self) -> str:
        return f"Slide {self.block_id} hidden for {self.school_class}"


class TeachingChecklist(models.Model):
    """What the teacher confirmed before teaching a lesson to a class."""

    school_class = models.ForeignKey(
        "schools.SchoolClass", on_delete=models.CASCADE, related_name="teaching_checklists"
    )
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    teacher = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dsl_told = models.BooleanField("the designated safeguarding lead knows when this lesson is taught", default=False)
    affected_pupils_considered = models.BooleanField(
        "pupils who may be affected have been considered and supported", default=False
    )
    ground_rules_ready = models.BooleanField("the class's ground rules are ready", default=False)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school_class", "lesson"], name="one_checklist_per_class_lesson"),
        ]

    def __str__(self) -> str:
        return f"Checklist for {self.lesson_id} with {self.school_class}"

    @property
    def is_complete(self) -> bool:
        return self.dsl_told and self.affected_pupils_considered and self.ground_rules_ready
