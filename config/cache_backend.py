"""Django's Redis cache, carrying on without the cache while Redis cannot be reached.

Nothing the site keeps in the cache is the only copy of anything: live-session
state, dashboard figures and footer links are rebuilt from the database on a
miss, and the sign-in limits (django-ratelimit for pupils, allauth for staff)
are counters. So when Redis is down or hangs, every cache call answers as an
empty cache would, and pupils and staff carry on:

- ``get`` returns the default and ``get_many`` nothing, so callers rebuild
  from the database;
- ``add`` answers True, as if the value had been stored: allauth's sign-in
  lock is taken and django-ratelimit starts a new count, so nobody is locked
  out. Rate limits are not enforced until Redis is back (see the README);
- ``incr`` answers ``delta`` (a counter just started), ``set``, ``delete`` and
  the rest do nothing.

After a failure the cache is not tried again for ``RETRY_AFTER`` seconds, so a
Redis that hangs costs one short timeout per process every few seconds rather
than one per call; the failure is logged as a warning at most once a minute.
The connection timeouts default to ``SOCKET_TIMEOUT`` (set ``OPTIONS`` to
override); redis-py does not retry a failed call unless told to.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Seconds to wait for Redis to accept a connection, or to answer a command.
SOCKET_TIMEOUT = 0.5
# Seconds during which a cache that just failed is not tried again.
RETRY_AFTER = 5.0
# At most one warning in this many seconds while Redis stays unreachable.
WARN_EVERY = 60.0

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

T = TypeVar("T")


class _Outage:
    """When one Redis location last failed, shared by every thread of the process."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.skip_until = 0.0
        self.warned_at: float | None = None
        self.down = False

    def skipping(self) -> bool:
        return time.monotonic() < self.skip_until

    def failed(self, location: str, error: BaseException) -> None:
        now = time.monotonic()
        with self.lock:
            self.skip_until = now + RETRY_AFTER
            self.down = True
            if self.warned_at is not None and now - self.warned_at < WARN_EVERY:
                return
            self.warned_at = now
        logger.warning("The cache at %s cannot be reached (%s); carrying on without it.", location, error)

    def recovered(self, location: str) -> None:
        with self.lock:
            if not self.down:
                return
            self.down = False
            self.warned_at = None
        logger.warning("The cache at %s can be reached again.", location)


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one redis-py client per connection pool.

    Django makes a new ``redis.Redis`` for every cache call, which costs more CPU than the call
    itself on a cheap request. A ``redis.Redis`` over a pool is safe to share between threads.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class FailOpenRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that answers as an empty cache while Redis is down."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        # The password, if any, stays out of the log.
        servers = re.split("[;,]", server) if isinstance(server, str) else list(server)
        self._location = ",".join(address.rsplit("@", 1)[-1] for address in servers)
        self._outage = _outage_for(self._location)

    def _guarded(self, fallback: T, call: Callable[[], T]) -> T:
        if self._outage.skipping():
            return fallback
        try:
            result = call()
        except UNREACHABLE as error:
            self._outage.failed(self._location, error)
            return fallback
        if self._outage.down:
            self._outage.recovered(self._location)
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(True, lambda: super(FailOpenRedisCache, self).add(key, value, timeout, version))

    def get(self, key, default=None, version=None):
        return self._guarded(default, lambda: super(FailOpenRedisCache, self).get(key, default, version))

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(None, lambda: super(FailOpenRedisCache, self).set(key, value, timeout, version))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, lambda: super(FailOpenRedisCache, self).touch(key, timeout, version))

    def delete(self, key, version=None):
        return self._guarded(False, lambda: super(FailOpenRedisCache, self).delete(key, version))

    def get_many(self, keys, version=None):
        return self._guarded({}, lambda: super(FailOpenRedisCache, self).get_many(keys, version))

    def has_key(self, key, version=None):
        return self._guarded(False, lambda: super(FailOpenRedisCache, self).has_key(key, version))

    def incr(self, key, delta=1, version=None):
        return self._guarded(delta, lambda: super(FailOpenRedisCache, self).incr(key, delta, version))

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(list(data), lambda: super(FailOpenRedisCache, self).set_many(data, timeout, version))

    def delete_many(self, keys, version=None):
        return self._guarded(None, lambda: super(FailOpenRedisCache, self).delete_many(keys, version))

    def clear(self):
        return self._guarded(None, lambda: super(FailOpenRedisCache, self).clear())
