from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from courses.models import ModulePage
from schools.models import Arm, Assignment, Delivery, SchoolClass


def self_paced_refusal(module: ModulePage) -> str | None:
    """Why the module cannot be set as self-paced work, or None when it can.

    A module covering a sensitive topic (ticked, or found in its content) is only ever taught in
    class, whatever its editor chose.
    """
    if module.teacher_led_only:
        topics = ", ".join(module.sensitive_topics) or "marked sensitive"
        return (
            f"“{module.title}” covers a sensitive topic ({topics}), so it must be taught in class, "
            "not set as self-paced work."
        )
    if not module.allows_self_paced:
        return f"“{module.title}” is written to be taught in class, so it cannot be set as self-paced work."
    return None


@transaction.atomic
def assign_module(
    *,
    classes: Iterable[SchoolClass],
    module: ModulePage,
    opens_on: date,
    due_on: date | None,
    delivery: str,
    include_surveys: bool,
    actor: User,
    arm: str = Arm.PROGRAMME,
    post_wave_on: date | None = None,
) -> list[Assignment]:
    """Assign a published module to classes. A class that already has it keeps its assignment.

    Sensitive modules are only ever taught in class. A comparison (wait-list) class
    (``arm``) answers the quiz and survey before, and again from ``post_wave_on``, without
    the lessons, which open for it after its post wave; it needs a module with a quiz
    or a survey to answer, and a post wave after the module opens.
    """
    if not module.live:
        raise ValidationError("Only published modules can be assigned.")
    refusal = self_paced_refusal(module) if delivery == Delivery.SELF_PACED else None
    if refusal:
        raise ValidationError(refusal)
    if due_on is not None and due_on < opens_on:
        raise ValidationError("The due date must be on or after the date it opens.")
    if arm not in Arm.values:
        raise ValidationError(f"Unknown evaluation arm: {arm!r}.")
    if arm == Arm.COMPARISON:
        if post_wave_on is None or post_wave_on <= opens_on:
            raise ValidationError("A comparison class needs its quiz and survey after to open after the module opens.")
        if module.knowledge_quiz_id is None and module.attitude_survey_id is None:
            raise ValidationError(f"“{module.title}” has no quiz or survey: a comparison class would answer nothing.")
    elif post_wave_on is not None:
        raise ValidationError("Only a comparison class has a date for the quiz and survey after.")
    assignments = []
    for school_class in classes:
        if school_class.is_archived:
            raise ValidationError(f"{school_class.name} is archived.")
        assignment, _ = Assignment.objects.get_or_create(
            school_class=school_class,
            module=module,
            defaults={
                "opens_on": opens_on,
                "due_on": due_on,
                "delivery": delivery,
                "include_surveys": include_surveys,
                "arm": arm,
                "post_wave_on": post_wave_on,
                "assigned_by": actor,
            },
        )
        assignments.append(assignment)
    return assignments
