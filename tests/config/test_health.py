"""The health endpoints: the process alone, and everything the site needs."""

import socket

import pytest

from config import cache_backend

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    # A port nothing listens on: bound, then released.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_liveness_checks_only_the_process(client):
    response = client.get("/health/live/")
    assert response.status_code == 200
    assert response.json() == {"web": "OK"}


def test_health_without_a_broker_checks_process_database_and_cache(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/health/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"web": "OK", "database": "OK", "cache": "OK"}
    assert "no-cache" in response["Cache-Control"]


def test_a_stopped_redis_is_reported_unhealthy(client, settings, monkeypatch):
    monkeypatch.setattr(cache_backend, "_outages", {})
    unreachable = f"redis://127.0.0.1:{_closed_port()}/0"
    settings.REDIS_URL = unreachable
    settings.CACHES = {"default": {"BACKEND": "config.cache_backend.FailOpenRedisCache", "LOCATION": unreachable}}

    response = client.get("/health/")

    assert response.status_code == 500
    checks = response.json()
    assert checks["web"] == checks["database"] == "OK"
    assert checks["cache"] != "OK"
    assert "Unable to connect to Redis" in checks["redis"]
    assert "The broker cannot be reached" in checks["celery"]
    # Neither probe takes a web process out of service because Redis is down: the site carries on.
    assert client.get("/health/live/").status_code == 200
    ready = client.get("/health/ready/")
    assert ready.status_code == 200 and ready.json() == {"web": "OK", "database": "OK"}


def test_health_answers_name_no_hosts(client, settings):
    settings.REDIS_URL = f"redis://10.9.8.7:{_closed_port()}/3"
    body = client.get("/health/").content.decode()
    assert "10.9.8.7" not in body and "port" not in body
