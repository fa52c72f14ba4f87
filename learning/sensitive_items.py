"""Disclosure-sensitive survey items: who is shown what when a survey asks about a pupil's own life.

A content editor flags a survey item as disclosure-sensitive when an answer to it could
tell an adult that something has happened to the pupil ("Has anyone ever pressured you
to send a picture?"). The flag is frozen into the survey version as ``"sensitive": true``
on the item; an item without the key is not sensitive, so versions frozen before the
flag existed read as they always did. Changing the flag changes the version's items, so
once a version is answered a new one is made (``courses.versioning.record_version``).

The rule:

- **Pupils.** Everyone shown a version with a flagged item is shown where to get help as
  soon as they finish it (their school's designated safeguarding lead, if on record, and
  the help services), on the survey's confirmation page or, in a live class lesson, on the
  lesson page once their answers are in. This happens whatever they answered, and also when
  they skipped the item or the whole survey: help that followed only a "yes" would tell
  anyone looking at the screen what the pupil said. The answer is never shown back.
- **Teachers and school leads** never receive an answer to a flagged item as data: the
  class survey summary leaves flagged items out entirely (the answers are not even read),
  saying only how many there are. The progress grid and its CSV say only whether a pupil
  answered or skipped the survey, the live lesson's screens only how many pupils sent it,
  and item analysis covers quiz questions only, so none of them carry survey answers.
- **Evaluation.** The answer is stored like any other. The pseudonymised evaluator export
  keeps it (one row per answer, by research key, no names), and the commissioner's scale
  scores count flagged Likert items in their subscale like any other item: those figures
  are means over many pupils, suppressed below the small-number threshold, so no pupil's
  answer can be read from them. Leaving the items out there would bias the scales and
  break comparisons with versions frozen before the item was flagged.
"""

from __future__ import annotations

from collections.abc import Mapping


def is_sensitive(item: Mapping) -> bool:
    """Whether a frozen survey item is disclosure-sensitive (absent: not sensitive)."""
    return bool(item.get("sensitive", False))


def sensitive_item_keys(definition: Mapping) -> frozenset[str]:
    """The keys of a survey version's disclosure-sensitive items."""
    return frozenset(item["key"] for item in definition.get("items", []) if is_sensitive(item))


def shows_sensitive_items(definition: Mapping) -> bool:
    """Whether a pupil given this survey version is shown at least one disclosure-sensitive item."""
    return any(is_sensitive(item) for item in definition.get("items", []))
