"""The Redis cache answers as an empty cache while Redis cannot be reached, and says so in the log."""

import logging
import runpy

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError

from config import cache_backend
from config.cache_backend import RETRY_AFTER, WARN_EVERY, FailOpenRedisCache

# Nothing listens on port 1: connecting is refused at once.
UNREACHABLE_URL = "redis://127.0.0.1:1/0"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    """The backend's clock, moved by hand (no waiting in tests)."""
    found = Clock()
    monkeypatch.setattr(cache_backend.time, "monotonic", found)
    return found


@pytest.fixture
def down(clock, monkeypatch):
    """A fail-open cache at an address where nothing listens, with no outage remembered."""
    monkeypatch.setattr(cache_backend, "_outages", {})
    return FailOpenRedisCache(UNREACHABLE_URL, {})


def test_every_call_answers_as_an_empty_cache(down):
    assert down.get("k") is None
    assert down.get("k", "fallback") == "fallback"
    assert down.add("k", 1) is True, "as if stored, so sign-in locks and limits carry on"
    assert down.set("k", 1) is None
    assert down.incr("k", 3) == 3
    assert down.decr("k") == -1
    assert down.get_many(["a", "b"]) == {}
    assert down.set_many({"a": 1, "b": 2}) == ["a", "b"], "reported as not stored"
    assert down.delete("k") is False
    assert down.delete_many(["a"]) is None
    assert down.has_key("k") is False
    assert down.touch("k") is False
    assert down.clear() is None
    assert down.get_or_set("k", lambda: "rebuilt") == "rebuilt"


def test_short_timeouts_are_the_default(down):
    options = down._options
    assert options["socket_connect_timeout"] == options["socket_timeout"] == cache_backend.SOCKET_TIMEOUT
    configured = FailOpenRedisCache(UNREACHABLE_URL, {"OPTIONS": {"socket_timeout": 2}})
    assert configured._options["socket_timeout"] == 2


def test_after_a_failure_redis_is_left_alone_for_a_while(down, clock, monkeypatch):
    assert down.get("k") is None
    tries = []

    def counted(self, *args, **kwargs):
        tries.append(args)
        raise RedisConnectionError("still down")

    monkeypatch.setattr(RedisCache, "get", counted)
    for _ in range(5):
        assert down.get("k", 0) == 0
    assert tries == [], "no connection attempt inside the quiet period"
    clock.now += RETRY_AFTER + 1
    assert down.get("k", 0) == 0
    assert len(tries) == 1


def test_the_outage_is_logged_once_a_minute_and_its_end_once(down, clock, monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger="config.cache_backend")
    for _ in range(3):
        down.get("k")
        clock.now += RETRY_AFTER + 1
    unreachable = [r for r in caplog.records if "cannot be reached" in r.getMessage()]
    assert len(unreachable) == 1
    assert "127.0.0.1:1" in unreachable[0].getMessage()
    clock.now += WARN_EVERY
    down.get("k")
    assert len([r for r in caplog.records if "cannot be reached" in r.getMessage()]) == 2

    clock.now += RETRY_AFTER + 1
    monkeypatch.setattr(RedisCache, "get", lambda self, key, default=None, version=None: "back")
    assert down.get("k") == "back"
    assert down.get("k") == "back"
    assert [r.getMessage() for r in caplog.records].count(
        "The cache at redis://127.0.0.1:1/0 can be reached again."
    ) == 1


def test_the_password_stays_out_of_the_log(clock, monkeypatch, caplog):
    monkeypatch.setattr(cache_backend, "_outages", {})
    caplog.set_level(logging.WARNING, logger="config.cache_backend")
    FailOpenRedisCache("redis://:s3cret@127.0.0.1:1/0", {}).get("k")
    assert "s3cret" not in caplog.text and "127.0.0.1:1/0" in caplog.text


def test_errors_other_than_an_unreachable_redis_are_raised(down, monkeypatch):
    def broken(self, *args, **kwargs):
        raise ValueError("Key 'k' not found")

    monkeypatch.setattr(RedisCache, "incr", broken)
    with pytest.raises(ValueError):
        down.incr("k")


# The settings module is run again, apart from the one already loaded: runpy warns about that.
@pytest.mark.filterwarnings("ignore:'config.settings.base' found in sys.modules:RuntimeWarning")
def test_with_redis_configured_the_settings_use_it_and_a_broker_that_fails_fast(monkeypatch):
    monkeypatch.setenv("REDIS_URL", UNREACHABLE_URL)
    base = runpy.run_module("config.settings.base")
    assert base["CACHES"]["default"]["BACKEND"] == "config.cache_backend.FailOpenRedisCache"
    assert base["CACHES"]["default"]["LOCATION"] == UNREACHABLE_URL
    assert base["CELERY_TASK_PUBLISH_RETRY_POLICY"]["max_retries"] == 1
    assert base["CELERY_BROKER_TRANSPORT_OPTIONS"]["socket_timeout"] <= 5


def test_the_configured_backend_is_the_fail_open_one(settings):
    settings.CACHES = {"default": {"BACKEND": "config.cache_backend.FailOpenRedisCache", "LOCATION": UNREACHABLE_URL}}
    assert isinstance(caches["default"], FailOpenRedisCache)
    assert caches["default"].get("anything", "default") == "default"
