"""What each retention period makes due, as querysets: the plan counts them, the run acts on them.

Both read these same querysets, so a dry run reports exactly what a run would do at that moment.
Models of the apps above schools are reached through the app registry (see
``schools.services.erasure``), so schools imports none of them.
"""

from __future__ import annotations

import datetime

from django.apps import apps
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from schools.models import AuditEvent, ClassMembership, ImportStatus, Pupil, RosterImport, TalkRequest

from . import periods

# A roster upload in one of these states still holds the uploaded file or its preview.
UNFINISHED_UPLOADS = (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.VALID, ImportStatus.IMPORTING)


def identities_due(cutoff: datetime.datetime) -> models.QuerySet[Pupil]:
    """Pupils not yet erased who are in no class that is still running, and who left their last
    class (or saw it archived) before ``cutoff``; a leaver never in a class counts from when they
    were marked as left, and any other pupil never in a class from when they were added."""
    in_a_running_class = ClassMembership.objects.in_running_classes().filter(pupil=OuterRef("pk"))
    last_left = (
        ClassMembership.objects.filter(pupil=OuterRef("pk"))
        .annotate(left=Coalesce("removed_at", "school_class__archived_at"))
        .order_by(F("left").desc(nulls_last=True))
        .values("left")[:1]
    )
    return (
        Pupil.objects.not_erased()
        .annotate(clock_from=Coalesce(Subquery(last_left), "left_at"))
        .filter(~Exists(in_a_running_class))
        .filter(Q(clock_from__lt=cutoff) | Q(clock_from__isnull=True, created_at__lt=cutoff))
    )


def learning_records_due(cutoff: datetime.datetime) -> models.QuerySet[Pupil]:
    """Erased pupils whose identity went before ``cutoff``: the row and its anonymous records go."""
    return Pupil.objects.erased().filter(erased_at__lt=cutoff)


def free_text_due(cutoff: datetime.datetime) -> models.QuerySet:
    """Free-text survey answers given before ``cutoff``."""
    answers = apps.get_model("learning", "SurveyAnswer").objects
    return answers.exclude(text="").filter(response__submitted_at__lt=cutoff)


def roster_uploads_due(cutoff: datetime.datetime) -> models.QuerySet[RosterImport]:
    """Roster uploads made before ``cutoff`` that were never imported, so still hold the file."""
    return RosterImport.objects.filter(created_at__lt=cutoff, status__in=UNFINISHED_UPLOADS)


def audit_entries_due(cutoff: datetime.datetime) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(created_at__lt=cutoff)


def questions_due(cutoff: datetime.datetime) -> models.QuerySet:
    """Anonymous questions asked before ``cutoff`` (deleted by the classroom app's own task)."""
    return apps.get_model("classroom", "AnonymousQuestion").objects.filter(created_at__lt=cutoff)


def talk_requests_due(cutoff: datetime.datetime) -> models.QuerySet[TalkRequest]:
    """Requests to talk to the safeguarding lead sent before ``cutoff``."""
    return TalkRequest.objects.filter(created_at__lt=cutoff)


def exports_due(now: datetime.datetime) -> models.QuerySet:
    """Exports whose link has expired and whose file is still kept (deleted by the reports app's task)."""
    return apps.get_model("reports", "Export").objects.filter(expires_at__lte=now).exclude(file="")


# For each kind: the queryset of what is due, given the cutoff (or, for exports, the time now,
# since each export carries its own expiry), and the path from a row to its school ("" for none).
DUE = {
    periods.PUPIL_IDENTITY: (identities_due, "school_id"),
    periods.LEARNING_RECORDS: (learning_records_due, "school_id"),
    periods.SURVEY_FREE_TEXT: (free_text_due, "response__assignment__school_class__school_id"),
    periods.ANONYMOUS_QUESTIONS: (questions_due, "school_class__school_id"),
    periods.TALK_REQUESTS: (talk_requests_due, "school_id"),
    periods.ROSTER_UPLOADS: (roster_uploads_due, "school_id"),
    periods.EXPORTS: (exports_due, ""),
    periods.AUDIT_LOG: (audit_entries_due, "school_id"),
}
