"""A live lesson's poll, answered in the fewest steps: the rule for the answer, and a lean path.

Each device in a live lesson asks every few seconds whether anything changed (``live_state``),
so a class of 30 makes about 8 requests a second and a county's morning thousands. The answer
depends only on the lesson's state (kept in the cache) and the revision the device has, and the
device's right to it only on the token its lesson page gave it and the pupil session in its
cookie. ``LivePollMiddleware`` answers such a request before the session middleware and the URL
resolver: one round trip to the cache for the session and the state together, no query, no
session write. Whenever it cannot vouch for the answer (no cookie, the session or the state not
in the cache, a session that has ended or belongs to another class, an unsigned token), it
passes the request on to the view, which answers as before (401, 403, 404, or from the database).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache as once
from functools import lru_cache
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified, JsonResponse
from django.urls import reverse
from django.utils import timezone

from classroom.services.live import state_cache_key
from schools.pupil_session import SEEN, SIGNED_IN
from schools.pupil_session_middleware import expiry_reason

# How often devices ask, in milliseconds; the page adds jitter and backs off on errors.
POLL_MS = 4000
STATE_SALT = "classroom.live-state"
STATE_MAX_AGE = 12 * 60 * 60


def state_token(session_pk: int) -> str:
    """What a joined pupil's page gives the state endpoint: the session, signed; nothing about the pupil."""
    return signing.dumps(session_pk, salt=STATE_SALT)


def token_session_pk(token: str) -> int | None:
    """The live session a state token was signed for, or None for a forged or expired token."""
    signed = _signed_session(token)
    if signed is None or time.time() - signed[1] > STATE_MAX_AGE:
        return None
    return signed[0]


@lru_cache(maxsize=4096)
def _signed_session(token: str) -> tuple[int, int] | None:
    """The session a token names and when it was signed, or None if its signature is wrong.

    Each device sends its token every few seconds: checking the signature once per process is
    enough (``token_session_pk`` checks the token's age on every call, as ``signing.loads`` would).
    """
    try:
        value = signing.loads(token, salt=STATE_SALT)
        signed_at = signing.b62_decode(token.rsplit(":", 2)[-2])
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (value, signed_at) if isinstance(value, int) else None


def state_answer(state: dict[str, Any], since_text: str, if_none_match: str) -> HttpResponse:
    """The answer to a device holding revision ``since_text``: the state as JSON, or 304.

    It depends only on the state and ``since``: a device that sends back the ETag it was given
    gets 304 with no body while nothing changed.
    """
    try:
        since = int(since_text)
    except ValueError:
        since = -1
    etag = f'"{state["revision"]}-{since}-{state["activity"] or ""}-{int(bool(state["ended"]))}"'
    if etag in (tag.strip() for tag in if_none_match.split(",")):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = JsonResponse(
            {
                "revision": state["revision"],
                "changed": state["revision"] != since,
                "activity": state["activity"],
                "ended": state["ended"],
                "poll_ms": POLL_MS,
            }
        )
    response["ETag"] = etag
    return response


@once
def _poll_path() -> re.Pattern[str]:
    example = reverse("classroom:pupil_live_state", args=[12345])
    head, tail = example.split("12345")
    return re.compile(rf"{re.escape(head)}(\d+){re.escape(tail)}\Z")


def _session_cache_prefix() -> str | None:
    """The cache key prefix of sessions, when sessions are read through the cache; else None."""
    return _cache_prefix_of(settings.SESSION_ENGINE)


@lru_cache(maxsize=4)
def _cache_prefix_of(engine: str) -> str | None:
    store = import_module(engine).SessionStore
    prefix = getattr(store, "cache_key_prefix", None)
    return prefix if isinstance(prefix, str) else None


def _signed_in_class(session: Any) -> int | None:
    """The class of a pupil session still in use (not idle, not past the school day), else None."""
    if not isinstance(session, dict):
        return None
    pupil = session.get(settings.PUPIL_SESSION_KEY)
    if not isinstance(pupil, dict) or SIGNED_IN not in pupil or SEEN not in pupil:
        return None
    signed_in = datetime.fromtimestamp(pupil[SIGNED_IN], UTC)
    seen = datetime.fromtimestamp(pupil[SEEN], UTC)
    if expiry_reason(signed_in=signed_in, seen=seen, now=timezone.now()) is not None:
        return None
    return pupil.get("class")


def lean_answer(request: HttpRequest) -> HttpResponse | None:
    """The answer to a poll the cache can vouch for, or None to let the view answer."""
    if request.method != "GET":
        return None
    match = _poll_path().match(request.path_info)
    if match is None:
        return None
    prefix = _session_cache_prefix()
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if prefix is None or not session_key:
        return None
    pk = int(match.group(1))
    if token_session_pk(request.GET.get("token", "")) != pk:
        return None
    session_cache = caches[settings.SESSION_CACHE_ALIAS]
    state_cache = caches["default"]
    keys = {"session": prefix + session_key, "state": state_cache_key(pk)}
    if session_cache is state_cache:
        found = session_cache.get_many(list(keys.values()))
        session, state = found.get(keys["session"]), found.get(keys["state"])
    else:
        session, state = session_cache.get(keys["session"]), state_cache.get(keys["state"])
    if state is None or _signed_in_class(session) != state["class"]:
        return None
    response = state_answer(state, request.GET.get("since", ""), request.headers.get("If-None-Match", ""))
    # As the middleware the full path passes through marks it: its length, that it read the
    # session (Vary), and that it may not be framed.
    response["Content-Length"] = str(len(response.content))
    response["Vary"] = "Cookie"
    response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    return response


class LivePollMiddleware:
    """Answer live-lesson polls from the cache before the session is loaded (see the module).

    Place after the middleware that adds security headers (the answer still gets them) and
    before SessionMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return lean_answer(request) or self.get_response(request)
