"""Pointing the project's Celery app at another broker for one test, and back."""

from collections.abc import Iterator
from contextlib import contextmanager

from celery import Celery

from config.celery_app import app


def _forget_connections(celery: Celery) -> None:
    # The app keeps a pool of broker connections (and of producers on them) for its URL.
    celery._pool = None
    celery.amqp._producer_pool = None


@contextmanager
def broker_at(url: str) -> Iterator[Celery]:
    """Send tasks to the broker at ``url`` (not in-process) inside the block."""
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    _forget_connections(app)
    try:
        yield app
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        _forget_connections(app)
