"""Pooled connections, the replica alias and CDN purges are built from the environment."""

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.scaling import database_settings, frontend_cache_settings

PRIMARY = "postgres://app@db-primary:5432/respect"
SQLITE = "sqlite:///tmp/respect.sqlite3"


@pytest.fixture
def env(monkeypatch):
    """An Env reading a clean environment that each test fills."""
    environment: dict[str, str] = {}
    monkeypatch.setattr(environ.Env, "ENVIRON", environment)
    return environ.Env(), environment


def test_pool_is_off_by_default_and_connections_are_kept_a_minute(env):
    reader, environment = env
    environment["DATABASE_URL"] = PRIMARY
    default = database_settings(reader, default_url=SQLITE)["default"]
    assert default["CONN_MAX_AGE"] == 60 and "pool" not in default.get("OPTIONS", {})


def test_pool_setting_turns_on_psycopg_pool_with_its_sizes(env):
    reader, environment = env
    environment.update(
        DATABASE_URL=PRIMARY, DATABASE_POOL="true", DATABASE_POOL_MIN_SIZE="4", DATABASE_POOL_MAX_SIZE="20"
    )
    default = database_settings(reader, default_url=SQLITE)["default"]
    assert default["OPTIONS"]["pool"] == {"min_size": 4, "max_size": 20, "timeout": 10}
    assert default["CONN_MAX_AGE"] == 0


def test_pool_refuses_a_connection_max_age(env):
    reader, environment = env
    environment.update(DATABASE_URL=PRIMARY, DATABASE_POOL="true", DATABASE_CONN_MAX_AGE="60")
    with pytest.raises(ImproperlyConfigured, match="cannot be used together"):
        database_settings(reader, default_url=SQLITE)


def test_pool_refuses_sqlite_and_bad_sizes(env):
    reader, environment = env
    environment.update(DATABASE_POOL="true")
    with pytest.raises(ImproperlyConfigured, match="needs PostgreSQL"):
        database_settings(reader, default_url=SQLITE)
    environment.update(DATABASE_URL=PRIMARY, DATABASE_POOL_MIN_SIZE="8", DATABASE_POOL_MAX_SIZE="4")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_POOL_MIN_SIZE"):
        database_settings(reader, default_url=SQLITE)


def test_replica_alias_exists_only_with_its_url_and_mirrors_default_in_tests(env):
    reader, environment = env
    environment["DATABASE_URL"] = PRIMARY
    assert set(database_settings(reader, default_url=SQLITE)) == {"default"}
    environment.update(DATABASE_REPLICA_URL="postgres://reader@db-replica:5432/respect", DATABASE_POOL="true")
    databases = database_settings(reader, default_url=SQLITE)
    assert databases["replica"]["HOST"] == "db-replica"
    assert databases["replica"]["TEST"] == {"MIRROR": "default"}
    assert databases["replica"]["OPTIONS"]["pool"]["max_size"] == 10


def test_no_cdn_means_no_purging(env):
    reader, _ = env
    assert frontend_cache_settings(reader) == {}


def test_cloudflare_and_http_purge_backends_are_built_from_the_environment(env):
    reader, environment = env
    environment.update(
        CLOUDFLARE_ZONE_ID="zone123",
        CLOUDFLARE_API_TOKEN="token456",
        CDN_PURGE_URL="http://varnish:6081",
        CDN_HOSTNAMES="respect.example.org,www.respect.example.org",
    )
    backends = frontend_cache_settings(reader)
    assert backends["cloudflare"] == {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": "token456",
        "ZONEID": "zone123",
        "HOSTNAMES": ["respect.example.org", "www.respect.example.org"],
    }
    assert backends["purge"]["LOCATION"] == "http://varnish:6081"


def test_built_setting_gives_wagtail_working_backends(env, settings):
    from wagtail.contrib.frontend_cache.backends import CloudflareBackend, HTTPBackend
    from wagtail.contrib.frontend_cache.utils import get_backends

    reader, environment = env
    environment.update(
        CLOUDFLARE_ZONE_ID="zone123", CLOUDFLARE_API_TOKEN="token456", CDN_PURGE_URL="http://varnish:6081"
    )
    settings.WAGTAILFRONTENDCACHE = frontend_cache_settings(reader)
    backends = get_backends()
    assert isinstance(backends["cloudflare"], CloudflareBackend) and isinstance(backends["purge"], HTTPBackend)


def test_cloudflare_needs_both_zone_and_token(env):
    reader, environment = env
    environment["CLOUDFLARE_ZONE_ID"] = "zone123"
    with pytest.raises(ImproperlyConfigured, match="set together"):
        frontend_cache_settings(reader)
