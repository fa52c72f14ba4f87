"""Roster uploads and imports made while the broker is down: kept, shown as not queued, done once on "Try again"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from schools import roster_queue
from schools.models import ClassMembership, ImportStatus, Pupil, RosterImport
from schools.services.roster import check_roster_import
from tests.celery_broker import broker_at
from tests.factories import SchoolFactory, school_class, staff
from tests.schools.test_roster_views import csv_file, stored_import

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every connection is refused.
DOWN = "redis://127.0.0.1:1/0"


@pytest.fixture
def school():
    return SchoolFactory()


@pytest.fixture
def teacher(school):
    return staff(school, "teacher")


@pytest.fixture
def klass(school, teacher):
    return school_class(school, teacher, name="9R")


@pytest.fixture
def queued(monkeypatch):
    """Tasks handed to a worker that has not run them yet: (task name, args)."""
    sent: list[tuple] = []

    def enqueue(task, *args):
        sent.append((task.name.rsplit(".", 1)[-1], *args))
        return True

    monkeypatch.setattr(roster_queue, "enqueue", enqueue)
    return sent


def status_url(job) -> str:
    return reverse("schools:roster_status", args=[job.pk])


def retry_url(job) -> str:
    return reverse("schools:roster_retry", args=[job.pk])


def test_an_upload_while_the_broker_is_down_is_kept_and_checked_when_tried_again(
    client, klass, teacher, django_capture_on_commit_callbacks
):
    client.force_login(teacher)
    with broker_at(DOWN), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("schools:roster_upload", args=[klass.pk]), {"file": csv_file("good.csv")})

    job = RosterImport.objects.get()
    assert response.status_code == 302 and response["Location"] == status_url(job)
    assert job.status == ImportStatus.QUEUED and roster_queue.not_queued(job)
    page = client.get(status_url(job)).content.decode()
    assert "could not be queued" in page and f'action="{retry_url(job)}"' in page
    assert 'http-equiv="refresh"' not in page

    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(retry_url(job))["Location"] == status_url(job)
    job.refresh_from_db()
    assert job.status == ImportStatus.VALID and job.errors == []
    assert not Pupil.objects.exists(), "checked only: nothing imported before it is confirmed"


def test_a_confirmation_while_the_broker_is_down_imports_once_when_tried_again(
    client, klass, teacher, django_capture_on_commit_callbacks
):
    job = stored_import(klass)
    check_roster_import(roster_import=job)
    client.force_login(teacher)
    with broker_at(DOWN), django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("schools:roster_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTING and roster_queue.not_queued(job)
    assert not Pupil.objects.exists()
    assert "could not be queued" in client.get(status_url(job)).content.decode()

    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(retry_url(job))
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTED
    assert Pupil.objects.count() == job.created_count > 0
    assert ClassMembership.objects.filter(school_class=klass).count() == job.created_count


def test_a_job_waiting_too_long_offers_try_again_and_a_fresh_one_does_not(
    client, klass, teacher, queued, django_capture_on_commit_callbacks
):
    fresh, stale = stored_import(klass), stored_import(klass)
    long_ago = timezone.now() - roster_queue.STALE_AGE - datetime.timedelta(minutes=1)
    RosterImport.objects.filter(pk=stale.pk).update(updated_at=long_ago)
    client.force_login(teacher)

    page = client.get(status_url(fresh)).content.decode()
    assert ">Try again</button>" not in page and 'http-equiv="refresh"' in page
    page = client.get(status_url(stale)).content.decode()
    assert "waiting for more than 10 minutes" in page and f'action="{retry_url(stale)}"' in page

    for job in (fresh, stale, stale):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(retry_url(job))
    assert queued == [("validate_roster_import", stale.pk)]


def test_a_finished_job_is_not_queued_again(client, klass, teacher, queued, django_capture_on_commit_callbacks):
    job = stored_import(klass)
    RosterImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.IMPORTED, updated_at=timezone.now() - datetime.timedelta(days=1)
    )
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(retry_url(job))
    assert queued == []


def test_try_again_is_for_those_who_may_import_and_by_post_only(client, klass, teacher, queued):
    job = stored_import(klass)
    RosterImport.objects.filter(pk=job.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    other_school = SchoolFactory()
    outsider = staff(other_school, "teacher")
    school_class(other_school, outsider, name="9X")

    client.force_login(outsider)
    assert client.post(retry_url(job)).status_code == 404
    client.force_login(teacher)
    assert client.get(retry_url(job)).status_code == 405
    assert queued == []
