"""Emails sent in the background."""

from __future__ import annotations

from celery import shared_task

from schools.invitations import send_invitation
from schools.services.talk_requests import email_dsl_about_talk_request


# A failed send (SMTP errors are OSErrors) is retried; every attempt makes a new
# link, so a retry after a half-finished attempt is harmless.
@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email(invitation_id: int) -> None:
    """Email an invitation with a new link. Running it again is how an invitation is resent."""
    send_invitation(invitation_id=invitation_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_talk_request_email(talk_id: int) -> None:
    """Email the safeguarding lead that a pupil asked to talk (once; without who)."""
    email_dsl_about_talk_request(talk_id=talk_id)
