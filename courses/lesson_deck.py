"""A module's lessons and a lesson's slides as pupils see them, built once per published revision.

Pupils page through slides all lesson long, and every slide needs the module's lessons in order,
the lesson's slides (with the ground rules and signposting added) and the slide's HTML. None of
it depends on the pupil, so each is built once per revision of the pages it reads and kept for
the content generation (``courses.content_cache``); the pupil's own parts (where they are, what
they answered) are added around it on each request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from courses.content_cache import remembered, remembered_many
from courses.models import LessonPage, ModulePage, ProgrammePage
from courses.models.modules import Slide


def module_page(pk: int) -> ModulePage:
    """The module with this id (an assignment's), as it is now: shared, read it only."""
    return remembered(("module", pk), lambda: ModulePage.objects.prefetch_related("rshe_topics").get(pk=pk))


def module_pages(pks: Iterable[int]) -> dict[int, ModulePage]:
    """Several modules by id (a pupil's assignments'), those not kept yet read in one query."""

    def build(keys: list[tuple]) -> dict[tuple, ModulePage]:
        return {("module", module.pk): module for module in ModulePage.objects.filter(pk__in=[key[1] for key in keys])}

    return {key[1]: module for key, module in remembered_many([("module", pk) for pk in pks], build).items()}


def with_modules(assignments: Iterable[Any]) -> list[Any]:
    """The assignments (anything with a ``module_id``), each given its module from the kept content."""
    found = list(assignments)
    modules = module_pages({assignment.module_id for assignment in found})
    for assignment in found:
        assignment.module = modules[assignment.module_id]
    return found


def taught_in_class_only(module: ModulePage) -> bool:
    """``module.teacher_led_only`` (which reads the module's topics and scans its content for
    sensitive key terms), kept until content next changes: pupils' pages ask it on every slide."""
    return remembered(("teacher-led-only", module.pk), lambda: module.teacher_led_only)


def module_lessons(module: ModulePage) -> list[LessonPage]:
    """The module's live lessons in order (shared: read them, never change them)."""
    return remembered(("lessons", module.pk), lambda: list(module.lessons()))


def module_programme(module: ModulePage) -> ProgrammePage:
    """The programme a module belongs to."""
    return remembered(("programme", module.pk), lambda: module.get_parent().specific)


def pupil_slides(lesson: LessonPage, programme: ProgrammePage) -> list[Slide]:
    """``lesson.slides(for_pupils=True)`` for this revision of the lesson and of its programme."""
    parts = ("slides", lesson.pk, lesson.live_revision_id, programme.pk, programme.live_revision_id)
    return remembered(parts, lambda: lesson.slides(programme=programme, for_pupils=True))


def slide_html(lesson: LessonPage, programme: ProgrammePage, slide: Slide) -> SafeString:
    """The slide's block rendered on its own (no pupil in its context), for this revision."""
    parts = ("slide-html", lesson.pk, lesson.live_revision_id, programme.pk, programme.live_revision_id, slide.id)
    block: Any = slide.bound_block
    return remembered(parts, lambda: mark_safe(block.render_as_block(context={})))  # nosec B308 B703
