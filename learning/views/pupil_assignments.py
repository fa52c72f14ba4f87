"""The one way a pupil's pages reach an assignment.

Every pupil page reaches an assignment through ``open_assignments`` or ``get_assignment``: only
assignments of classes the pupil is in now, not archived, and already open. Anything else
answers 404, so another school's (or another class's) work cannot be seen, and nothing is
stored for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from courses.lesson_deck import module_page, taught_in_class_only
from learning.models import ModuleProgress
from learning.pupil_reads import OPEN_ASSIGNMENT, OPEN_ASSIGNMENT_AND_PLACE, SUMMARY, assignments_open_on
from schools.models import Assignment, Pupil
from schools.models.assignments import Delivery


def open_assignments(pupil: Pupil) -> QuerySet[Assignment]:
    """Assignments of the classes the pupil is in now, that have opened."""
    return assignments_open_on(pupil.pk, timezone.localdate())


def _with_module(assignment: Assignment) -> Assignment:
    """The assignment with its module from the content kept per published revision (no query)."""
    assignment.module = module_page(assignment.module_id)
    return assignment


def can_play_alone(assignment: Assignment) -> bool:
    """Self-paced work, or catching up alone on an in-class module that also allows self-paced work.

    Never a module covering a sensitive topic, even if it was set as self-paced work before its
    content or topics changed: that is taught in class only.
    """
    module = assignment.module
    if assignment.delivery != Delivery.SELF_PACED and not module.allows_self_paced:
        return False
    return not taught_in_class_only(module)


def get_assignment(pupil: Pupil, assignment_pk: int) -> Assignment:
    """One of the pupil's open assignments, with its module; 404 for any other."""
    assignment = OPEN_ASSIGNMENT.first(pupil_id=pupil.pk, assignment_id=assignment_pk, today=timezone.localdate())
    if assignment is None:
        raise Http404("No such assignment.")
    return _with_module(assignment)


@dataclass(frozen=True)
class Place:
    """Where the pupil is in a lesson: the slide they reached, and when they finished it."""

    last_position: int
    completed_at: datetime | None


def get_assignment_and_place(pupil: Pupil, assignment_pk: int, lesson_pk: int) -> tuple[Assignment, Place | None]:
    """``get_assignment``, and the pupil's place in one lesson of it (None before they open it),
    read in the same statement; 404 for any assignment ``get_assignment`` would refuse."""
    assignment = OPEN_ASSIGNMENT_AND_PLACE.first(
        pupil_id=pupil.pk, assignment_id=assignment_pk, today=timezone.localdate(), lesson_id=lesson_pk
    )
    if assignment is None:
        raise Http404("No such assignment.")
    place = None if assignment.place is None else Place(assignment.place, assignment.place_done)
    return _with_module(assignment), place


def module_progress(pupil: Pupil, assignment: Assignment) -> ModuleProgress | None:
    """The pupil's summary row for the assignment, if they have started it."""
    return SUMMARY.first(pupil_id=pupil.pk, assignment_id=assignment.pk)
