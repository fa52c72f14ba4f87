"""Exports asked for while the broker is down: kept, shown as not queued, and built once on "Try again"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import GlobalRole
from config import cache_backend
from reports import export_queue
from reports.export_models import STALE_QUEUE_AGE, Export, ExportKind, ExportStatus
from reports.exports import build_export
from schools.models import AuditAction, AuditEvent
from tests.celery_broker import broker_at
from tests.reports.test_export_views import with_role

from .conftest import assign, populate

pytestmark = pytest.mark.django_db

EVALUATOR_URL = reverse("reports:evaluator_export")
# Nothing listens on port 1: every connection is refused.
DOWN = "redis://127.0.0.1:1/0"


@pytest.fixture
def private_root(settings, tmp_path):
    root = tmp_path / "private"
    settings.PRIVATE_STORAGE_ROOT = str(root)
    return root


@pytest.fixture
def evaluator():
    return with_role(GlobalRole.EVALUATOR)


@pytest.fixture
def answered(evaluated):
    assignment = assign(evaluated)
    populate(evaluated, assignment, 2)
    return assignment


@pytest.fixture
def redis_down(settings, monkeypatch):
    """The cache and the Celery broker both at a Redis that cannot be reached."""
    monkeypatch.setattr(cache_backend, "_outages", {})
    settings.CACHES = {"default": {"BACKEND": "config.cache_backend.FailOpenRedisCache", "LOCATION": DOWN}}
    with broker_at(DOWN):
        yield


@pytest.fixture
def queued(monkeypatch):
    """Builds handed to a worker that has not run them yet: the ids, in order."""
    sent: list[int] = []

    def enqueue(task, export_id):
        sent.append(export_id)
        return True

    monkeypatch.setattr(export_queue, "enqueue", enqueue)
    return sent


def files_under(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def status_url(export) -> str:
    return reverse("reports:export_status", args=[export.pk])


def retry_url(export) -> str:
    return reverse("reports:export_retry", args=[export.pk])


def make_export(user, **fields) -> Export:
    return Export.objects.create(
        requested_by=user, kind=ExportKind.EVALUATOR_RESPONSES, format="csv", queued_at=timezone.now(), **fields
    )


def test_asked_for_while_the_broker_is_down_then_built_once_when_tried_again(
    client, evaluator, answered, private_root, redis_down, django_capture_on_commit_callbacks
):
    client.force_login(evaluator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EVALUATOR_URL, {"format": "csv"})

    export = Export.objects.get()
    assert response.status_code == 302 and response["Location"] == status_url(export)
    assert export.status == ExportStatus.NOT_QUEUED and export.attempts == 0
    assert export.error == export_queue.NOT_QUEUED_ERROR
    page = client.get(status_url(export)).content.decode()
    assert "Your export has not started" in page and "could not be queued" in page
    assert f'action="{retry_url(export)}"' in page and ">Try again</button>" in page
    assert 'http-equiv="refresh"' not in page, "nothing will change until someone tries again"
    assert files_under(private_root) == []

    # Still down: the press is refused politely and the export stays as it was.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(retry_url(export))["Location"] == status_url(export)
    export.refresh_from_db()
    assert export.status == ExportStatus.NOT_QUEUED


def test_try_again_once_the_broker_is_back_builds_one_file(
    client, evaluator, answered, private_root, django_capture_on_commit_callbacks
):
    export = make_export(evaluator, status=ExportStatus.NOT_QUEUED, error=export_queue.NOT_QUEUED_ERROR)
    client.force_login(evaluator)

    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(retry_url(export))
        assert response["Location"] == status_url(export)

    export.refresh_from_db()
    assert (export.status, export.attempts, export.error) == (ExportStatus.DONE, 1, "")
    assert files_under(private_root) == [private_root / export.file.name]
    assert "Your export is ready" in client.get(status_url(export)).content.decode()
    events = AuditEvent.objects.filter(action=AuditAction.EXPORTED).values_list("detail__event", flat=True)
    assert sorted(events) == ["retried"]


def test_two_presses_queue_the_export_once_and_two_runs_make_one_file(
    client, evaluator, answered, private_root, queued, django_capture_on_commit_callbacks
):
    export = make_export(evaluator, status=ExportStatus.NOT_QUEUED)
    client.force_login(evaluator)

    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(retry_url(export))

    assert queued == [export.pk]
    export.refresh_from_db()
    assert export.status == ExportStatus.QUEUED
    # The task delivered twice (a redelivery after a lost worker): the second run keeps the first file.
    build_export(export_id=export.pk)
    build_export(export_id=export.pk)
    export.refresh_from_db()
    assert (export.status, export.attempts) == (ExportStatus.DONE, 1)
    assert len(files_under(private_root)) == 1


def test_an_export_waiting_too_long_offers_try_again(client, evaluator, queued, django_capture_on_commit_callbacks):
    long_ago = timezone.now() - STALE_QUEUE_AGE - datetime.timedelta(minutes=1)
    waiting = make_export(evaluator)
    Export.objects.filter(pk=waiting.pk).update(queued_at=long_ago)
    client.force_login(evaluator)

    page = client.get(status_url(waiting)).content.decode()
    assert "waiting to start for more than 10 minutes" in page
    assert f'action="{retry_url(waiting)}"' in page
    assert 'http-equiv="refresh"' not in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(retry_url(waiting))
    waiting.refresh_from_db()
    assert queued == [waiting.pk]
    assert waiting.status == ExportStatus.QUEUED and waiting.queued_at > long_ago
    assert not waiting.waiting_too_long()


@pytest.mark.parametrize("status", [ExportStatus.QUEUED, ExportStatus.RUNNING, ExportStatus.DONE])
def test_an_export_on_its_way_is_not_queued_again(
    client, evaluator, queued, status, django_capture_on_commit_callbacks
):
    export = make_export(evaluator, status=status)
    client.force_login(evaluator)

    page = client.get(status_url(export)).content.decode()
    assert ">Try again</button>" not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(retry_url(export))

    assert queued == []
    export.refresh_from_db()
    assert export.status == status
    assert not AuditEvent.objects.filter(detail__event="retried").exists()


def test_a_failed_export_can_be_tried_again(
    client, evaluator, answered, private_root, django_capture_on_commit_callbacks
):
    export = make_export(evaluator, status=ExportStatus.FAILED, attempts=4, error="OSError: disk full")
    client.force_login(evaluator)
    assert ">Try again</button>" in client.get(status_url(export)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(retry_url(export))

    export.refresh_from_db()
    assert (export.status, export.attempts, export.error) == (ExportStatus.DONE, 5, "")
    assert len(files_under(private_root)) == 1


def test_only_the_requester_may_try_again_and_only_by_post(client, evaluator, queued):
    export = make_export(evaluator, status=ExportStatus.NOT_QUEUED)
    client.force_login(with_role(GlobalRole.EVALUATOR))
    assert client.post(retry_url(export)).status_code == 404

    client.force_login(evaluator)
    assert client.get(retry_url(export)).status_code == 405
    assert queued == []


def test_signed_out_visitors_are_sent_to_sign_in(client, evaluator):
    export = make_export(evaluator, status=ExportStatus.NOT_QUEUED)
    response = client.post(retry_url(export))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
