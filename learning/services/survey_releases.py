"""Releasing a class's survey summary to its teachers in batches (the rules: ``learning.survey_release``)."""

from __future__ import annotations

from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from learning.models import SurveySummaryRelease
from learning.survey_release import release_due, released_items, released_summary
from learning.survey_summary import ClassSurveySummary, summarise_class_survey
from schools.models import Assignment


def released_class_survey(*, assignment: Assignment, threshold: int) -> ClassSurveySummary:
    """The class survey summary as its teachers may see it now, releasing any batch that is due.

    Reads the stored releases and the live counts (``summarise_class_survey``); for each wave
    whose next batch is due, stores a new release, under a lock on the assignment so two
    teachers loading the page at once release it once. Idempotent: loading the page again
    with no new batch changes nothing. A constant number of queries whatever the class size.
    """
    releases = {release.wave: release for release in SurveySummaryRelease.objects.filter(assignment=assignment)}
    since = {wave: release.last_submitted_at for wave, release in releases.items()}
    live = summarise_class_survey(assignment=assignment, threshold=threshold, since=since)
    due = [totals for totals in live.waves if release_due(releases.get(totals.wave), totals, threshold)]
    if due:
        with transaction.atomic():
            Assignment.objects.select_for_update().filter(pk=assignment.pk).order_by().values_list("pk").first()
            current = {r.wave: r for r in SurveySummaryRelease.objects.filter(assignment=assignment)}
            now = timezone.now()
            for totals in due:
                previous = releases.get(totals.wave)
                if _moment(current.get(totals.wave)) != _moment(previous):
                    continue  # Released by another request meanwhile: that release stands.
                if totals.latest is None:  # a wave due for release has answers, so a latest one
                    raise ValueError(f"no answer to release for the {totals.wave} wave")
                release, _ = SurveySummaryRelease.objects.update_or_create(
                    assignment=assignment,
                    wave=totals.wave,
                    defaults={
                        "released_at": now,
                        "last_submitted_at": totals.latest,
                        "answered": totals.answered,
                        "skipped": totals.skipped,
                        "items": released_items(live, totals.wave, previous.items if previous else None, threshold),
                    },
                )
                current[totals.wave] = release
        # Nothing the live counts read came after a release just made from them.
        fresh = {wave for wave, release in current.items() if _moment(release) == now}
        live = replace(live, waves=tuple(replace(t, new=0) if t.wave in fresh else t for t in live.waves))
        releases = current
    return released_summary(live, releases, threshold)


def _moment(release: SurveySummaryRelease | None):
    return release.released_at if release is not None else None
