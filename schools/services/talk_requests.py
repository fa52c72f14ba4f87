"""A pupil asks to talk to someone; the request reaches their school's safeguarding lead alone.

The pupil may add a short note. Nothing reads the note automatically: a person, the school's
designated safeguarding lead (DSL), reads it. Sending a request and each time the DSL opens
one are written to the school's audit log, whose entries name the request but never the
pupil. Requests are deleted as questions passed to the DSL are
(``RETENTION_ANONYMOUS_QUESTIONS_DAYS``, by the nightly retention run); the DSL records a
concern in the school's own safeguarding records, not here.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from schools.models import TALK_NOTE_MAX_LENGTH, AuditAction, Pupil, TalkRequest, TalkSource
from schools.services.audit import record_audit

# Enough to ask again after changing one's mind, too few to flood the safeguarding lead.
TALK_REQUESTS_PER_DAY = 5


class TalkRequestRejectedError(ValueError):
    """The request cannot be sent; the message is for the pupil."""


class NoSafeguardingLeadAccountError(Exception):
    """The school has no safeguarding lead's account to send it to; the pupil must be told who to go to."""


def can_receive_talk_requests(pupil: Pupil) -> bool:
    """Whether a request from this pupil would reach a person: their school has linked its DSL's account."""
    return pupil.school.dsl_user_id is not None


def clean_note(note: str) -> str:
    """The note as stored: surrounding space trimmed, lines kept. Raises TalkRequestRejectedError if too long."""
    cleaned = "\n".join(line.rstrip() for line in note.strip().splitlines()).strip()
    if len(cleaned) > TALK_NOTE_MAX_LENGTH:
        raise TalkRequestRejectedError(f"Keep your note to {TALK_NOTE_MAX_LENGTH} characters or fewer.")
    return cleaned


def request_talk(*, pupil: Pupil, note: str, source: str, key: uuid.UUID) -> TalkRequest:
    """Send the pupil's request to talk (with their note) to their school's DSL; audit-logged.

    Idempotent on ``key``: the same form sent twice gives the first request back. Raises
    NoSafeguardingLeadAccountError when the school has not linked its DSL's account (nothing
    is stored: it would reach nobody), and TalkRequestRejectedError for a note that is too long,
    a pupil who has left, or more than ``TALK_REQUESTS_PER_DAY`` requests in a day.
    """
    existing = TalkRequest.objects.filter(pupil=pupil, key=key).first()
    if existing is not None:
        return existing
    if pupil.erased_at is not None:
        raise TalkRequestRejectedError("You cannot send a request from this account.")
    if not can_receive_talk_requests(pupil):
        raise NoSafeguardingLeadAccountError
    cleaned = clean_note(note)
    if source not in TalkSource.values:
        source = TalkSource.HELP
    recent = TalkRequest.objects.filter(pupil=pupil, created_at__gte=timezone.now() - timedelta(days=1))
    if recent.count() >= TALK_REQUESTS_PER_DAY:
        raise TalkRequestRejectedError(
            "You have already asked several times today, and your safeguarding lead will see those requests. "
            "If you need to talk now, call Childline on 0800 1111."
        )
    try:
        with transaction.atomic():
            talk = TalkRequest.objects.create(school=pupil.school, pupil=pupil, note=cleaned, source=source, key=key)
            record_audit(
                actor=None,
                school=pupil.school,
                action=AuditAction.TALK_REQUESTED,
                summary="A pupil asked to talk to the safeguarding lead",
                target=talk,
                detail={"request": talk.pk, "source": source},
            )
    except IntegrityError:
        # The same key sent twice at once: the other one was stored.
        return TalkRequest.objects.get(pupil=pupil, key=key)
    from schools.tasks.emails import send_talk_request_email

    transaction.on_commit(lambda: send_talk_request_email.delay(talk.pk))
    return talk


def email_dsl_about_talk_request(*, talk_id: int) -> bool:
    """Tell the safeguarding lead's account by email that a pupil asked to talk; True if sent now.

    The email names the school, never the pupil, and never carries the note: who asked is
    read on the site, where each look is logged. Sent once: a request already emailed, or
    gone (deleted), sends nothing. The row is locked while sending, so a retry after a
    failed send tries again and two runs at once send one email.
    """
    with transaction.atomic():
        talk = (
            TalkRequest.objects.select_for_update(of=("self",))
            .select_related("school__dsl_user")
            .filter(pk=talk_id, dsl_emailed_at__isnull=True)
            .first()
        )
        if talk is None or talk.school.dsl_user is None or not talk.school.dsl_user.email:
            return False
        context = {
            "school": talk.school,
            "talk": talk,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("schools:dsl_talk_requests"),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = render_to_string("schools/emails/talk_request_subject.txt", context).strip()
        body = render_to_string("schools/emails/talk_request_message.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [talk.school.dsl_user.email])
        talk.dsl_emailed_at = timezone.now()
        talk.save(update_fields=["dsl_emailed_at"])
    return True


def talk_requests_for_dsl(*, user: User):
    """The requests the signed-in safeguarding lead may read (their own schools'), newest first."""
    return TalkRequest.objects.for_dsl(user).select_related("school").order_by("-created_at", "-pk")


@transaction.atomic
def open_talk_request(*, talk: TalkRequest, user: User) -> TalkRequest:
    """The DSL opens a request to see who sent it and their note; every look is audit-logged.

    Raises PermissionError for anyone but the account the pupil's school linked as its DSL.
    """
    if not user.is_active or talk.school.dsl_user_id != user.pk:
        raise PermissionError("Only the school's safeguarding lead can open a request to talk.")
    if talk.opened_at is None:
        talk.opened_at = timezone.now()
        talk.save(update_fields=["opened_at"])
    record_audit(
        actor=user,
        school=talk.school,
        action=AuditAction.TALK_REQUEST_VIEWED,
        summary="The safeguarding lead opened a pupil's request to talk",
        target=talk,
        detail={"request": talk.pk},
    )
    return talk
