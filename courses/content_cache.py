"""Rendered content kept in the cache until something is published.

How a lesson looks (its slides' HTML, the list of a module's lessons, a whole public page) depends
only on published content, never on who reads it, so it is rendered once and kept. Every entry's
key holds the *content generation*: a value in the cache that changes whenever a page is
published, unpublished, moved or deleted, or a quiz, survey, topic, image, document or site
changes (``cache_invalidation``). Entries made before then are never read again and expire on
their own (``CONTENT_CACHE_SECONDS``, a bound even if a change were ever missed).

Only published content goes in: previews (``request.is_preview``) and drafts never read or fill
it, and nothing about a pupil is ever part of a cached value; the pupil's own parts of a page
are rendered around it on each request.

The generation lives in the cache, so every process sees a change at once when the cache is
shared (Redis). With a per-process cache (local memory) it is only right for one process, as
``runserver`` is: ``CONTENT_CACHE`` is off by default there unless ``REDIS_URL`` is set
(``config/settings``). While Redis is unreachable every read misses and pages are rendered as
usual.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "content:generation"
T = TypeVar("T")


def enabled() -> bool:
    return bool(getattr(settings, "CONTENT_CACHE", False))


# A process reads the shared generation at most this often (a request asks several times).
GENERATION_READ_SECONDS = 1.0
_last_read = threading.local()


def content_generation() -> str | None:
    """The current content generation, or None when content caching is off.

    Read from the shared cache at most once a second per thread, so another process's publish
    is seen within a second, and this process's own at once. A missing generation (a cache
    emptied or restarted) starts a new one from the clock, so it can never match a generation
    whose entries might still be held.
    """
    if not enabled():
        return None
    now = time.monotonic()
    if getattr(_last_read, "until", 0.0) > now:
        return _last_read.generation
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        fresh = str(time.time_ns())
        cache.add(GENERATION_KEY, fresh, timeout=None)
        generation = cache.get(GENERATION_KEY) or fresh
    _last_read.generation, _last_read.until = str(generation), now + GENERATION_READ_SECONDS
    return _last_read.generation


def bump_content_generation() -> None:
    """Make every cached rendering of content stale (called when content changes)."""
    cache.set(GENERATION_KEY, str(time.time_ns()), timeout=None)
    forget_generation()


def forget_generation() -> None:
    """Read the generation from the shared cache next time (after a change, and between tests)."""
    _last_read.until = 0.0


def content_key(*parts: object, generation: str) -> str:
    return "content:" + generation + ":" + ":".join(str(part) for part in parts)


def cached_content(parts: tuple[object, ...], build: Callable[[], T], *, request=None) -> T:
    """``build()``, kept under ``parts`` (which must name the revision of everything it reads)
    until the content generation changes. Never cached for a preview request, or with caching off.
    """
    if request is not None and getattr(request, "is_preview", False):
        return build()
    generation = content_generation()
    if generation is None:
        return build()
    key = content_key(*parts, generation=generation)
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, settings.CONTENT_CACHE_SECONDS)
    return found


# Values that cannot be pickled into the shared cache (lesson pages, their bound blocks), kept in
# this process for the current content generation only. Everything in it is published content.
_remembered: dict[str, dict[tuple, object]] = {}
REMEMBER_AT_MOST = 5000


def remembered(parts: tuple, build: Callable[[], T], *, request=None) -> T:
    """``build()``, kept in this process until the content generation changes.

    ``parts`` must name the revision of everything ``build`` reads. The generation is read from
    the shared cache on each call, so a publish in any process is seen here at once.
    """
    if request is not None and getattr(request, "is_preview", False):
        return build()
    generation = content_generation()
    if generation is None:
        return build()
    entries = _remembered.get(generation)
    if entries is None or len(entries) > REMEMBER_AT_MOST:
        entries = {}
        _remembered.clear()
        _remembered[generation] = entries
    if parts in entries:
        return entries[parts]  # type: ignore[return-value]
    value = build()
    entries[parts] = value
    return value


def remembered_many(keys: list[tuple], build: Callable[[list[tuple]], dict[tuple, T]]) -> dict[tuple, T]:
    """``remembered`` for several values at once: ``build`` gets the keys not kept yet (all of
    them with caching off) and returns their values, which are kept like ``remembered``'s."""
    generation = content_generation()
    if generation is None:
        return build(keys)
    entries = _remembered.get(generation)
    if entries is None or len(entries) + len(keys) > REMEMBER_AT_MOST:
        entries = {}
        _remembered.clear()
        _remembered[generation] = entries
    missing = [key for key in keys if key not in entries]
    if missing:
        entries.update(build(missing))
    return {key: entries[key] for key in keys if key in entries}  # type: ignore[misc]


def forget_everything() -> None:
    """Drop this process's memory of content (the test suite does, with each emptied cache)."""
    forget_generation()
    _remembered.clear()
