"""Read-after-write pinning: after a visitor writes, their next reads stay on the primary.

A replica lags the primary by a moment, so a report page read from it just after the same
visitor changed something could show the old figures. Any request that writes sets a short
cookie (``DATABASE_PIN_SECONDS``, 10 s by default); while it lasts, report pages read from
``default`` too. Only the views named in ``DATABASE_REPLICA_VIEWS`` ever read from the
replica; sign-in data (session, user) is loaded from the primary before the window opens.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

from .db_router import allow_replica_reads, replica_configured, replica_window

PIN_COOKIE = "db_pin"
REPLICA_VIEWS = ("reports:dashboard", "reports:district", "reports:school", "reports:transparency")
WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE", "MERGE")


def pin_seconds() -> int:
    return int(getattr(settings, "DATABASE_PIN_SECONDS", 10))


def replica_views() -> frozenset[str]:
    return frozenset(getattr(settings, "DATABASE_REPLICA_VIEWS", REPLICA_VIEWS))


class WriteDetector:
    """An execute wrapper that notes whether any statement wrote."""

    def __init__(self) -> None:
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        if not self.wrote and sql.lstrip()[:6].upper().startswith(WRITE_STATEMENTS):
            self.wrote = True
        return execute(sql, params, many, context)


def is_pinned(request: HttpRequest, now: float | None = None) -> bool:
    try:
        until = int(request.COOKIES.get(PIN_COOKIE, "0"))
    except ValueError:
        return False
    return until > (time.time() if now is None else now)


class ReplicaPinningMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        detector = WriteDetector()
        with replica_window(False), connections[DEFAULT_DB_ALIAS].execute_wrapper(detector):
            response = self.get_response(request)
        if detector.wrote:
            seconds = pin_seconds()
            response.set_cookie(
                PIN_COOKIE,
                str(int(time.time()) + seconds),
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if not replica_configured() or is_pinned(request):
            return None
        match = request.resolver_match
        if match is None or match.view_name not in replica_views():
            return None
        # Who is signed in comes from the primary: a session written a moment ago must be found.
        user = getattr(request, "user", None)
        if user is not None:
            user.is_authenticated  # noqa: B018 (loads the lazy user)
        allow_replica_reads()
        return None
