"""Background work for classroom delivery."""

from __future__ import annotations

from celery import shared_task

from classroom.services.questions import delete_expired_questions


@shared_task(acks_late=True)
def delete_expired_questions_task() -> int:
    """Delete anonymous questions past their retention period (daily). Idempotent; returns how many."""
    return delete_expired_questions()
