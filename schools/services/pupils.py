from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import User
from schools.models import AuditAction, ClassMembership, Pupil, School, SchoolClass
from schools.pupil_codes import PUPIL_CODE_LENGTH, code_digest, is_well_formed, new_code, normalise

from .audit import record_audit

CODE_ATTEMPTS = 10


def upn_digest(school_id: int, upn: str) -> str:
    """A keyed hash of a UPN, so re-imports recognise a pupil without storing the UPN."""
    upn = "".join(upn.split()).upper()
    if not upn:
        return ""
    return salted_hmac("respect-online.upn", f"{school_id}:{upn}", algorithm="sha256").hexdigest()


def _set_new_code(pupil: Pupil) -> str:
    """Give the pupil a new random code, unique in their school. Saves the pupil."""
    for _ in range(CODE_ATTEMPTS):
        code = new_code(PUPIL_CODE_LENGTH)
        pupil.login_code_digest = code_digest(pupil.school_id, code)
        pupil.login_code_changed_at = timezone.now()
        try:
            with transaction.atomic():
                pupil.save()
            return code
        except IntegrityError:
            continue
    raise RuntimeError("Could not find a free pupil code.")


@transaction.atomic
def create_pupil(
    *,
    school: School,
    school_class: SchoolClass | None,
    first_name: str,
    last_name: str,
    year_group: int,
    gender: str = "",
    upn: str = "",
    actor: User | None,
    audit: bool = True,
) -> tuple[Pupil, str]:
    """Create a pupil with a new personal login code and put them in the class.

    Returns the pupil and the plain code: the only time it exists outside a card.
    """
    pupil = Pupil(
        school=school,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        year_group=year_group,
        gender=gender,
        upn_digest=upn_digest(school.pk, upn),
    )
    code = _set_new_code(pupil)
    if school_class is not None:
        ClassMembership.objects.create(pupil=pupil, school_class=school_class)
    if audit:
        record_audit(
            actor=actor,
            school=school,
            action=AuditAction.PUPIL_CREATED,
            summary=f"Added {pupil.display_name}",
            target=pupil,
        )
    return pupil, code


@transaction.atomic
def reset_login_code(*, pupil: Pupil, actor: User, ip_address: str | None = None) -> str:
    """Replace a pupil's code (lost card, code seen by someone else). The old code stops working."""
    code = _set_new_code(pupil)
    record_audit(
        actor=actor,
        school=pupil.school,
        action=AuditAction.CODE_RESET,
        summary=f"Reset the login code of {pupil.display_name}",
        target=pupil,
        ip_address=ip_address,
    )
    return code


@dataclass(frozen=True)
class LoginCard:
    pupil: Pupil
    code: str


@transaction.atomic
def issue_login_cards(*, school_class: SchoolClass, actor: User, ip_address: str | None = None) -> list[LoginCard]:
    """New codes for every pupil in the class, for printing. Codes are stored only hashed,
    so printing cards is the moment they are made; earlier cards stop working."""
    pupils = list(Pupil.objects.in_class(school_class).select_related("school").order_by("last_name", "first_name"))
    cards = [LoginCard(pupil, _set_new_code(pupil)) for pupil in pupils]
    record_audit(
        actor=actor,
        school=school_class.school,
        action=AuditAction.CARDS_PRINTED,
        summary=f"Printed {len(cards)} login cards for {school_class.name}",
        target=school_class,
        ip_address=ip_address,
    )
    return cards


@transaction.atomic
def move_pupil(*, pupil: Pupil, from_class: SchoolClass, to_class: SchoolClass, actor: User) -> None:
    """Move a pupil between two classes of the same school."""
    if from_class.school_id != to_class.school_id or pupil.school_id != to_class.school_id:
        raise ValueError("Pupils can only move between classes of their own school.")
    if from_class.pk == to_class.pk:
        return
    ClassMembership.objects.current().filter(pupil=pupil, school_class=from_class).update(removed_at=timezone.now())
    ClassMembership.objects.get_or_create(pupil=pupil, school_class=to_class, removed_at=None)
    record_audit(
        actor=actor,
        school=pupil.school,
        action=AuditAction.PUPIL_MOVED,
        summary=f"Moved {pupil.display_name} from {from_class.name} to {to_class.name}",
        target=pupil,
        detail={"from_class": from_class.pk, "to_class": to_class.pk},
    )


@transaction.atomic
def record_opt_out(*, pupil: Pupil, kind: str, on: date, actor: User) -> None:
    """Record a parental opt-out ("opt_out") or the pupil's own withdrawal ("withdrawal") from
    the evaluation. The pupil keeps learning; their answers leave every evaluation output."""
    if kind == "opt_out":
        pupil.opted_out_at, pupil.opted_out_by = on, actor
        action, words = AuditAction.OPTED_OUT, "a parental opt-out"
    elif kind == "withdrawal":
        pupil.withdrawn_at, pupil.withdrawn_by = on, actor
        action, words = AuditAction.WITHDRAWN, "a withdrawal"
    else:
        raise ValueError(f"Unknown kind {kind!r}")
    pupil.save(update_fields=["opted_out_at", "opted_out_by", "withdrawn_at", "withdrawn_by"])
    record_audit(
        actor=actor,
        school=pupil.school,
        action=action,
        summary=f"Recorded {words} for {pupil.display_name} on {on.day} {on:%B %Y}",
        target=pupil,
    )


@transaction.atomic
def restore_evaluation(*, pupil: Pupil, actor: User) -> None:
    """Undo an opt-out or withdrawal recorded in error."""
    pupil.opted_out_at = pupil.opted_out_by = pupil.withdrawn_at = pupil.withdrawn_by = None
    pupil.save(update_fields=["opted_out_at", "opted_out_by", "withdrawn_at", "withdrawn_by"])
    record_audit(
        actor=actor,
        school=pupil.school,
        action=AuditAction.EVALUATION_RESTORED,
        summary=f"Removed the opt-out or withdrawal of {pupil.display_name}",
        target=pupil,
    )


def authenticate_pupil(*, class_code: str, pupil_code: str) -> tuple[Pupil, SchoolClass] | None:
    """The pupil and class for a class code and personal code, or None.

    Archived classes and pupils no longer in the class do not sign in.
    """
    if not (is_well_formed(class_code, 6) and is_well_formed(pupil_code, PUPIL_CODE_LENGTH)):
        return None
    school_class = (
        SchoolClass.objects.active().select_related("school").filter(class_code=normalise(class_code)).first()
    )
    if school_class is None:
        return None
    pupil = (
        Pupil.objects.in_class(school_class)
        .filter(school_id=school_class.school_id, login_code_digest=code_digest(school_class.school_id, pupil_code))
        .select_related("school")
        .first()
    )
    return (pupil, school_class) if pupil is not None else None
