"""Warnings in the Wagtail editor when a quiz or survey named in a frozen evaluation protocol is edited.

The version a frozen protocol names is itself frozen (``courses.versioning`` makes a
new version instead of changing it); these warnings make sure the editor knows that
the new version is outside the protocol and needs a new one.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from wagtail import hooks

from courses.models import Quiz, Survey
from courses.versioning import record_version
from reports.protocol import protocols_freezing


def frozen_in(instance: Quiz | Survey) -> str:
    """The frozen protocols naming a version of this instrument, in words ("" when none)."""
    found = protocols_freezing(instance)
    return "; ".join(f"version {number} in {protocol.name}" for protocol, number in found)


@hooks.register("before_edit_snippet")
def warn_before_editing_a_frozen_instrument(request: HttpRequest, instance) -> None:
    if request.method != "GET" or not isinstance(instance, (Quiz, Survey)):
        return
    named = frozen_in(instance)
    if named:
        messages.warning(
            request,
            f"This {instance._meta.verbose_name} is part of a frozen evaluation protocol ({named}). "
            "Saving a change to its questions makes a new version that the protocol does not cover: "
            "pupils would then answer the new version, so a commissioner must open a new protocol "
            "that names it before its answers are evaluated.",
        )


@hooks.register("after_edit_snippet")
def warn_after_editing_a_frozen_instrument(request: HttpRequest, instance) -> None:
    if not isinstance(instance, (Quiz, Survey)):
        return
    found = protocols_freezing(instance)
    if not found:
        return
    # Idempotent: the courses hook may have recorded it already.
    version = record_version(instrument=instance)
    newest_frozen = max(number for _, number in found)
    if version.number > newest_frozen:
        names = ", ".join(sorted({protocol.name for protocol, _ in found}))
        messages.warning(
            request,
            f"Your changes are version {version.number}, which no frozen evaluation protocol covers "
            f"({names} names version {newest_frozen}). Ask a commissioner to open a new protocol "
            f"naming version {version.number} before its answers are evaluated.",
        )
