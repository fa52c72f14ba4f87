"""Sessions kept in PostgreSQL and read through the shared cache.

Django's cached-database sessions: a request reads its session from the cache (no query), and
every change is written to the database first, then to the cache. The one difference: the cache
keeps a session for at most ``CACHE_SECONDS`` rather than for the session's whole life, so if
the cache missed a change or a sign-out while Redis was unreachable (the site carries on without
it, ``config/cache_backend.py``), the stale copy is gone within minutes and the database's is
read again. Used only when the cache is shared by every web process (``REDIS_URL``).
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

logger = logging.getLogger("django.contrib.sessions")

CACHE_SECONDS = 5 * 60


class SessionStore(CachedDBStore):
    cache_key_prefix = "session:"
    # Set by Django's stores (not in the type stubs).
    _cache: Any
    _session: Any

    def _cache_seconds(self, **kwargs) -> int:
        return max(0, min(CACHE_SECONDS, self.get_expiry_age(**kwargs)))

    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            data = None
        if data is None:
            stored = self._get_session_from_db()  # type: ignore[attr-defined]
            if stored:
                data = self.decode(stored.session_data)
                self._cache.set(self.cache_key, data, self._cache_seconds(expiry=stored.expire_date))
            else:
                data = {}
        return data

    def save(self, must_create: bool = False) -> None:
        super(CachedDBStore, self).save(must_create)
        try:
            self._cache.set(self.cache_key, self._session, self._cache_seconds())
        except Exception:
            logger.exception("Error saving to cache (%s)", self._cache)
