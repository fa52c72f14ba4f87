"""A class's survey answers, added up per item and wave, for its teachers.

Attitude answers are never shown to teachers per pupil. At class level an item's
answers at one wave are shown only when at least ``threshold`` pupils answered it
(skipped items and skipped surveys do not count); otherwise only the fact that
too few answered is kept. Free-text answers are never read here at all, nor are
answers to disclosure-sensitive items (``learning.sensitive_items``): those items are
left out, and only how many there are is said.

Counts pupils now in the class who are in the evaluation (not opted out, not
withdrawn). Three queries whatever the class size: the response counts, the survey
versions answered, and the answer counts (grouped in the database).

This is the live state of the answers. Teachers see it only as released in batches
(``learning.survey_release``), never one pupil's answer at a time.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from django.db.models import Count, Max, Q

from courses.models import SurveyVersion
from learning.models import SurveyAnswer, SurveyResponse, Wave
from learning.sensitive_items import is_sensitive, sensitive_item_keys
from schools.models import Assignment

from .grid import current_pupils

WAVE_ORDER = [Wave.PRE, Wave.POST, Wave.FOLLOW_UP]


@dataclass(frozen=True)
class PointCount:
    """How many pupils chose one point of the scale."""

    value: int
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class WaveAnswers:
    """One item's answers at one wave. When hidden, no count or mean is kept."""

    wave: str
    wave_label: str
    shown: bool
    # Why it is hidden: "few" (under the threshold) or "unanimous" (everyone gave one answer).
    hidden_because: str = ""
    answered: int | None = None
    mean: float | None = None
    points: tuple[PointCount, ...] = ()
    # When hidden as unanimous: how many gave that one answer (never shown; ``learning.survey_release`` needs it).
    unanimous_count: int | None = None


@dataclass(frozen=True)
class PointRow:
    """One point of the scale across the shown waves, for a table row."""

    value: int
    label: str
    cells: tuple[PointCount, ...]


@dataclass(frozen=True)
class ItemSummary:
    key: str
    text: str
    minimum: int
    maximum: int
    reverse: bool
    waves: tuple[WaveAnswers, ...]
    # Each point's label, from the minimum up.
    labels: tuple[str, ...] = ()

    @property
    def identity(self) -> tuple[str, str, int, int]:
        """What makes two versions' items one row: the key, wording and scale."""
        return (self.key, self.text, self.minimum, self.maximum)

    @property
    def shown_waves(self) -> tuple[WaveAnswers, ...]:
        return tuple(wave for wave in self.waves if wave.shown)

    @property
    def hidden_waves(self) -> tuple[WaveAnswers, ...]:
        return tuple(wave for wave in self.waves if not wave.shown)

    @property
    def rows(self) -> list[PointRow]:
        """The scale's points, each with its count at every shown wave."""
        shown = self.shown_waves
        if not shown:
            return []
        return [
            PointRow(value=point.value, label=point.label, cells=tuple(wave.points[i] for wave in shown))
            for i, point in enumerate(shown[0].points)
        ]


@dataclass(frozen=True)
class WaveTotals:
    """How many pupils answered, or skipped, the survey at one wave.

    Live: ``latest`` is the newest answered response and ``new`` how many answered after
    the moment given for the wave (all of them when none is given). Released: the counts
    as released, ``released_at`` when, and ``new`` how many have answered since.
    """

    wave: str
    wave_label: str
    answered: int
    skipped: int
    latest: datetime.datetime | None = None
    new: int = 0
    released_at: datetime.datetime | None = None


@dataclass(frozen=True)
class ClassSurveySummary:
    threshold: int
    waves: tuple[WaveTotals, ...]
    items: tuple[ItemSummary, ...]
    free_text_items: int
    # Disclosure-sensitive Likert items, left out of ``items``.
    sensitive_items: int = 0

    @property
    def has_responses(self) -> bool:
        return bool(self.waves)


def _point_labels(item: dict) -> list[str]:
    values = range(item["min"], item["max"] + 1)
    labels = item.get("labels") or []
    if len(labels) == len(values):
        return [f"{value} ({label})" for value, label in zip(values, labels, strict=True)]
    return [str(value) for value in values]


def hidden_because(chosen: Sequence[int], threshold: int) -> str:
    """Why counts per point cannot be shown: "few" (under the threshold), "unanimous" (one point), or ""."""
    answered = sum(chosen)
    if answered < threshold or answered == 0:
        return "few"
    if max(chosen) == answered:
        # Everyone chose the same point: showing it would tell the teacher each pupil's answer.
        return "unanimous"
    return ""


def shown_answers(wave: str, minimum: int, labels: Sequence[str], chosen: Sequence[int]) -> WaveAnswers:
    """One item's answers at one wave, shown: counts per point from ``minimum`` up, percentages and the mean."""
    answered = sum(chosen)
    values = range(minimum, minimum + len(chosen))
    points = tuple(
        PointCount(value=value, label=text, count=count, percent=round(100 * count / answered))
        for value, text, count in zip(values, labels, chosen, strict=True)
    )
    mean = sum(value * count for value, count in zip(values, chosen, strict=True)) / answered
    return WaveAnswers(
        wave=wave, wave_label=Wave(wave).label, shown=True, answered=answered, mean=round(mean, 1), points=points
    )


def _wave_answers(wave: str, item: dict, counts: dict[int, int], threshold: int) -> WaveAnswers:
    """The answers to one item at one wave; hidden when fewer than ``threshold`` pupils answered it."""
    chosen = [counts.get(value, 0) for value in range(item["min"], item["max"] + 1)]
    if reason := hidden_because(chosen, threshold):
        unanimous = sum(chosen) if reason == "unanimous" else None
        return WaveAnswers(
            wave=wave, wave_label=Wave(wave).label, shown=False, hidden_because=reason, unanimous_count=unanimous
        )
    return shown_answers(wave, item["min"], _point_labels(item), chosen)


def summarise_class_survey(
    *, assignment: Assignment, threshold: int, since: Mapping[str, datetime.datetime] | None = None
) -> ClassSurveySummary:
    """The class's answers to the module survey of ``assignment``, per Likert item and wave.

    For each wave with any response and each Likert item of the versions answered: the number
    of pupils who chose each point, the number who answered (n) and the mean of the raw
    points (sum of value x count / n, before any reverse scoring). An item keeps one row
    across survey versions while its key, wording and scale are unchanged. An item's
    answers at a wave are hidden when n < ``threshold`` (the suppression threshold), or when
    every pupil chose the same point, which would tell the teacher what each pupil answered.
    Disclosure-sensitive items are left out and their answers never read; only how many
    distinct ones (by key) the versions answered have is kept. ``since`` gives, per wave, the
    moment after which answered responses are counted as ``WaveTotals.new``.
    """
    pupils = current_pupils(assignment.school_class).in_evaluation().values("pk")
    responses = SurveyResponse.objects.filter(assignment=assignment, pupil__in=pupils)

    after = Q(submitted_at__isnull=False)
    if since:
        after = ~Q(wave__in=list(since))
        for wave, moment in since.items():
            after |= Q(wave=wave, submitted_at__gt=moment)
    totals: dict[str, dict[bool, int]] = defaultdict(lambda: {False: 0, True: 0})
    latest: dict[str, datetime.datetime] = {}
    new: dict[str, int] = defaultdict(int)
    version_ids: set[int] = set()
    rows = responses.values("wave", "skipped", "survey_version_id").annotate(
        n=Count("pk"), latest=Max("submitted_at"), new=Count("pk", filter=after)
    )
    for row in rows.order_by():
        wave = row["wave"]
        totals[wave][row["skipped"]] += row["n"]
        version_ids.add(row["survey_version_id"])
        if not row["skipped"]:
            new[wave] += row["new"]
            if wave not in latest or row["latest"] > latest[wave]:
                latest[wave] = row["latest"]

    versions = sorted(SurveyVersion.objects.filter(pk__in=version_ids), key=lambda v: -v.number)
    # Answers to disclosure-sensitive items are not even read.
    sensitive = Q()
    for version in versions:
        if keys := sensitive_item_keys(version.definition):
            sensitive |= Q(response__survey_version_id=version.pk, item_key__in=sorted(keys))

    # Only the chosen point is read: never the text of a free-text answer.
    counts: dict[tuple[str, int, str], dict[int, int]] = defaultdict(dict)
    answer_rows = (
        SurveyAnswer.objects.filter(response__in=responses.filter(skipped=False), skipped=False, value__isnull=False)
        .exclude(sensitive)
        .values("response__wave", "response__survey_version_id", "item_key", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for answer in answer_rows:
        key = (answer["response__wave"], answer["response__survey_version_id"], answer["item_key"])
        value = cast(int, answer["value"])  # never empty: the query asks for answered items only
        counts[key][value] = counts[key].get(value, 0) + answer["n"]

    # One entry per distinct item (key, wording, scale), newest version's order first.
    items: dict[tuple, dict] = {}
    item_versions: dict[tuple, list[int]] = defaultdict(list)
    free_text_keys: set[str] = set()
    sensitive_keys: set[str] = set()
    for version in versions:
        for item in version.definition.get("items", []):
            if item.get("type") != "likert":
                free_text_keys.add(item["key"])
                continue
            if is_sensitive(item):
                sensitive_keys.add(item["key"])
                continue
            identity = (item["key"], item["text"], item["min"], item["max"])
            items.setdefault(identity, item)
            item_versions[identity].append(version.pk)

    waves = [wave for wave in WAVE_ORDER if wave in totals]
    summaries = []
    for identity, item in items.items():
        per_wave = []
        for wave in waves:
            merged: dict[int, int] = defaultdict(int)
            for version_id in item_versions[identity]:
                for value, n in counts.get((wave, version_id, item["key"]), {}).items():
                    merged[value] += n
            per_wave.append(_wave_answers(wave, item, merged, threshold))
        summaries.append(
            ItemSummary(
                key=item["key"],
                text=item["text"],
                minimum=item["min"],
                maximum=item["max"],
                reverse=bool(item.get("reverse")),
                waves=tuple(per_wave),
                labels=tuple(_point_labels(item)),
            )
        )
    return ClassSurveySummary(
        threshold=threshold,
        waves=tuple(
            WaveTotals(
                wave=wave,
                wave_label=Wave(wave).label,
                answered=totals[wave][False],
                skipped=totals[wave][True],
                latest=latest.get(wave),
                new=new[wave],
            )
            for wave in waves
        ),
        items=tuple(summaries),
        free_text_items=len(free_text_keys),
        sensitive_items=len(sensitive_keys),
    )
