"""Send the report pages' reads to the read replica, and everything else to the primary.

Only while ``config.db_pinning.ReplicaPinningMiddleware`` has opened a replica window (a
report page, for a visitor who has not written anything in the last few seconds) do reads
go to the ``replica`` alias; every write, and every read of every other page, goes to
``default``, so pupils always read what they have just written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

REPLICA = "replica"

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def allow_replica_reads(allowed: bool = True) -> None:
    """Open (or close) the replica window for the rest of this request's context."""
    _replica_reads.set(allowed)


@contextmanager
def replica_window(allowed: bool = True) -> Iterator[None]:
    token = _replica_reads.set(allowed)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def reading_from_replica() -> bool:
    return _replica_reads.get() and replica_configured()


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        return REPLICA if reading_from_replica() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Both aliases hold the same rows.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints) -> bool | None:
        # The replica follows the primary: it is never migrated itself.
        return False if db == REPLICA else None
