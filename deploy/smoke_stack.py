"""The processes of one production smoke run: their environment, logs and throwaway database.

Used by ``deploy/prod_smoke.py`` (see its docstring); every wait is bounded.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG = "postgres://root@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379"
REDIS_DB = 11
VISIBILITY_TIMEOUT = 20
# Every wait is bounded; the whole run takes about two minutes.
DEADLINE = 90
BEAT_ENTRIES = (
    "refresh-rollups-nightly",
    "build-audit-report",
    "delete-expired-questions",
    "delete-expired-exports",
    "apply-retention",
)


class SmokeFailureError(AssertionError):
    pass


def check(condition: object, message: str) -> None:
    if not condition:
        raise SmokeFailureError(message)


def wait_for(what: str, probe: Callable[[], object], deadline: float = DEADLINE, every: float = 0.3):
    """Call ``probe`` until it returns something truthy; return that, or fail after ``deadline`` seconds."""
    until = time.monotonic() + deadline
    while time.monotonic() < until:
        value = probe()
        if value:
            return value
        time.sleep(every)
    raise SmokeFailureError(f"Gave up waiting for {what} after {deadline} s")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Stack:
    """The processes of one smoke run, their logs, and the throwaway database."""

    folder: Path
    db_name: str
    env: dict[str, str]
    port: int
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database_url(self) -> str:
        return self.env["DATABASE_URL"]

    @property
    def private_root(self) -> Path:
        return Path(self.env["DJANGO_PRIVATE_ROOT"])

    def log_path(self, name: str) -> Path:
        return self.folder / f"{name}.log"

    def log_text(self, name: str) -> str:
        path = self.log_path(name)
        return path.read_text(errors="replace") if path.exists() else ""

    def note(self, line: str) -> None:
        self.summary.append(line)
        print(f"  ok  {line}", flush=True)

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300
        )
        if result.returncode:
            raise SmokeFailureError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def start(self, name: str, command: list[str]) -> None:
        """Start a process in a session of its own, so it and its children can be stopped together."""
        with self.log_path(name).open("w") as log:
            self.processes[name] = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def kill(self, name: str) -> None:
        """SIGKILL a process and its children at once: a machine lost, an out-of-memory kill."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        self.processes.clear()

    def query(self, sql: str, *params) -> list[tuple]:
        with psycopg.connect(self.database_url, autocommit=True) as connection:
            return connection.execute(sql, params).fetchall()

    def assert_running(self) -> None:
        for name, process in self.processes.items():
            check(process.poll() is None, f"{name} stopped (exit {process.returncode}):\n{self.log_text(name)[-3000:]}")


def production_env(folder: Path, db_name: str, port: int) -> dict[str, str]:
    """The environment of every process: production settings, nothing shared with other runs."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CELERY_"))}
    for name in ("DATABASE_URL", "REDIS_URL", "SENTRY_DSN", "PYTEST_XDIST_WORKER", "PUPIL_CODE_KEY"):
        env.pop(name, None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(48)[:64],
            "PUPIL_CODE_KEY": secrets.token_urlsafe(48),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "False",
            "DATABASE_URL": f"{PG}/{db_name}",
            "REDIS_URL": f"{REDIS}/{REDIS_DB}",
            "DJANGO_PRIVATE_ROOT": str(folder / "private"),
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            "DJANGO_MEDIA_ROOT": str(folder / "media"),
            "EMAIL_URL": "consolemail://",
            "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
            "LOG_FORMAT": "json",
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",
        }
    )
    return env


def worker_command(name: str) -> list[str]:
    return [
        PYTHON,
        "-m",
        "celery",
        "-A",
        "config.celery_app",
        "worker",
        "--queues",
        "default,emails,exports",
        "--concurrency",
        "1",
        "--prefetch-multiplier",
        "1",
        "--hostname",
        f"{name}@%h",
        "--loglevel",
        "INFO",
    ]


def start_processes(stack: Stack) -> None:
    stack.start("web", [PYTHON, "-m", "gunicorn", "config.wsgi", "--config", "config/gunicorn_settings.py"])
    stack.start("worker-a", worker_command("smoke-a"))
    stack.start("worker-b", worker_command("smoke-b"))
    beat = [PYTHON, "-m", "celery", "-A", "config.celery_app", "beat", "--loglevel", "INFO"]
    beat += ["--scheduler", "django_celery_beat.schedulers:DatabaseScheduler"]
    beat += ["--pidfile", str(stack.folder / "beat.pid")]
    stack.start("beat", beat)


def healthy(stack: Stack) -> dict | None:
    stack.assert_running()
    try:
        response = requests.get(stack.base + "/health/", timeout=10)
    except requests.RequestException:
        return None
    return response.json() if response.status_code == 200 else None
