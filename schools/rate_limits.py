"""Limits on how often one person or device may do things that could be misused.

Counts are kept in Django's cache by django-ratelimit, in fixed windows (one hour for
"60/h"). Each limit reads its rate from a setting ("count/period": s, m, h or d, e.g.
"60/h" or "20/5m") and falls back to a default, so a missing setting never turns a
limit off. When a limit is reached the person sees a page saying so in plain words
(status 429, with ``Retry-After``), and the audit log gets one ``LOCKED_OUT`` entry per
window, however many requests are refused.

Views use :func:`enforce_limit` (or the :func:`rate_limited` decorator) just before the
action they protect; pupil sign-in uses :func:`pupil_sign_in_paused` and
:func:`count_failed_pupil_sign_in`.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit import ALL as ALL_METHODS
from django_ratelimit.core import get_usage

from schools.access_log import client_ip
from schools.models import AuditAction, School, SchoolClass
from schools.pupil_codes import normalise
from schools.services.audit import record_audit

logger = logging.getLogger(__name__)

TOO_MANY_REQUESTS = 429
TEMPLATE = "429.html"
DEFAULT_CONTACT = "the Respect Online team"
# What pupils see on the sign-in form once a limit is reached.
PUPIL_TOO_MANY_TRIES = "Too many tries. Wait a few minutes, then try again, or ask your teacher for help."

RATE = re.compile(r"^\s*(?P<count>\d+)\s*/\s*(?P<multiple>\d*)\s*(?P<unit>[smhd])\s*$")
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
PERIOD_NAMES = ((86400, "day"), (3600, "hour"), (60, "minute"), (1, "second"))

View = Callable[..., HttpResponse]
KeyFunction = Callable[[str, HttpRequest], str]


def parse_rate(rate: str) -> tuple[int, int]:
    """``(count, seconds)`` of a rate such as "60/h" or "20/5m" (a trailing "/ip" or "/key",
    as allauth writes them, is ignored). Raises ImproperlyConfigured for anything else."""
    parts = str(rate).split("/")
    match = RATE.match("/".join(parts[:2])) if len(parts) in (2, 3) else None
    if match is None:
        raise ImproperlyConfigured(
            f"The rate {rate!r} is not understood: write a count, a slash and a period, such as 60/h or 20/5m."
        )
    multiple = int(match["multiple"] or 1)
    if multiple == 0:
        raise ImproperlyConfigured(f"The rate {rate!r} has a period of zero.")
    return int(match["count"]), multiple * UNIT_SECONDS[match["unit"]]


def describe_period(seconds: int) -> str:
    """ "hour", "5 minutes", "day": a period in the words of "in the last ..."."""
    for size, name in PERIOD_NAMES:
        if seconds >= size and seconds % size == 0:
            number = seconds // size
            return name if number == 1 else f"{number} {name}s"
    return f"{seconds} seconds"


def describe_wait(seconds: int) -> str:
    """How long to wait, rounded up to whole minutes ("1 minute", "12 minutes")."""
    if seconds <= 0:
        return "a few minutes"
    minutes = math.ceil(seconds / 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def _class_code(group: str, request: HttpRequest) -> str:
    return normalise(request.POST.get("class_code", ""))


@dataclass(frozen=True)
class Limit:
    """One limit: its counter, its setting and the words that explain it.

    ``key`` is what is counted: "user" (each signed-in person has their own budget), "ip",
    or a function ``(group, request) -> str`` as django-ratelimit takes it.
    """

    name: str
    setting: str
    default: str
    label: str
    done: str
    protects: str
    key: str | KeyFunction = "user"

    @property
    def rate(self) -> str:
        return getattr(settings, self.setting, self.default)

    @property
    def allowed(self) -> int:
        return parse_rate(self.rate)[0]

    @property
    def period(self) -> int:
        return parse_rate(self.rate)[1]

    def explanation(self, seconds_left: int) -> list[str]:
        """The paragraphs of the 429 page."""
        contact = getattr(settings, "RATE_LIMIT_CONTACT", DEFAULT_CONTACT)
        return [
            f"You have {self.done} in the last {describe_period(self.period)}.",
            f"To protect {self.protects}, please wait {describe_wait(seconds_left)} and try again.",
            f"If you need more, contact {contact}.",
        ]

    def summary(self) -> str:
        """The audit log's words for reaching this limit."""
        return f"Reached the limit on {self.label} ({self.allowed} per {describe_period(self.period)}) and was paused"


PUPIL_SIGN_IN_PER_DEVICE = Limit(
    name="pupil-login-ip",
    setting="PUPIL_LOGIN_RATE_PER_IP",
    default="30/5m",
    label="wrong pupil sign-in codes from one device",
    done="typed a lot of wrong codes",
    protects="pupils' accounts",
    key="ip",
)
PUPIL_SIGN_IN_PER_CLASS = Limit(
    name="pupil-login-class",
    setting="PUPIL_LOGIN_RATE_PER_CLASS",
    default="20/5m",
    label="wrong pupil sign-in codes for one class",
    done="typed a lot of wrong codes",
    protects="pupils' accounts",
    key=_class_code,
)
PUPIL_CODES = Limit(
    name="pupil-codes",
    setting="PUPIL_CODE_RATE",
    default="60/h",
    label="pupils' login codes reset or printed",
    done="reset a lot of codes",
    protects="pupils' accounts",
)
STAFF_INVITATIONS = Limit(
    name="staff-invitations",
    setting="STAFF_INVITE_RATE",
    default="30/h",
    label="staff invitations",
    done="sent a lot of invitations",
    protects="staff accounts",
)
EXPORTS = Limit(
    name="exports",
    setting="EXPORT_RATE",
    default="20/h",
    label="exports",
    done="asked for a lot of exports",
    protects="pupils' data",
)
RIGHTS_REQUESTS = Limit(
    name="rights-requests",
    setting="RIGHTS_REQUEST_RATE",
    default="20/h",
    label="subject access and erasure requests",
    done="made a lot of subject access or erasure requests",
    protects="pupils' data",
)


@dataclass(frozen=True)
class Usage:
    """How much of a limit is used in the current window; ``seconds_left`` is -1 if unknown."""

    count: int
    allowed: int
    seconds_left: int

    @property
    def spent(self) -> bool:
        return self.count >= self.allowed


def usage(request: HttpRequest, limit: Limit, *, increment: bool = False) -> Usage | None:
    """The limit's use in this window, counting this request if ``increment``.

    None when rate limiting is switched off (``RATELIMIT_ENABLE = False``).
    """
    if limit.key == "user" and not request.user.is_authenticated:
        raise ImproperlyConfigured(f"The {limit.name} limit counts per person: check it after login_required.")
    parse_rate(limit.rate)
    found = get_usage(
        request, group=limit.name, key=limit.key, rate=limit.rate, method=ALL_METHODS, increment=increment
    )
    if found is None:
        return None
    return Usage(count=found["count"], allowed=found["limit"], seconds_left=found["time_left"])


def _subject(request: HttpRequest, limit: Limit) -> str:
    """Whose budget this is, for telling one lockout from another."""
    if limit.key == "user":
        return f"user:{request.user.pk}"
    if limit.key == "ip":
        return f"ip:{client_ip(request)}"
    if callable(limit.key):
        return f"key:{limit.key(limit.name, request)}"
    return f"key:{limit.key}"


def _first_in_window(key: str, seconds: int) -> bool:
    try:
        return bool(cache.add(key, 1, timeout=max(seconds, 1)))
    except Exception:
        logger.warning("Rate limits: the cache could not be reached; recording the lockout anyway.")
        return True


def record_lockout(
    request: HttpRequest,
    *,
    name: str,
    subject: str,
    seconds: int,
    school: School | None,
    summary: str,
    target: models.Model | None = None,
    detail: dict[str, Any] | None = None,
) -> bool:
    """Write one ``LOCKED_OUT`` entry (and a warning in the log) for ``subject`` reaching the
    limit ``name``, unless one was written in the last ``seconds``. True if written.

    ``subject`` tells budgets apart (a user, a device, a class code); it is hashed and kept
    only in the cache.
    """
    digest = hashlib.sha256(subject.encode()).hexdigest()
    if not _first_in_window(f"rate-limit-lockout:{name}:{digest}", seconds):
        return False
    ip = client_ip(request)
    user = request.user if request.user.is_authenticated else None
    logger.warning(
        "Rate limit %s reached by %s from %s (school %s)",
        name,
        f"user {user.pk}" if user is not None else "an anonymous visitor",
        ip or "an unknown address",
        school.urn if school is not None else "none",
    )
    record_audit(
        actor=user,
        school=school,
        action=AuditAction.LOCKED_OUT,
        summary=summary,
        target=target,
        detail={"limit": name, **(detail or {})},
        ip_address=ip,
    )
    return True


def too_many_requests(request: HttpRequest, *, limit: Limit, seconds_left: int) -> HttpResponse:
    """The page shown once a limit is reached: what happened, how long to wait, who to ask."""
    response = render(
        request,
        TEMPLATE,
        {"explanation": limit.explanation(seconds_left), "limit": limit},
        status=TOO_MANY_REQUESTS,
    )
    response["Retry-After"] = str(seconds_left if seconds_left > 0 else 60)
    return response


def enforce_limit(
    request: HttpRequest,
    limit: Limit,
    *,
    school: School | None = None,
    target: models.Model | None = None,
) -> HttpResponse | None:
    """Count one use of ``limit`` by this request; None to go ahead, or the 429 page to return.

    Call it just before the action, once the view knows the ``school`` (its audit log gets
    the lockout). A refused request is not counted.
    """
    current = usage(request, limit)
    if current is not None and current.spent:
        record_lockout(
            request,
            name=limit.name,
            subject=_subject(request, limit),
            seconds=current.seconds_left if current.seconds_left > 0 else limit.period,
            school=school,
            summary=limit.summary(),
            target=target,
            detail={"rate": limit.rate},
        )
        return too_many_requests(request, limit=limit, seconds_left=current.seconds_left)
    usage(request, limit, increment=True)
    return None


def rate_limited(limit: Limit, *, methods: Collection[str] = ("POST",)) -> Callable[[View], View]:
    """Decorate a view so each request with one of ``methods`` counts against ``limit``.

    Put it below ``login_required`` for per-person limits. Every such request counts, even
    one whose form turns out invalid; views that know the school should call
    :func:`enforce_limit` instead, so the lockout lands in that school's audit log.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def limited_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                refused = enforce_limit(request, limit)
                if refused is not None:
                    return refused
            return view(request, *args, **kwargs)

        return limited_view

    return decorate


# Pupil sign-in ---------------------------------------------------------------------------------
PUPIL_SIGN_IN_LIMITS = (PUPIL_SIGN_IN_PER_DEVICE, PUPIL_SIGN_IN_PER_CLASS)


def pupil_sign_in_paused(request: HttpRequest) -> bool:
    """True if this device or the class code typed has had too many wrong codes lately.

    Only failures count (see :func:`count_failed_pupil_sign_in`). The first refusal in a
    window is recorded in the audit log of the class's school, with the device's address
    and never the pupil: who was trying is not known.
    """
    paused = False
    for limit in PUPIL_SIGN_IN_LIMITS:
        current = usage(request, limit)
        if current is None or not current.spent:
            continue
        paused = True
        school_class = _signing_in_class(request)
        where = f" for class {school_class.name}" if school_class is not None else ""
        device = limit is PUPIL_SIGN_IN_PER_DEVICE
        record_lockout(
            request,
            name=limit.name,
            subject=_subject(request, limit),
            seconds=current.seconds_left if current.seconds_left > 0 else limit.period,
            school=school_class.school if school_class is not None else None,
            summary=(
                f"Pupil sign-in{where} paused on one device after too many wrong codes"
                if device
                else f"Pupil sign-in{where} paused after too many wrong codes"
            ),
            target=school_class,
            detail={"rate": limit.rate},
        )
    return paused


def count_failed_pupil_sign_in(request: HttpRequest) -> None:
    """Count a failed pupil sign-in against the device and the class code typed."""
    for limit in PUPIL_SIGN_IN_LIMITS:
        usage(request, limit, increment=True)


def _signing_in_class(request: HttpRequest) -> SchoolClass | None:
    code = normalise(request.POST.get("class_code", ""))
    if not code:
        return None
    return SchoolClass.objects.select_related("school").filter(class_code=code).first()
