"""How a subject access record writes its values, and how it reaches the apps built on schools.

Learning and classroom depend on schools, so their models are reached through the app registry
rather than imported: the import graph stays one-way.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.utils import timezone

from schools.models import Assignment


def when(value: datetime.date | datetime.datetime | None) -> str | None:
    """ISO 8601: a date as a date; a moment in UK local time, to the second, with its offset."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def objects(label: str) -> Any:
    """The default manager of a model of an app built on schools (see the module docstring)."""
    return apps.get_model(label)._default_manager


def module_reference(assignment: Assignment) -> dict[str, Any]:
    """The assignment a record belongs to: its id, module title and class name."""
    return {"assignment_id": assignment.pk, "module": assignment.module.title, "class": assignment.school_class.name}
