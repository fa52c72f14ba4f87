from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from courses.models import ModulePage
from schools.models import Assignment, Delivery, SchoolClass


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
) -> list[Assignment]:
    """Assign a published module to classes. A class that already has it keeps its assignment.

    Sensitive modules are only ever taught in class.
    """
    if not module.live:
        raise ValidationError("Only published modules can be assigned.")
    refusal = self_paced_refusal(module) if delivery == Delivery.SELF_PACED else None
    if refusal:
        raise ValidationError(refusal)
    if due_on is not None and due_on < opens_on:
        raise ValidationError("The due date must be on or after the date it opens.")
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
                "assigned_by": actor,
            },
        )
        assignments.append(assignment)
    return assignments
