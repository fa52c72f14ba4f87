"""The records schools itself holds about a pupil: their details, classes, modules set and audit entries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from schools.models import Assignment, AuditEvent, ClassMembership, Gender, Pupil

from .values import module_reference, when


def pupil_details(pupil: Pupil) -> dict[str, Any]:
    return {
        "first_name": pupil.first_name,
        "last_name": pupil.last_name,
        "year_group": pupil.year_group,
        "gender": pupil.gender,
        "gender_label": dict(Gender.choices).get(pupil.gender, pupil.gender),
        "school": {"name": pupil.school.name, "urn": pupil.school.urn},
        "research_key": str(pupil.research_key),
        "created_at": when(pupil.created_at),
        "login_code_changed_at": when(pupil.login_code_changed_at),
        "in_evaluation": pupil.in_evaluation,
        "opted_out_on": when(pupil.opted_out_at),
        "withdrawn_on": when(pupil.withdrawn_at),
    }


def memberships(class_memberships: Iterable[ClassMembership]) -> list[dict[str, Any]]:
    return [
        {
            "class": m.school_class.name,
            "academic_year": m.school_class.academic_year_label,
            "year_group": m.school_class.year_group,
            "added_at": when(m.added_at),
            "removed_at": when(m.removed_at),
        }
        for m in class_memberships
    ]


def assignments(class_ids: list[int]) -> list[dict[str, Any]]:
    rows = (
        Assignment.objects.filter(school_class_id__in=class_ids)
        .select_related("module", "school_class")
        .order_by("opens_on", "pk")
    )
    return [
        {
            **module_reference(a),
            "opens_on": when(a.opens_on),
            "due_on": when(a.due_on),
            "delivery": a.delivery,
            "delivery_label": a.get_delivery_display(),
            "include_surveys": a.include_surveys,
        }
        for a in rows
    ]


def audit_events(pupil: Pupil) -> list[dict[str, Any]]:
    rows = AuditEvent.objects.filter(target_type=Pupil._meta.label, target_id=str(pupil.pk)).order_by(
        "created_at", "pk"
    )
    return [
        {
            "at": when(e.created_at),
            "action": e.action,
            "action_label": e.get_action_display(),
            "summary": e.summary,
        }
        for e in rows
    ]
