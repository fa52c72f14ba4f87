"""Keeping a school's designated safeguarding lead (DSL) on record."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from schools.models import AuditAction, School
from schools.services.audit import record_audit

DSL_FIELDS = ("dsl_user", "dsl_name", "dsl_contact", "dsl_email", "dsl_phone")


@transaction.atomic
def set_safeguarding_lead(
    *,
    school: School,
    actor: User,
    name: str,
    contact: str = "",
    email: str = "",
    phone: str = "",
    account: User | None = None,
) -> School:
    """Record who the school's DSL is and how pupils reach them; the change is audit-logged.

    ``account`` must be a member of the school's staff: it is the one account that may see who
    asked a question passed to the safeguarding lead.
    """
    if account is not None and not account.memberships.filter(school=school).exists():
        raise ValueError("The safeguarding lead's account must belong to the school's staff.")
    before = {field: _plain(getattr(school, field + "_id" if field == "dsl_user" else field)) for field in DSL_FIELDS}
    school.dsl_user = account
    school.dsl_name = name
    school.dsl_contact = contact
    school.dsl_email = email
    school.dsl_phone = phone
    school.save(update_fields=[*DSL_FIELDS, "updated_at"])
    after = {field: _plain(getattr(school, field + "_id" if field == "dsl_user" else field)) for field in DSL_FIELDS}
    changed = sorted(field for field in DSL_FIELDS if before[field] != after[field])
    record_audit(
        actor=actor,
        school=school,
        action=AuditAction.SAFEGUARDING_LEAD_SET,
        summary=f"Designated safeguarding lead set to {name}",
        target=school,
        detail={"changed": changed},
    )
    return school


def _plain(value: object) -> str:
    return "" if value is None else str(value)
