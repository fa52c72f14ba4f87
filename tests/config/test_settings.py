"""Production settings refuse to start with unsafe configuration."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 30 + "-" + "x" * 30


def load_production(**env) -> subprocess.CompletedProcess:
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean_env.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings.production as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.DEMO_DATA_ALLOWED)",
        ],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = load_production(DJANGO_ALLOWED_HOSTS="respect.example.org", DATABASE_URL="postgres://db/respect")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_or_demo_secret_key():
    for key in ("short", "local-demo-key-not-for-production-use" + "x" * 20):
        result = load_production(
            DJANGO_SECRET_KEY=key, DJANGO_ALLOWED_HOSTS="respect.example.org", DATABASE_URL="postgres://db/r"
        )
        assert result.returncode != 0, key
        assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("hosts", ["", "*"])
def test_production_refuses_to_start_without_allowed_hosts(hosts):
    result = load_production(DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS=hosts, DATABASE_URL="postgres://db/r")
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must list" in result.stderr


def test_production_refuses_to_start_without_database_url():
    result = load_production(DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="respect.example.org")
    assert result.returncode != 0
    assert "DATABASE_URL must point" in result.stderr


def test_production_starts_with_safe_configuration_and_secure_cookies():
    result = load_production(
        DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="respect.example.org", DATABASE_URL="postgres://db/respect"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "False"], "no debug, secure cookies, no demo accounts"


def test_without_redis_url_tasks_run_eagerly_and_cache_is_local():
    code = (
        "import config.settings.local as s; "
        "print(s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND'].rsplit('.', 1)[-1], "
        "s.DATABASES['default']['ENGINE'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "LocMemCache", "django.db.backends.sqlite3"]


def test_with_redis_url_celery_and_cache_use_redis():
    code = (
        "import config.settings.local as s; "
        "print(s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.CACHES['default']['BACKEND'])"
    )
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/3"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "redis://127.0.0.1:6379/3",
        "config.cache_backend.FailOpenRedisCache",
    ]
