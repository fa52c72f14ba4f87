"""Starting the new academic year: previewed, done in one transaction, audit-logged, idempotent,
and undone within ``UNDO_PERIOD``.

What a roll-over from one academic year to the next does at a school:
- every pupil still at the school moves up a year group, except those in the school's last
  year group (Year 13, or Year 11 at a school for pupils up to 16), who are marked as left:
  their classes end, and the retention clock for their identity starts;
- each class of the year that ended is either archived or carried over: a new class for the
  next year group in the new year, with the same teachers, the pupils who stay and the same
  class code (the class that ended takes a new one), so login cards keep working. The class
  that ended is archived either way, so its assignments, results and registers stay with it:
  assignments are never carried into the new year. Classes of the leavers' year group can
  only be archived;
- classes already in the new year are left as they are.
A school rolls over into a year once (a second start finds it done). The years come from the
calendar and the school's classes (see ``rollover_years``): a roll-over into a year opens in
June before it starts (``ROLL_OVER_OPENS_IN``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone

from accounts.models import User
from schools.models import (
    AuditAction,
    ClassMembership,
    Pupil,
    School,
    SchoolClass,
    YearRollover,
)
from schools.pupil_codes import CLASS_CODE_LENGTH, new_code

from .audit import record_audit
from .classes import current_academic_year

ROLL_OVER_OPENS_IN = 6  # June: schools prepare next year's classes before the summer.
CARRY = "carry"
ARCHIVE = "archive"
CODE_ATTEMPTS = 10
LEADING_YEAR = re.compile(r"^(?P<prefix>(?:y|yr|year)\s*)?(?P<year>\d{1,2})(?!\d)", re.IGNORECASE)


class RolloverError(Exception):
    """The roll-over cannot be started or undone; the message says why, for the lead."""


def last_year_group(school: School) -> int:
    """The school's last year group: the year in which its oldest pupils turn its statutory
    high age (16: Year 11; 18 or unknown: Year 13)."""
    if school.statutory_high_age is None:
        return 13
    return max(7, min(13, school.statutory_high_age - 5))


def next_class_name(name: str, year_group: int) -> str:
    """The carried-over class's name: a leading year number moves up with it ("9R" to "10R",
    "Year 9 PSHE" to "Year 10 PSHE"); any other name stays."""
    match = LEADING_YEAR.match(name)
    if match is None or int(match.group("year")) != year_group:
        return name
    return f"{match.group('prefix') or ''}{year_group + 1}{name[match.end() :]}"


def rollover_years(school: School, today: date) -> tuple[int, int] | None:
    """(from, to): the academic years of the school's next roll-over; None if it has no classes.

    The year to roll into is the one under way, or, from June, the one about to start. It is
    the next one instead when the school has already rolled into it, or has no class from an
    earlier year (a school that joined this year has nothing to move on from).
    """
    target = current_academic_year(today) + (1 if ROLL_OVER_OPENS_IN <= today.month < 9 else 0)
    classes = school.classes.all()
    if not classes.exists():
        return None
    rolled = school.rollovers.filter(undone_at__isnull=True, to_year__gte=target).exists()
    if rolled or not classes.filter(academic_year__lt=target).exists():
        target += 1
    return target - 1, target


def opens_on(to_year: int) -> date:
    """The first day a roll-over into ``to_year`` can be started."""
    return date(to_year, ROLL_OVER_OPENS_IN, 1)


@dataclass(frozen=True)
class ClassPlan:
    school_class: SchoolClass
    pupils: int
    leavers: int
    assignments: int
    can_carry: bool
    new_name: str
    new_year_group: int


@dataclass
class RolloverPlan:
    """What starting the new year would do now. Built by ``plan_rollover``; changes nothing."""

    school: School
    from_year: int
    to_year: int
    last_year_group: int
    opens_on: date
    is_open: bool
    moving_up: Counter[int] = field(default_factory=Counter)
    leavers: int = 0
    classes: list[ClassPlan] = field(default_factory=list)
    new_year_classes: int = 0

    @property
    def moving_up_rows(self) -> list[tuple[int, int, int]]:
        """(from year group, to year group, pupils), youngest first."""
        return [(year, year + 1, count) for year, count in sorted(self.moving_up.items())]

    @property
    def assignments(self) -> int:
        return sum(plan.assignments for plan in self.classes)

    @property
    def pupils_moving_up(self) -> int:
        return sum(self.moving_up.values())

    def label(self, year: int) -> str:
        return f"{year} to {year + 1}"


def _pupils_staying(school: School):
    return Pupil.objects.filter(school=school).not_erased().still_at_school()


def plan_rollover(*, school: School, today: date | None = None) -> RolloverPlan | None:
    """The preview: what a roll-over of ``school`` into its next academic year would do. None
    if the school has no classes yet. Reads only; a few queries for any size of school."""
    today = today or timezone.localdate()
    years = rollover_years(school, today)
    if years is None:
        return None
    from_year, to_year = years
    last = last_year_group(school)
    plan = RolloverPlan(
        school=school,
        from_year=from_year,
        to_year=to_year,
        last_year_group=last,
        opens_on=opens_on(to_year),
        is_open=today >= opens_on(to_year),
    )
    for year_group, count in _year_group_counts(school):
        if year_group >= last:
            plan.leavers += count
        else:
            plan.moving_up[year_group] = count
    classes = list(
        SchoolClass.objects.filter(school=school, academic_year__lte=from_year, archived_at__isnull=True).order_by(
            "year_group", "name"
        )
    )
    pupils: Counter[int] = Counter()
    leaving: Counter[int] = Counter()
    for class_id, year_group in (
        ClassMembership.objects.current()
        .filter(school_class__in=classes, pupil__left_at__isnull=True, pupil__erased_at__isnull=True)
        .values_list("school_class_id", "pupil__year_group")
    ):
        pupils[class_id] += 1
        if year_group >= last:
            leaving[class_id] += 1
    assignments = Counter(
        SchoolClass.objects.filter(pk__in=[c.pk for c in classes])
        .filter(assignments__isnull=False)
        .values_list("pk", flat=True)
    )
    for school_class in classes:
        plan.classes.append(
            ClassPlan(
                school_class=school_class,
                pupils=pupils[school_class.pk],
                leavers=leaving[school_class.pk],
                assignments=assignments[school_class.pk],
                can_carry=school_class.year_group < last,
                new_name=next_class_name(school_class.name, school_class.year_group),
                new_year_group=min(school_class.year_group + 1, 13),
            )
        )
    plan.new_year_classes = SchoolClass.objects.filter(school=school, academic_year=to_year).count()
    return plan


def _year_group_counts(school: School) -> list[tuple[int, int]]:
    counts = Counter(_pupils_staying(school).values_list("year_group", flat=True))
    return sorted(counts.items())


def _free_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name`` with a number after it, so no two classes of a year share a name."""
    candidate, number = name, 2
    while candidate in taken:
        candidate = f"{name} ({number})"[:40]
        number += 1
    taken.add(candidate)
    return candidate


def _carry_over(school_class: SchoolClass, *, to_year: int, name: str) -> SchoolClass:
    """The class for the next year group in ``to_year``, with the same teachers and class code
    (so pupils' cards keep working); the class that ended takes a new code."""
    code = school_class.class_code
    for _ in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                SchoolClass.objects.filter(pk=school_class.pk).update(class_code=new_code(CLASS_CODE_LENGTH))
                break
        except IntegrityError:
            continue
    else:
        raise RuntimeError("Could not find a free class code.")
    new_class = SchoolClass.objects.create(
        school=school_class.school,
        name=name,
        year_group=min(school_class.year_group + 1, 13),
        academic_year=to_year,
        class_code=code,
    )
    new_class.teachers.set(school_class.teachers.all())
    return new_class


def start_new_year(
    *,
    school: School,
    to_year: int,
    choices: Mapping[int, str],
    actor: User | None,
    today: date | None = None,
    ip_address: str | None = None,
) -> YearRollover:
    """Roll ``school`` over into its next academic year, as ``plan_rollover`` previewed it.

    ``to_year`` is the year the preview was for. ``choices`` maps each class of the year
    that ended to ``CARRY`` or ``ARCHIVE`` (a class not named is archived; a leavers' class is
    archived whatever it says). One transaction; the school row is locked, so two leads
    pressing at once roll over once: the second finds the roll-over into ``to_year`` done and
    gets it back. Raises RolloverError, changing nothing, if it is not open yet or the
    preview was for another year.
    """
    with transaction.atomic():
        School.objects.select_for_update().filter(pk=school.pk).first()
        done = school.rollovers.filter(undone_at__isnull=True, to_year=to_year).first()
        if done is not None:
            return done
        plan = plan_rollover(school=school, today=today)
        if plan is None:
            raise RolloverError(f"{school.name} has no classes yet, so there is no year to roll over.")
        if plan.to_year != to_year:
            raise RolloverError(
                f"This preview was for {to_year} to {to_year + 1}, but {school.name} is now rolling over into "
                f"{plan.label(plan.to_year)}. Look at the new preview and start again."
            )
        if not plan.is_open:
            raise RolloverError(
                f"The new academic year {plan.label(plan.to_year)} can be started from {plan.opens_on:%-d %B %Y}."
            )
        now = timezone.now()
        leavers = list(
            _pupils_staying(school).filter(year_group__gte=plan.last_year_group).values_list("pk", flat=True)
        )
        moved = list(_pupils_staying(school).filter(year_group__lt=plan.last_year_group).values_list("pk", flat=True))
        ended = list(ClassMembership.objects.current().filter(pupil_id__in=leavers).values_list("pk", flat=True))
        ClassMembership.objects.filter(pk__in=ended).update(removed_at=now)
        Pupil.objects.filter(pk__in=leavers).update(left_at=now)

        taken = set(
            SchoolClass.objects.filter(school=school, academic_year=plan.to_year).values_list("name", flat=True)
        )
        new_classes: list[int] = []
        carried: dict[str, int] = {}
        codes: dict[str, str] = {}
        for class_plan in plan.classes:
            old = class_plan.school_class
            if class_plan.can_carry and choices.get(old.pk) == CARRY:
                name = _free_name(class_plan.new_name, taken)
                codes[str(old.pk)] = old.class_code
                new_class = _carry_over(old, to_year=plan.to_year, name=name)
                staying = ClassMembership.objects.current().filter(school_class=old).values_list("pupil_id", flat=True)
                ClassMembership.objects.bulk_create(
                    [ClassMembership(pupil_id=pk, school_class=new_class) for pk in staying]
                )
                new_classes.append(new_class.pk)
                carried[str(old.pk)] = new_class.pk
        archived = [class_plan.school_class.pk for class_plan in plan.classes]
        SchoolClass.objects.filter(pk__in=archived).update(archived_at=now)
        # Moved up last, in one statement, so nothing above reads a year group half changed.
        Pupil.objects.filter(pk__in=moved).update(year_group=F("year_group") + 1)

        counts = {
            "moved_up": len(moved),
            "leavers": len(leavers),
            "classes_archived": len(archived) - len(carried),
            "classes_carried_over": len(carried),
            "assignments_left_behind": plan.assignments,
        }
        rollover = YearRollover.objects.create(
            school=school,
            from_year=plan.from_year,
            to_year=plan.to_year,
            started_by=actor if actor is not None and actor.is_authenticated else None,
            started_at=now,
            counts=counts,
            changes={
                "moved_up": moved,
                "leavers": leavers,
                "ended_memberships": ended,
                "archived_classes": archived,
                "new_classes": new_classes,
                "carried": carried,
                "class_codes": codes,
            },
        )
        record_audit(
            actor=actor,
            school=school,
            action=AuditAction.YEAR_ROLLED_OVER,
            summary=(
                f"Started {plan.label(plan.to_year)}: {len(moved)} pupils moved up a year, {len(leavers)} leavers, "
                f"{len(carried)} classes carried over, {len(archived) - len(carried)} archived"
            ),
            target=rollover,
            detail={"from_year": plan.from_year, "to_year": plan.to_year, **counts},
            ip_address=ip_address,
        )
    return rollover


@transaction.atomic
def undo_new_year(*, rollover: YearRollover, actor: User, ip_address: str | None = None) -> YearRollover:
    """Put the school back as it was before ``rollover``, within ``UNDO_PERIOD``: year groups
    down again, leavers back in their classes, archived classes running again, the classes it
    carried over removed. Undoing twice does nothing more. Refused (RolloverError, nothing
    changed) once the period is over, or if a carried-over class already has assignments.
    """
    rollover = YearRollover.objects.select_for_update().get(pk=rollover.pk)
    if rollover.undone_at is not None:
        return rollover
    if not rollover.can_be_undone:
        raise RolloverError(
            f"The start of {rollover.to_year} to {rollover.to_year + 1} could be undone until "
            f"{timezone.localtime(rollover.undo_until):%-d %B %Y}. Change classes and pupils one by one instead."
        )
    changes = rollover.changes
    new_classes = SchoolClass.objects.filter(pk__in=changes.get("new_classes", []))
    busy = sorted(new_classes.filter(assignments__isnull=False).distinct().values_list("name", flat=True))
    if busy:
        raise RolloverError(
            f"{', '.join(busy)} already {'has' if len(busy) == 1 else 'have'} modules assigned in the new year, "
            "so the start of the year cannot be undone. Nothing was changed."
        )
    try:
        with transaction.atomic():
            new_classes.delete()
    except ProtectedError as error:
        raise RolloverError(
            "A class carried over into the new year is already in use, so the start of the year cannot be undone. "
            "Nothing was changed."
        ) from error
    SchoolClass.objects.filter(pk__in=changes.get("archived_classes", [])).update(archived_at=None)
    for old_pk, code in changes.get("class_codes", {}).items():
        SchoolClass.objects.filter(pk=int(old_pk)).update(class_code=code)
    ClassMembership.objects.filter(pk__in=changes.get("ended_memberships", [])).update(removed_at=None)
    Pupil.objects.filter(pk__in=changes.get("leavers", [])).update(left_at=None)
    Pupil.objects.filter(pk__in=changes.get("moved_up", []), year_group__gt=7).update(year_group=F("year_group") - 1)
    rollover.undone_at = timezone.now()
    rollover.undone_by = actor
    rollover.save(update_fields=["undone_at", "undone_by"])
    record_audit(
        actor=actor,
        school=rollover.school,
        action=AuditAction.YEAR_ROLLOVER_UNDONE,
        summary=f"Undid the start of {rollover.to_year} to {rollover.to_year + 1}",
        target=rollover,
        detail=dict(rollover.counts),
        ip_address=ip_address,
    )
    return rollover
