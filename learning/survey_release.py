"""The class survey summary is released to teachers in batches, never one pupil at a time.

The progress grid shows teachers which named pupils have done the survey. If the summary
followed every answer, reloading it after one pupil submitted (or after a school lead
recorded one pupil's opt-out) would show that pupil's answers as the difference. So what
teachers see is a stored release (``SurveySummaryRelease``), one per class assignment and
wave, with ``t`` the suppression threshold:

1. A wave's summary is first released once at least ``t`` pupils have answered the survey at
   that wave (skipped surveys do not count).
2. It is released again only once at least ``t`` more pupils have answered since the newest
   answer the last release counted. Until then teachers see the last release however often
   they reload; pupils who opt out, are withdrawn or leave the class stay in it and are taken
   out at the next release, together with the new batch.
3. Within a release, an item's counts are shown only when at least ``t`` pupils answered it
   and not every one chose the same point. If the item was shown in the previous release,
   the new counts are shown only when the change since then is itself a batch: at least
   ``t`` answers added, not all to the same point. Otherwise the item keeps the counts last
   shown. So the difference between two releases, which the grid lets a teacher pin to the
   pupils who answered in between, is always about at least ``t`` answers of more than one
   kind. An item hidden because every pupil gave the same answer stays hidden until the new
   counts leave that answer open: at least two answers each chosen by as many pupils as gave
   the one answer before (else the teacher, told they all agreed, could tell on what).
4. When a wave closes for the class (the class moves on, the follow-up window ends), fewer
   than ``t`` answers left over since the last release are never released on their own:
   that change would be about fewer than ``t`` pupils. The last release stands.

The totals of who answered and who skipped are released with the items; how many have
answered since is shown live, as the grid shows it anyway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from learning.models import SurveySummaryRelease, Wave
from learning.survey_summary import (
    WAVE_ORDER,
    ClassSurveySummary,
    ItemSummary,
    WaveAnswers,
    WaveTotals,
    hidden_because,
    shown_answers,
)

# Why a wave's answers are not shown yet: too few pupils have answered it to release anything.
NOT_RELEASED = "not_released"


def release_due(release: SurveySummaryRelease | None, live: WaveTotals, threshold: int) -> bool:
    """Whether a new batch of the wave is due (rules 1 and 2): ``live`` counts answers after the release's newest."""
    if release is None:
        return live.answered >= max(threshold, 1)
    return live.new >= max(threshold, 1)


def change_is_a_batch(before: Sequence[int], after: Sequence[int], threshold: int) -> bool:
    """Whether going from counts per point ``before`` to ``after`` adds at least ``threshold`` answers,
    not all to one point (rule 3). Answers taken away (opt-outs, pupils who left) are not a batch."""
    added = [max(new - old, 0) for old, new in zip(before, after, strict=True)]
    total = sum(added)
    return total >= max(threshold, 1) and max(added) < total


def released_items(
    live: ClassSurveySummary, wave: str, previous: Sequence[Mapping] | None, threshold: int
) -> list[dict]:
    """The items of a new release of ``wave`` (rule 3), as stored in ``SurveySummaryRelease.items``."""
    before = {_identity(entry): entry for entry in previous or ()}
    entries = []
    for item in live.items:
        answers = next(answers for answers in item.waves if answers.wave == wave)
        counts = [point.count for point in answers.points] if answers.shown else None
        reason = answers.hidden_because
        earlier = before.get(item.identity, {})
        shown_before = earlier.get("counts")
        unanimous = answers.unanimous_count
        if counts is not None and shown_before is not None and not change_is_a_batch(shown_before, counts, threshold):
            counts, reason = list(shown_before), ""
        elif (
            counts is not None
            and earlier.get("unanimous_count")
            and sum(count >= earlier["unanimous_count"] for count in counts) < 2
        ):
            counts, reason, unanimous = None, "unanimous", earlier["unanimous_count"]
        entries.append(
            {
                "key": item.key,
                "text": item.text,
                "min": item.minimum,
                "max": item.maximum,
                "reverse": item.reverse,
                "labels": list(item.labels),
                "counts": counts,
                "hidden_because": reason,
                "unanimous_count": unanimous if reason == "unanimous" else None,
            }
        )
    return entries


def released_summary(
    live: ClassSurveySummary, releases: Mapping[str, SurveySummaryRelease], threshold: int
) -> ClassSurveySummary:
    """What teachers see: each wave as last released, with how many have answered since.

    A wave with responses but no release yet is listed with its live totals (who answered is
    on the grid anyway) and every item hidden as ``NOT_RELEASED``.
    """
    live_waves = {totals.wave: totals for totals in live.waves}
    waves = [wave for wave in WAVE_ORDER if wave in live_waves or wave in releases]
    totals = []
    for wave in waves:
        release, now = releases.get(wave), live_waves.get(wave)
        if release is None:
            if now is None:  # a wave is listed only if it has answers or a release
                raise ValueError(f"the {wave} wave has neither answers nor a release")
            totals.append(replace(now, new=now.answered))
        else:
            totals.append(
                WaveTotals(
                    wave=wave,
                    wave_label=Wave(wave).label,
                    answered=release.answered,
                    skipped=release.skipped,
                    latest=release.last_submitted_at,
                    new=now.new if now is not None else 0,
                    released_at=release.released_at,
                )
            )
    items = {item.identity: item for item in live.items}
    stored = {wave: {_identity(entry): entry for entry in release.items} for wave, release in releases.items()}
    for entries in stored.values():
        for identity, entry in entries.items():
            if identity not in items:
                items[identity] = ItemSummary(
                    key=entry["key"],
                    text=entry["text"],
                    minimum=entry["min"],
                    maximum=entry["max"],
                    reverse=bool(entry.get("reverse")),
                    waves=(),
                    labels=tuple(entry["labels"]),
                )
    summaries = [
        replace(item, waves=tuple(_released_answers(wave, stored.get(wave), item, threshold) for wave in waves))
        for item in items.values()
    ]
    return replace(live, waves=tuple(totals), items=tuple(summaries))


def _released_answers(wave: str, entries: Mapping | None, item: ItemSummary, threshold: int) -> WaveAnswers:
    label = Wave(wave).label
    if entries is None:
        return WaveAnswers(wave=wave, wave_label=label, shown=False, hidden_because=NOT_RELEASED)
    entry = entries.get(item.identity) or {}
    counts = entry.get("counts")
    if counts is None or hidden_because(counts, threshold):
        reason = entry.get("hidden_because") or "few"
        return WaveAnswers(wave=wave, wave_label=label, shown=False, hidden_because=reason)
    return shown_answers(wave, item.minimum, entry["labels"], counts)


def _identity(entry: Mapping) -> tuple[str, str, int, int]:
    return (entry["key"], entry["text"], entry["min"], entry["max"])
