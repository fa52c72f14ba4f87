"""The real services CI provides: PostgreSQL, Redis, and a Celery worker on the Redis broker."""

import time
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

pytestmark = pytest.mark.services


# Transactional like the other tests of this run (see the Makefile), which restore the
# database's initial contents between them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_is_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("select version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


def test_cache_round_trips_through_redis():
    from django.core.cache.backends.redis import RedisCache

    redis_cache = RedisCache(settings.REDIS_URL, {})
    key = f"services-test-{uuid.uuid4()}"
    redis_cache.set(key, {"ok": 1}, timeout=30)
    assert redis_cache.get(key) == {"ok": 1}
    redis_cache.delete(key)


def test_celery_worker_runs_a_task_sent_through_redis():
    from celery.contrib.testing.worker import start_worker

    from config.celery_app import app

    marker = f"services-task-{uuid.uuid4()}"

    @app.task(name="tests.services.write_marker")
    def write_marker(key: str) -> None:
        cache.set(key, "done", timeout=60)

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            write_marker.delay(marker)
            deadline = time.monotonic() + 20
            while cache.get(marker) is None and time.monotonic() < deadline:
                time.sleep(0.1)
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    assert cache.get(marker) == "done"
