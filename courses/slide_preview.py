"""Wagtail preview modes for a lesson: the whole lesson, or any one slide as it is projected.

The modes are listed from the body's block types alone (no query: Wagtail asks for them on
every editor page), numbered as ``LessonPage.slides`` numbers them: a ground-rules reminder
first and signposting last when the editor left them out, teacher notes never shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

WHOLE_LESSON = ""
SLIDE_PREFIX = "slide-"


def slide_preview_modes(body: Iterable[Any]) -> list[tuple[str, str]]:
    """``[("", "Whole lesson"), ("slide-1", "Slide 1: Ground rules reminder"), ...]`` for a lesson body."""
    labels = [str(child.block.label) for child in body if child.block_type != "teacher_notes"]
    types = [child.block_type for child in body if child.block_type != "teacher_notes"]
    if not types or types[0] != "ground_rules":
        labels.insert(0, "Ground rules reminder (added)")
    if not types or types[-1] != "signposting":
        labels.append("Where to get help (added)")
    slides = [(f"{SLIDE_PREFIX}{n}", f"Slide {n}: {label}") for n, label in enumerate(labels, start=1)]
    return [(WHOLE_LESSON, "Whole lesson"), *slides]


def slide_number(mode_name: str | None, count: int) -> int | None:
    """The slide a preview mode shows (kept within the lesson's slides), or None for the whole lesson
    (also when Wagtail passes no mode at all, as its own preview requests do)."""
    if not mode_name or not mode_name.startswith(SLIDE_PREFIX):
        return None
    try:
        number = int(mode_name.removeprefix(SLIDE_PREFIX))
    except ValueError:
        return None
    return min(max(number, 1), count)
