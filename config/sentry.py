"""Error reports to Sentry, without children's data.

Started by the production settings only when ``SENTRY_DSN`` is set. The site holds data about
children, so an error report carries the code's place and the exception, never what was sent:
no personal data (``send_default_pii=False``), no request bodies, cookies, query strings or
authentication headers, no local variables of the failing frames, and no values of SQL queries.
"""

from __future__ import annotations

from typing import Any

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.types import Event, Hint

# Request headers that can identify or authenticate someone.
PRIVATE_HEADERS = {"cookie", "authorization", "x-csrftoken", "proxy-authorization", "x-forwarded-for", "x-real-ip"}
FILTERED = "[Filtered]"


def _strip_request(request: dict[str, Any]) -> None:
    for key in ("data", "cookies", "query_string", "env"):
        if key in request:
            request[key] = FILTERED
    headers = request.get("headers")
    if isinstance(headers, dict):
        for name in list(headers):
            if name.lower() in PRIVATE_HEADERS:
                headers[name] = FILTERED


def _strip_breadcrumbs(event: Event) -> None:
    crumbs: Any = event.get("breadcrumbs")
    values = crumbs.get("values", []) if isinstance(crumbs, dict) else crumbs
    for crumb in values if isinstance(values, list) else []:
        # SQL breadcrumbs can carry query parameters: names, codes, answers.
        if crumb.get("category") == "query" and "data" in crumb:
            crumb["data"] = {}


def strip_personal_data(event: Event, hint: Hint | None = None) -> Event:
    """``before_send``: remove request bodies, cookies, query strings and private headers, and
    the values of SQL breadcrumbs, from an error event before it leaves the server."""
    request = event.get("request")
    if isinstance(request, dict):
        _strip_request(request)
    event.pop("user", None)
    _strip_breadcrumbs(event)
    return event


def init_sentry(*, dsn: str, environment: str, release: str, traces_sample_rate: float) -> None:
    """Start the Sentry SDK with the project's privacy rules."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=traces_sample_rate,
        before_send=strip_personal_data,
        before_send_transaction=strip_personal_data,
    )
