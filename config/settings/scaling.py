"""Settings for running on more than one machine: pooled connections, a read replica, CDN purges.

Each function reads the environment through the settings' ``env`` and returns plain settings,
so ``base.py`` stays short and the tests can build them from any environment.
"""

from __future__ import annotations

from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

POSTGRESQL = "django.db.backends.postgresql"


def _database(env: environ.Env, url_var: str, default_url: str | None = None) -> dict[str, Any]:
    database = env.db_url(url_var, default=default_url) if default_url else env.db_url(url_var)
    database["ATOMIC_REQUESTS"] = False
    # Streaming exports use server-side cursors; a transaction-pooling proxy (PgBouncer) needs them off.
    database["DISABLE_SERVER_SIDE_CURSORS"] = env.bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS", default=False)
    if env.bool("DATABASE_POOL", default=False):
        if database["ENGINE"] != POSTGRESQL:
            raise ImproperlyConfigured(f"DATABASE_POOL needs PostgreSQL; {url_var} points at {database['ENGINE']}.")
        if env.int("DATABASE_CONN_MAX_AGE", default=0) != 0:
            raise ImproperlyConfigured("DATABASE_POOL and DATABASE_CONN_MAX_AGE > 0 cannot be used together.")
        min_size = env.int("DATABASE_POOL_MIN_SIZE", default=2)
        max_size = env.int("DATABASE_POOL_MAX_SIZE", default=10)
        if not 0 <= min_size <= max_size or max_size < 1:
            raise ImproperlyConfigured(
                "DATABASE_POOL_MIN_SIZE must be between 0 and DATABASE_POOL_MAX_SIZE (at least 1)."
            )
        # Django keeps no connection of its own when the pool does.
        database["CONN_MAX_AGE"] = 0
        database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": min_size,
            "max_size": max_size,
            "timeout": env.int("DATABASE_POOL_TIMEOUT", default=10),
        }
    else:
        database["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    return database


def database_settings(env: environ.Env, *, default_url: str) -> dict[str, dict[str, Any]]:
    """``DATABASES``: the primary, and a ``replica`` alias when ``DATABASE_REPLICA_URL`` is set."""
    databases = {"default": _database(env, "DATABASE_URL", default_url)}
    if env.str("DATABASE_REPLICA_URL", default=""):
        replica = _database(env, "DATABASE_REPLICA_URL")
        # Tests use the primary's test database under both names.
        replica["TEST"] = {"MIRROR": "default"}
        databases["replica"] = replica
    return databases


def frontend_cache_settings(env: environ.Env) -> dict[str, dict[str, Any]]:
    """``WAGTAILFRONTENDCACHE``: purge published pages from the CDN, when one is configured.

    Cloudflare with ``CLOUDFLARE_ZONE_ID`` and ``CLOUDFLARE_API_TOKEN``; any cache that
    accepts HTTP PURGE (Varnish, Fastly's purge address...) with ``CDN_PURGE_URL``.
    ``CDN_HOSTNAMES`` limits purges to those site hostnames. Nothing set: no purging.
    """
    backends: dict[str, dict[str, Any]] = {}
    zone, token = env.str("CLOUDFLARE_ZONE_ID", default=""), env.str("CLOUDFLARE_API_TOKEN", default="")
    if bool(zone) != bool(token):
        raise ImproperlyConfigured("CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN must be set together.")
    if zone:
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": token,
            "ZONEID": zone,
        }
    if purge_url := env.str("CDN_PURGE_URL", default=""):
        backends["purge"] = {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": purge_url}
    if hostnames := env.list("CDN_HOSTNAMES", default=[]):
        for backend in backends.values():
            backend["HOSTNAMES"] = hostnames
    return backends
