"""Getting a class ready for a lesson: ground rules, hidden slides, the checklist, and whether it can start."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from classroom.models import OPTIONAL_BLOCK_TYPES, ClassGroundRules, HiddenSlide, TeachingChecklist
from courses.ground_rules import DEFAULT_GROUND_RULES
from courses.models import LessonPage, ModulePage, ProgrammePage
from courses.models.modules import Slide
from schools.models import SchoolClass
from schools.permissions import user_can_manage_class

MAX_RULES = 10
MAX_RULE_LENGTH = 200

NO_SAFEGUARDING_LEAD = (
    "Your school has no designated safeguarding lead (DSL) on record. A school lead must add "
    "their name and contact details before a sensitive lesson is taught."
)
CHECKLIST_NOT_DONE = "Tick every item of the before-you-teach checklist for this class first."
NOT_YOUR_CLASS = "Only a teacher of this class, or a school lead, can teach it."
NOT_ASSIGNED = "This lesson's module is not assigned to this class."


class SlideNotOptionalError(ValueError):
    """Ground rules, signposting, the knowledge check and the first and last slides always show."""


@dataclass
class PlannedSlide:
    """A slide as the teacher plans it: its notes, planned minutes and whether it is shown."""

    slide: Slide
    notes: list = field(default_factory=list)
    note_minutes: int | None = None
    optional: bool = False
    hidden: bool = False
    number: int = 0
    planned_minutes: float = 0.0
    planned_by_end: float = 0.0

    @property
    def block_type(self) -> str:
        return self.slide.block_type

    @property
    def id(self) -> str:
        return self.slide.id


def ground_rules_for(*, school_class: SchoolClass) -> list[str]:
    """The rules the class agreed, or the defaults when it has not saved its own."""
    saved = ClassGroundRules.objects.filter(school_class=school_class).first()
    return list(saved.rules) if saved and saved.rules else list(DEFAULT_GROUND_RULES)


def clean_rules(rules: Sequence[str]) -> list[str]:
    """Trimmed, non-empty rules; raises ValueError when there are none, too many or one is too long."""
    cleaned = [" ".join(rule.split()) for rule in rules]
    cleaned = [rule for rule in cleaned if rule]
    if not cleaned:
        raise ValueError("Enter at least one ground rule.")
    if len(cleaned) > MAX_RULES:
        raise ValueError(f"Keep to {MAX_RULES} ground rules or fewer.")
    if any(len(rule) > MAX_RULE_LENGTH for rule in cleaned):
        raise ValueError(f"Each ground rule must be {MAX_RULE_LENGTH} characters or fewer.")
    return cleaned


def save_ground_rules(*, school_class: SchoolClass, rules: Sequence[str], user: User) -> ClassGroundRules:
    """Save the ground rules the class agreed (one short sentence each), replacing any before."""
    cleaned = clean_rules(rules)
    saved, _ = ClassGroundRules.objects.update_or_create(
        school_class=school_class, defaults={"rules": cleaned, "updated_by": user}
    )
    return saved


def reset_ground_rules(*, school_class: SchoolClass) -> None:
    """Go back to the default ground rules."""
    ClassGroundRules.objects.filter(school_class=school_class).delete()


def plan_lesson(
    *, school_class: SchoolClass, lesson: LessonPage, programme: ProgrammePage | None = None
) -> list[PlannedSlide]:
    """Every slide of the lesson for this class, teacher notes attached to the slide before them.

    Planned minutes come from the notes' timings; slides without one share what is left of the
    lesson's estimated minutes. Hidden slides are listed (marked) but take no time.
    """
    planned: list[PlannedSlide] = []
    waiting_notes: list = []
    for slide in lesson.slides(programme=programme, for_pupils=False):
        if slide.block_type == "teacher_notes":
            (planned[-1].notes if planned else waiting_notes).append(slide.bound_block)
            continue
        planned.append(PlannedSlide(slide=slide))
    if planned and waiting_notes:
        planned[0].notes[:0] = waiting_notes
    hidden_ids = set(
        HiddenSlide.objects.filter(school_class=school_class, lesson=lesson).values_list("block_id", flat=True)
    )
    last = len(planned) - 1
    for index, item in enumerate(planned):
        item.optional = _is_optional(item.slide, index=index, last=last)
        item.hidden = item.optional and item.id in hidden_ids
        minutes = [note.value.get("minutes") for note in item.notes if note.value.get("minutes")]
        item.note_minutes = sum(minutes) if minutes else None
    _spread_minutes([item for item in planned if not item.hidden], lesson.estimated_minutes)
    return planned


def _is_optional(slide: Slide, *, index: int, last: int) -> bool:
    return not slide.added_automatically and slide.block_type in OPTIONAL_BLOCK_TYPES and index not in (0, last)


def _spread_minutes(shown: list[PlannedSlide], total_minutes: int) -> None:
    timed = sum(item.note_minutes or 0 for item in shown)
    untimed = [item for item in shown if item.note_minutes is None]
    share = max(total_minutes - timed, 0) / len(untimed) if untimed else 0.0
    running = 0.0
    for number, item in enumerate(shown, start=1):
        item.number = number
        item.planned_minutes = float(item.note_minutes) if item.note_minutes is not None else share
        running += item.planned_minutes
        item.planned_by_end = running


def shown_slides(plan: list[PlannedSlide]) -> list[PlannedSlide]:
    """The slides that will be presented, in order."""
    return [item for item in plan if not item.hidden]


@transaction.atomic
def set_slide_hidden(*, school_class: SchoolClass, lesson: LessonPage, block_id: str, hidden: bool, user: User) -> None:
    """Hide an optional slide for this class, or show it again. Raises SlideNotOptionalError otherwise."""
    if hidden:
        plan = plan_lesson(school_class=school_class, lesson=lesson)
        if not any(item.optional and item.id == block_id for item in plan):
            raise SlideNotOptionalError("That slide cannot be hidden.")
        HiddenSlide.objects.get_or_create(
            school_class=school_class, lesson=lesson, block_id=block_id, defaults={"hidden_by": user}
        )
    else:
        HiddenSlide.objects.filter(school_class=school_class, lesson=lesson, block_id=block_id).delete()


def record_checklist(
    *,
    school_class: SchoolClass,
    lesson: LessonPage,
    teacher: User,
    dsl_told: bool,
    affected_pupils_considered: bool,
    ground_rules_ready: bool,
) -> TeachingChecklist:
    """Record the before-you-teach checklist for a class and lesson; complete when every item is ticked."""
    checklist, _ = TeachingChecklist.objects.get_or_create(school_class=school_class, lesson=lesson)
    checklist.teacher = teacher
    checklist.dsl_told = dsl_told
    checklist.affected_pupils_considered = affected_pupils_considered
    checklist.ground_rules_ready = ground_rules_ready
    checklist.completed_at = timezone.now() if checklist.is_complete else None
    checklist.save()
    return checklist


def checklist_for(*, school_class: SchoolClass, lesson: LessonPage) -> TeachingChecklist | None:
    return TeachingChecklist.objects.filter(school_class=school_class, lesson=lesson).first()


def module_is_sensitive(module: ModulePage) -> bool:
    """Sensitive modules (flagged, or on a sensitive RSHE topic) need a DSL and the checklist."""
    return module.teacher_led_only


def can_start_lesson(*, school_class: SchoolClass, lesson: LessonPage, user: User) -> tuple[bool, list[str]]:
    """Whether this user may present (or start a live session of) the lesson with the class, and if not, why.

    A sensitive module needs the school's designated safeguarding lead on record and the
    before-you-teach checklist ticked for this class and lesson.
    """
    reasons: list[str] = []
    if not user_can_manage_class(user, school_class):
        reasons.append(NOT_YOUR_CLASS)
    module = lesson.get_parent().specific
    if not isinstance(module, ModulePage) or not school_class.assignments.filter(module=module).exists():
        return False, [*reasons, NOT_ASSIGNED]
    if module_is_sensitive(module):
        if not school_class.school.has_safeguarding_lead:
            reasons.append(NO_SAFEGUARDING_LEAD)
        checklist = checklist_for(school_class=school_class, lesson=lesson)
        if checklist is None or checklist.completed_at is None:
            reasons.append(CHECKLIST_NOT_DONE)
    return not reasons, reasons
