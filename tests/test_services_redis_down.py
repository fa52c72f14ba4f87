"""Redis going down and coming back, with a real Redis and a real Celery worker.

A private ``redis-server`` on a spare port (the machine's shared Redis is never
touched) is the cache and the broker, and a worker process consumes from it.
Redis is stopped: a pupil still signs in and submits a quiz (stored once), and
a commissioner's export request is kept as "could not be queued". Redis is
started again on the same port: "Try again" queues the export, the worker
(which waited for Redis) builds it, and there is exactly one file.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.roles import GlobalRole
from config import cache_backend
from courses.versioning import record_version
from learning.models import QuizAnswer, QuizAttempt
from learning.services.lessons import record_lesson_taught
from reports.export_models import Export, ExportStatus
from schools.models import Assignment
from tests.celery_broker import broker_at
from tests.conftest import IN_CI
from tests.factories import (
    LessonPageFactory,
    ModulePageFactory,
    QuizFactory,
    SchoolFactory,
    pupil,
    school_class,
    single_choice,
    staff,
    stream,
)
from tests.learning.pupil_client import sign_in, url
from tests.reports.test_export_views import with_role

pytestmark = pytest.mark.services

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Generous: a worker reconnecting to Redis backs off for a few seconds between tries.
DEADLINE_SECONDS = 90


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until(check, what: str) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"Gave up waiting for {what}")


class PrivateRedis:
    """A redis-server of this test's own, on one port, that can be stopped and started again."""

    def __init__(self, binary: str, port: int) -> None:
        self.binary, self.port = binary, port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def _answers(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=0.2).ping())
        except redis.exceptions.ConnectionError:
            return False

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        _wait_until(self._answers, f"redis-server on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None
        assert not self._answers()


@pytest.fixture
def private_redis():
    binary = shutil.which("redis-server")
    if binary is None:
        if IN_CI:
            pytest.fail("CI=true but redis-server is not installed (apt-get install redis-server)")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = PrivateRedis(binary, _free_port())
    server.start()
    yield server
    server.stop()


def _database_url() -> str:
    db = connection.settings_dict
    user = quote(db["USER"] or "")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(private_redis, settings, tmp_path):
    """A Celery worker process on the private Redis, writing exports where this test reads them."""
    settings.PRIVATE_STORAGE_ROOT = str(tmp_path / "private")
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": private_redis.url,
        "DJANGO_PRIVATE_ROOT": settings.PRIVATE_STORAGE_ROOT,
    }
    command = [sys.executable, "-m", "celery", "-A", "config.celery_app", "worker", "--pool=solo", "--loglevel=INFO"]
    command += [
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        f"--hostname=redis-down-{os.getpid()}@%h",
    ]
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_until(lambda: "ready." in log.read_text() or process.poll() is not None, "the worker to start")
        assert process.poll() is None, log.read_text()
        yield log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _course(programme):
    quiz = QuizFactory(questions=stream([single_choice("q1", correct=0), single_choice("q2", correct=1)]))
    module = ModulePageFactory(parent=programme, knowledge_quiz=quiz)
    lesson = LessonPageFactory(parent=module)
    version = record_version(instrument=quiz)
    school = SchoolFactory()
    klass = school_class(school, staff(school))
    ava, _ = pupil(klass, "Ava")
    assignment = Assignment.objects.create(
        school_class=klass, module=module, opens_on=timezone.localdate(), delivery="self_paced"
    )
    # The end-of-module quiz opens once every lesson is done.
    record_lesson_taught(assignment=assignment, lesson=lesson, pupils=[ava])
    return ava, assignment, version


def _files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pupils_carry_on_while_redis_is_down_and_the_export_is_built_once_it_is_back(
    client, programme, private_redis, worker, settings, monkeypatch
):
    monkeypatch.setattr(cache_backend, "_outages", {})
    settings.CACHES = {"default": {"BACKEND": "config.cache_backend.FailOpenRedisCache", "LOCATION": private_redis.url}}
    ava, assignment, version = _course(programme)
    commissioner = with_role(GlobalRole.COMMISSIONER)
    private_root = Path(settings.PRIVATE_STORAGE_ROOT)

    with broker_at(private_redis.url):
        private_redis.stop()

        sign_in(client, ava)
        quiz_url = url("quiz", assignment.pk)
        form = {"version": str(version.pk), "key": "5f0c5d8e-7a53-4c1e-9a0e-0d6c1b1a2b3c"}
        form.update({"answer-q1": "a", "answer-q2": "b"})
        first, again = client.post(quiz_url, form), client.post(quiz_url, form)
        assert first.status_code == again.status_code == 302
        assert QuizAttempt.objects.filter(pupil=ava).count() == 1 and QuizAnswer.objects.count() == 2

        client.force_login(commissioner)
        response = client.post(reverse("reports:dashboard_export"), {"format": "csv"})
        export = Export.objects.get()
        assert response.status_code == 302 and response["Location"] == reverse(
            "reports:export_status", args=[export.pk]
        )
        export.refresh_from_db()
        assert export.status == ExportStatus.NOT_QUEUED
        page = client.get(response["Location"]).content.decode()
        assert "could not be queued" in page and ">Try again</button>" in page
        assert _files_under(private_root) == []

        private_redis.start()
        assert client.post(reverse("reports:export_retry", args=[export.pk])).status_code == 302
        assert Export.objects.get(pk=export.pk).status in (ExportStatus.QUEUED, ExportStatus.RUNNING, ExportStatus.DONE)
        # A second press while it is on its way queues nothing more.
        client.post(reverse("reports:export_retry", args=[export.pk]))

        _wait_until(
            lambda: Export.objects.get(pk=export.pk).status in (ExportStatus.DONE, ExportStatus.FAILED),
            f"the worker to build the export (its log: {worker})",
        )

    export.refresh_from_db()
    assert (export.status, export.attempts) == (ExportStatus.DONE, 1), worker.read_text()
    assert _files_under(private_root) == [private_root / export.file.name]
