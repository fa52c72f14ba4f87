"""Survey scale scores for the rollups: reverse scoring, the half-answered rule, alpha item vectors.

A survey version's definition (``courses.versioning``) lists Likert items with
``min``, ``max``, ``reverse`` and ``subscale``; a scale is the items sharing a
subscale. Each answer is scored with its own version's item definition. A
pupil's own score at a wave uses every item of the version they answered; their
change is scored only on the items (by stable key) that are identical in the
versions they answered before and after (``common_items``), so an item edited
between the waves is not reported as change in the pupil.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from courses.models import SurveyVersion

# A scale score needs at least this share of the scale's items answered.
MIN_ANSWERED_SHARE = 0.5


@dataclass(frozen=True)
class Item:
    key: str
    minimum: int
    maximum: int
    reverse: bool
    # The item's whole definition (wording, labels, range, reverse scoring, scale): two versions'
    # items with the same key are the same item only when this is the same.
    signature: str = field(default="", compare=False)

    def scored(self, value: int) -> float:
        """The answer after reverse scoring: x' = min + max - x for a reverse-scored item."""
        return float(self.minimum + self.maximum - value if self.reverse else value)


@dataclass(frozen=True)
class VersionScales:
    """The Likert items of one survey version, grouped into scales (in definition order)."""

    survey_id: int
    survey_key: str
    number: int
    items: Mapping[str, Item]
    scales: Mapping[str, tuple[str, ...]]

    @classmethod
    def from_definition(cls, *, survey_id: int, survey_key: str, number: int, definition: Mapping) -> VersionScales:
        items: dict[str, Item] = {}
        scales: dict[str, list[str]] = {}
        for entry in definition.get("items", []):
            if entry.get("type") != "likert":
                continue
            items[entry["key"]] = Item(
                entry["key"],
                int(entry["min"]),
                int(entry["max"]),
                bool(entry.get("reverse")),
                json.dumps(entry, sort_keys=True),
            )
            scales.setdefault(entry.get("subscale") or "", []).append(entry["key"])
        return cls(survey_id, survey_key, number, items, {name: tuple(keys) for name, keys in scales.items()})


def scale_scores(version: VersionScales, answers: Mapping[str, int | None]) -> dict[str, float]:
    """Each scale's score for one response: the mean of its answered items after reverse scoring.

    A scale gets a score only when at least half (``MIN_ANSWERED_SHARE``) of its
    items in this version are answered; unanswered items are left out of the mean.
    ``answers`` maps item keys to the chosen point (None or absent: not answered).
    """
    scores = {}
    for scale, keys in version.scales.items():
        score = mean_score(version, keys, answers)
        if score is not None:
            scores[scale] = score
    return scores


def mean_score(version: VersionScales, keys: Sequence[str], answers: Mapping[str, int | None]) -> float | None:
    """The mean of the answered items of ``keys`` after reverse scoring; None unless at least half are answered."""
    scored = [version.items[key].scored(value) for key in keys if (value := answers.get(key)) is not None]
    if scored and len(scored) >= MIN_ANSWERED_SHARE * len(keys):
        return sum(scored) / len(scored)
    return None


def common_items(pre: VersionScales, post: VersionScales) -> dict[str, tuple[str, ...]]:
    """Each scale's items that are identical in both versions: same stable key, same whole definition.

    In the pre version's order; a scale whose items all changed maps to an empty tuple.
    The same version before and after keeps every item.
    """
    common = {}
    for scale, keys in pre.scales.items():
        common[scale] = tuple(
            key for key in keys if key in post.items and post.items[key].signature == pre.items[key].signature
        )
    return common


def paired_scores(
    pre: VersionScales,
    pre_answers: Mapping[str, int | None],
    post: VersionScales,
    post_answers: Mapping[str, int | None],
) -> dict[str, tuple[float, float, int]]:
    """Each scale's (pre score, post score, items used) scored on the items common to both versions.

    The half-answered rule applies to the common items at each wave; a scale with no
    common item, or too few answered at either wave, gives no pair.
    """
    paired = {}
    for scale, keys in common_items(pre, post).items():
        if not keys:
            continue
        before, after = mean_score(pre, keys, pre_answers), mean_score(post, keys, post_answers)
        if before is not None and after is not None:
            paired[scale] = (before, after, len(keys))
    return paired


def alpha_values(
    version: VersionScales, reference_keys: tuple[str, ...], answers: Mapping[str, int | None]
) -> list[float] | None:
    """The scored answers to every item of ``reference_keys``, in that order; None unless all are answered.

    Items are matched by key, so a respondent to an older version counts when it has
    the same items; each answer is reverse scored with its own version's definition.
    """
    values = []
    for key in reference_keys:
        value = answers.get(key)
        item = version.items.get(key)
        if value is None or item is None:
            return None
        values.append(item.scored(value))
    return values


@dataclass(frozen=True)
class Instruments:
    """Every survey version's scales, and each scale's reference item list for alpha."""

    versions: Mapping[int, VersionScales]
    reference_keys: Mapping[tuple[int, str], tuple[str, ...]]

    @classmethod
    def load(cls) -> Instruments:
        """Read every survey version once (content: a few dozen rows whatever the number of pupils).

        A scale's reference items are those of the newest version that has the scale.
        """
        versions = {}
        for pk, survey_id, survey_key, number, definition in SurveyVersion.objects.values_list(
            "pk", "survey_id", "survey__key", "number", "definition"
        ):
            versions[pk] = VersionScales.from_definition(
                survey_id=survey_id, survey_key=survey_key, number=number, definition=definition or {}
            )
        reference: dict[tuple[int, str], tuple[str, ...]] = {}
        for version in sorted(versions.values(), key=lambda v: v.number):
            for scale, keys in version.scales.items():
                reference[version.survey_id, scale] = keys
        return cls(versions, reference)
