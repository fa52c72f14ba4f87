"""Handing a task to the background worker without failing the request when the broker is down.

``.delay()`` raises when Redis cannot be reached (within seconds: see the
``CELERY_BROKER_*`` settings). A view that queues work calls ``enqueue``
instead and, when it answers False, marks its job "could not be queued" so the
page can offer "Try again". Run in-process (no broker: the demo and the unit
tests), a task's own errors are not broker errors and are raised as they are.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from kombu.exceptions import OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

BROKER_ERRORS = (OperationalError, RedisConnectionError, RedisTimeoutError, OSError)


def enqueue(task: Task, *args: Any) -> bool:
    """Send ``task(*args)`` to the worker; False (and a warning in the log) if the broker cannot be reached."""
    if task.app.conf.task_always_eager:
        task.delay(*args)
        return True
    try:
        task.delay(*args)
    except BROKER_ERRORS as error:
        logger.warning("Could not queue %s%r: the broker cannot be reached (%s).", task.name, args, error)
        return False
    return True
