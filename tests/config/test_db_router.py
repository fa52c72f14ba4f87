"""Report pages read from the replica, except just after the same visitor wrote; all else uses the primary."""

import pytest
from django.db import connections, router
from django.http import HttpResponse
from django.test.utils import override_settings
from django.urls import path

from config import urls as site_urls
from config.db_pinning import PIN_COOKIE, ReplicaPinningMiddleware
from config.db_router import REPLICA, ReplicaRouter, replica_window
from schools.models import AuditAction, AuditEvent, School
from schools.services.audit import record_audit

SESSIONS = "django.contrib.sessions.middleware.SessionMiddleware"
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


def write_something(request):
    record_audit(actor=None, school=None, action=AuditAction.EXPORTED, summary="written")
    return HttpResponse("ok")


def read_something(request):
    return HttpResponse(str(School.objects.count()))


urlpatterns = [
    path("test-write/", write_something),
    path("test-read/", read_something, name="test_read"),
    *site_urls.urlpatterns,
]


@pytest.fixture
def replica(db, settings, monkeypatch):
    """A replica alias for the test database, and a record of where the router sent each read.

    The alias is the default connection itself, so the replica sees the test's own uncommitted
    rows (a real replica sees committed ones a moment later) and nothing has to be committed;
    the record shows which alias each read was sent to.
    """
    default = connections["default"]
    settings.DATABASES = {
        **settings.DATABASES,
        REPLICA: {**default.settings_dict, "TEST": {**default.settings_dict["TEST"], "MIRROR": "default"}},
    }
    connections[REPLICA] = default
    routed: list[str] = []
    choose = ReplicaRouter.db_for_read

    def recording(self, model, **hints):
        alias = choose(self, model, **hints)
        routed.append(alias)
        return alias

    monkeypatch.setattr(ReplicaRouter, "db_for_read", recording)
    settings.DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index(SESSIONS), "config.db_pinning.ReplicaPinningMiddleware")
    settings.MIDDLEWARE = middleware
    settings.ROOT_URLCONF = __name__
    try:
        yield routed
    finally:
        del connections[REPLICA]


def read_page(client, routed: list[str], url="/transparency/") -> tuple[int, int]:
    """How many of the page's reads went to the primary, and how many to the replica."""
    routed.clear()
    response = client.get(url)
    assert response.status_code == 200
    return routed.count("default"), routed.count(REPLICA)


def test_transparency_page_reads_from_the_replica(client, replica):
    on_default, on_replica = read_page(client, replica)
    assert on_replica, "the report's reads went to the replica"
    assert not on_default


def test_after_a_write_the_same_visitor_reads_from_the_primary(client, replica):
    response = client.post("/test-write/")
    assert PIN_COOKIE in response.cookies and response.cookies[PIN_COOKIE]["max-age"] == 10
    on_default, on_replica = read_page(client, replica)
    assert on_default and not on_replica


@override_settings(DATABASE_PIN_SECONDS=30)
def test_pin_length_is_a_setting_and_an_expired_pin_reads_the_replica_again(client, replica):
    response = client.post("/test-write/")
    assert response.cookies[PIN_COOKIE]["max-age"] == 30
    client.cookies[PIN_COOKIE] = "1000"  # long past
    on_default, on_replica = read_page(client, replica)
    assert on_replica and not on_default


def test_reading_without_writing_sets_no_pin(client, replica):
    response = client.get("/transparency/")
    assert PIN_COOKIE not in response.cookies


def test_other_pages_read_from_the_primary(client, replica):
    on_default, on_replica = read_page(client, replica, "/test-read/")
    assert on_default and not on_replica


def test_writes_go_to_the_primary_even_inside_a_replica_window(replica):
    with replica_window():
        assert router.db_for_read(School) == REPLICA
        assert router.db_for_write(School) == "default"
        event = record_audit(actor=None, school=None, action=AuditAction.EXPORTED, summary="inside")
    assert event._state.db == "default"
    assert router.db_for_read(School) == "default"
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_replica_is_never_migrated(replica):
    assert router.allow_migrate(REPLICA, "schools") is False
    assert router.allow_migrate("default", "schools") is True


@pytest.mark.django_db
def test_without_a_replica_nothing_changes(client, settings):
    settings.MIDDLEWARE = ["config.db_pinning.ReplicaPinningMiddleware", *settings.MIDDLEWARE]
    settings.DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
    settings.ROOT_URLCONF = __name__
    response = client.post("/test-write/")
    assert response.status_code == 200 and PIN_COOKIE not in response.cookies
    with replica_window():
        assert router.db_for_read(School) == "default"
    assert ReplicaPinningMiddleware  # the class is what settings name
