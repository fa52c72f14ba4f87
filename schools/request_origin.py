"""Where the request being answered came from, for the audit log.

Staff actions are logged by services several calls away from the request (an opt-out, an
invitation, a register change); rather than pass the address down through each of them,
this middleware keeps it for the length of the request, and ``record_audit`` uses it when
the caller gives none. Outside a request (a Celery task, a management command) it is None,
and the log says the address is not known.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_request_ip: ContextVar[str | None] = ContextVar("request_ip", default=None)


def request_ip() -> str | None:
    """``REMOTE_ADDR`` of the request being answered (checked by whoever stores it), or None outside a request."""
    return _request_ip.get()


class RequestOriginMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_ip.set(request.META.get("REMOTE_ADDR"))
        try:
            return self.get_response(request)
        finally:
            _request_ip.reset(token)
