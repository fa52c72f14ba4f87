"""Health endpoints for load balancers, orchestrators and monitoring (django-health-check 4).

- ``/health/live/``: the web process answers (a liveness probe: restart the process if not).
- ``/health/ready/``: the process and PostgreSQL (a readiness probe: send it requests). Redis is
  left out on purpose: pupils and staff carry on while it is down (config/cache_backend.py), so
  a Redis outage must not take every web process out of the load balancer.
- ``/health/``: the process, PostgreSQL, the cache, Redis (the broker) and the Celery workers,
  with a worker listening on every queue (for monitoring and alerts).

Both answer JSON (200 when healthy, 500 with the failing checks named otherwise). The checks
are named without host names or addresses, so the answer tells nothing about the network behind
the site; the reverse proxy may still keep ``/health/`` to the internal network.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.contrib.celery import Ping
from health_check.contrib.redis import Redis
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView
from redis import Redis as SyncRedis
from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError


@dataclasses.dataclass
class WebProcess(HealthCheck):
    """Always healthy: answering at all is the check."""

    def run(self) -> None:
        return None

    def __repr__(self) -> str:
        return "web"


@dataclasses.dataclass
class NamedDatabase(Database):
    def __repr__(self) -> str:
        return "database"


@dataclasses.dataclass
class NamedCache(Cache):
    # The fail-open cache (config/cache_backend.py) answers as an empty cache while Redis is
    # down, so the value written is not read back and this check fails, as it should.
    def __repr__(self) -> str:
        return "cache"


def _broker_client() -> AsyncRedis:
    return AsyncRedis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)


@dataclasses.dataclass
class Broker(Redis):
    client_factory: object = dataclasses.field(repr=False, default=_broker_client)

    def __repr__(self) -> str:
        return "redis"


@dataclasses.dataclass
class CeleryWorkers(Ping):
    """At least one worker answers a ping, and every queue in ``CELERY_TASK_QUEUES`` has a worker.

    The ping waits ``reply_seconds`` for replies, then the queue inspection as long again;
    ``timeout`` (the whole check's budget) covers both.
    """

    reply_seconds: float = dataclasses.field(default=1.0, repr=False)
    timeout: datetime.timedelta = dataclasses.field(default=datetime.timedelta(seconds=3), repr=False)

    def run(self) -> None:
        # The broker connection retries for ever (CELERY_BROKER_CONNECTION_MAX_RETRIES), so a
        # quick ping of Redis first keeps a probe from hanging on a broker that is down.
        try:
            SyncRedis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
        except RedisError as error:
            raise ServiceUnavailable("The broker cannot be reached") from error
        try:
            replies = self.app.control.ping(timeout=self.reply_seconds)
        except OSError as error:
            raise ServiceUnavailable("The broker cannot be reached") from error
        if not replies:
            raise ServiceUnavailable("No Celery worker answered")
        workers = list(self.active_workers(replies))
        inspect = self.app.control.inspect(workers, timeout=self.reply_seconds)
        listening = {queue.get("name") for queues in (inspect.active_queues() or {}).values() for queue in queues}
        missing = sorted(queue.name for queue in self.app.conf.task_queues or () if queue.name not in listening)
        if missing:
            raise ServiceUnavailable(f"No worker for the queue(s): {', '.join(missing)}")

    def __repr__(self) -> str:
        return "celery"


class HealthView(HealthCheckView):
    """django-health-check's view, answering JSON whatever the Accept header (its HTML page has an
    inline style, which the site's Content-Security-Policy blocks)."""

    def render_to_response(self, context, **response_kwargs):
        return self.render_to_response_json(response_kwargs.get("status", 200))


class AllChecksView(HealthView):
    def get_checks(self):
        checks: list[HealthCheck] = [WebProcess(), NamedDatabase(), NamedCache()]
        # Without REDIS_URL (the local demo) tasks run in-process: no broker or worker to check.
        if settings.REDIS_URL:
            checks += [Broker(), CeleryWorkers()]
        yield from checks


@never_cache
def liveness(request: HttpRequest) -> JsonResponse:
    """The process answers: the same JSON as the other checks, without their (async) machinery.

    Probes call this every few seconds on every process, so it does no work at all.
    """
    return JsonResponse({repr(WebProcess()): "OK"})


urlpatterns = [
    path("", AllChecksView.as_view(), name="health"),
    path("live/", liveness, name="health_live"),
    path("ready/", HealthView.as_view(checks=[WebProcess, NamedDatabase]), name="health_ready"),
]
