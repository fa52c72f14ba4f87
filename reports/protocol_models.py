"""Evaluation protocols: what the evaluation of a period will measure and how, fixed before the data arrive.

A commissioner opens a protocol as a draft (primary outcome, the instrument
versions, the waves and the analysis), and freezes it. Freezing stamps the time,
keeps the protocol as it was (``record``, with its SHA-256 ``digest``, is what
the transparency page publishes) and freezes the instrument versions it names, so
editing one of them makes a new version the protocol does not cover. A frozen
protocol is never changed: a new plan is a new protocol. The rules are in
``reports.protocol``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as format_date

from courses.models import QuizVersion, SurveyVersion
from learning.models import Wave


class Subgroup(models.TextChoices):
    """The groups a protocol can pre-specify comparing: each is one of the dashboard's equity tables."""

    GENDER = "gender", "Gender"
    FSM = "fsm", "The school's free school meals band"
    LOCALITY = "locality", "Urban or rural school"


class ProtocolQuerySet(models.QuerySet):
    def frozen(self):
        return self.filter(frozen_at__isnull=False)

    def covering(self, start: datetime.date | None, end: datetime.date | None):
        """Frozen protocols whose period overlaps ``start`` to ``end`` (either open-ended when None)."""
        found = self.frozen()
        if end is not None:
            found = found.filter(period_start__lte=end)
        if start is not None:
            found = found.filter(period_end__gte=start)
        return found


class EvaluationProtocol(models.Model):
    title = models.CharField(max_length=150)
    period_start = models.DateField(help_text="The first day of the period evaluated.")
    period_end = models.DateField(help_text="The last day of the period evaluated, inclusive.")
    primary_outcome = models.TextField(help_text="The one outcome the evaluation is judged on, and how it is measured.")
    quiz_versions = models.ManyToManyField(QuizVersion, blank=True, related_name="protocols")
    survey_versions = models.ManyToManyField(SurveyVersion, blank=True, related_name="protocols")
    waves = models.JSONField(default=list, help_text="The waves analysed: pre, post and follow-up.")
    analysis = models.TextField(help_text="The analysis planned: comparisons, model, intervals, adjustments.")
    subgroups = models.JSONField(
        default=list,
        blank=True,
        help_text="The subgroup comparisons planned (``Subgroup``): shown as confirmatory, all others as exploratory.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="protocols_opened"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="protocols_frozen"
    )
    record = models.JSONField(default=dict, blank=True, help_text="The protocol as frozen: what is published.")
    digest = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the frozen record.")

    objects = ProtocolQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="protocol_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def frozen_text(self) -> str:
        """When it was frozen, in local time with the zone named ("3 December 2026, 14:05 GMT")."""
        if self.frozen_at is None:
            return ""
        return format_date(timezone.localtime(self.frozen_at), "j F Y, H:i T")

    @property
    def name(self) -> str:
        """How a figure names the protocol it answers."""
        if self.frozen_at is None:
            return f"“{self.title}” (draft, not frozen)"
        return f"“{self.title}”, frozen {self.frozen_text}"

    @property
    def subgroup_text(self) -> str:
        labels = dict(Subgroup.choices)
        planned = self.record.get("subgroups", []) if self.is_frozen else self.subgroups
        return _listed([str(labels.get(key, key)) for key in planned], "; ") or "None planned"

    @property
    def wave_text(self) -> str:
        labels = dict(Wave.choices)
        return _listed([str(labels.get(wave, wave)) for wave in self.waves], ", ")


def _listed(labels: list[str], separator: str) -> str:
    """Labels in a sentence: the first as it is, the others starting in lower case ("Gender; the school's ...")."""
    return separator.join(label if n == 0 else label[:1].lower() + label[1:] for n, label in enumerate(labels))
