"""Report pages read from the replica, except just after the same visitor wrote; all else uses the primary."""

import pytest
from django.db import connections, router
from django.db.utils import load_backend
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import path

from config import urls as site_urls
from config.db_pinning import PIN_COOKIE, ReplicaPinningMiddleware
from config.db_router import REPLICA, replica_window
from schools.models import AuditAction, AuditEvent, School
from schools.services.audit import record_audit

SESSIONS = "django.contrib.sessions.middleware.SessionMiddleware"
# A second connection reads what the first wrote only once it is committed, so these tests commit
# to the database: they run with the other committing tests (the Makefile's second pytest run,
# on PostgreSQL), which restore the database's initial contents between them.
pytestmark = [
    pytest.mark.filterwarnings("ignore:Overriding setting DATABASES"),
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


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
def replica(settings):
    """A second connection to the same test database, under the replica's alias.

    It is set on the connection handler directly (as a test mirror would be), so the test
    database's guards leave it alone; ``DATABASES`` names it, as production settings would.
    """
    default = connections["default"].settings_dict
    replica_settings = {**default, "TEST": {**default["TEST"], "MIRROR": "default"}}
    settings.DATABASES = {**settings.DATABASES, REPLICA: replica_settings}
    connections[REPLICA] = load_backend(default["ENGINE"]).DatabaseWrapper(replica_settings, alias=REPLICA)
    settings.DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index(SESSIONS), "config.db_pinning.ReplicaPinningMiddleware")
    settings.MIDDLEWARE = middleware
    settings.ROOT_URLCONF = __name__
    yield connections[REPLICA]
    connections[REPLICA].close()
    del connections[REPLICA]


def queries(context: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in context.captured_queries]


def read_page(client, url="/transparency/"):
    with (
        CaptureQueriesContext(connections["default"]) as on_default,
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
    ):
        response = client.get(url)
    assert response.status_code == 200
    return queries(on_default), queries(on_replica)


def test_transparency_page_reads_from_the_replica(client, replica):
    on_default, on_replica = read_page(client)
    assert on_replica, "the report's reads went to the replica"
    assert not on_default


def test_after_a_write_the_same_visitor_reads_from_the_primary(client, replica):
    response = client.post("/test-write/")
    assert PIN_COOKIE in response.cookies and response.cookies[PIN_COOKIE]["max-age"] == 10
    on_default, on_replica = read_page(client)
    assert on_default and not on_replica


@override_settings(DATABASE_PIN_SECONDS=30)
def test_pin_length_is_a_setting_and_an_expired_pin_reads_the_replica_again(client, replica):
    response = client.post("/test-write/")
    assert response.cookies[PIN_COOKIE]["max-age"] == 30
    client.cookies[PIN_COOKIE] = "1000"  # long past
    on_default, on_replica = read_page(client)
    assert on_replica and not on_default


def test_reading_without_writing_sets_no_pin(client, replica):
    response = client.get("/transparency/")
    assert PIN_COOKIE not in response.cookies


def test_other_pages_read_from_the_primary(client, replica):
    on_default, on_replica = read_page(client, "/test-read/")
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
