"""Emails sent in the background."""

from __future__ import annotations

from celery import shared_task

from schools.invitations import send_invitation


# A failed send (SMTP errors are OSErrors) is retried; every attempt makes a new
# link, so a retry after a half-finished attempt is harmless.
@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email(invitation_id: int) -> None:
    """Email an invitation with a new link. Running it again is how an invitation is resent."""
    send_invitation(invitation_id=invitation_id)
