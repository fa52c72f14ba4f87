"""Suite-wide fixtures, and the CI guard: under CI=true nothing is skipped.

Browser tests need Debian's Chromium; service tests need PostgreSQL and Redis.
On a developer machine without them those tests are skipped with a reason; in
CI (CI=true) a missing service or browser fails the run instead.
"""

import os
import shutil

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings

# The local OpenID Connect provider for the sign-in tests (fixtures oidc_provider, school_accounts).
pytest_plugins = ["tests.accounts.oidc_provider"]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Property tests: a few examples in every run (HYPOTHESIS_PROFILE=thorough for more; the long
# disclosure audit is benchmarks/disclosure_audit.py).
hypothesis_settings.register_profile("bounded", max_examples=4)
hypothesis_settings.register_profile("thorough", max_examples=50)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "bounded"))


def pytest_configure(config):
    """Reuse one migrated SQLite test database across runs (tests/migrated_db_cache.py)."""
    from tests import migrated_db_cache

    migrated_db_cache.install()


def _flushes_database(item) -> bool:
    """A transactional test (marker, fixture or live server) empties the database when it ends."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(fixtures)
    )


def _restores_rows_itself(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction") and marker.kwargs.get("serialized_rollback"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test, put back the rows the migrations made (Wagtail's root page,
    groups, content types) before an ordinary test that expects them.

    A transactional test ends by emptying every table, and with ``serialized_rollback`` (which
    every one must use: ``pytest_collection_modifyitems``) puts the migrated rows back only when
    the *next* such test starts, so an ordinary test that happens to follow it in the same process
    (pytest-xdist sends whole files) would find an empty database.
    """
    yield
    if nextitem is None or not _flushes_database(item) or _flushes_database(nextitem):
        return
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    contents = getattr(connection, "_test_serialized_contents", None)
    if not contents:
        return
    with item.config.stash[blocking_manager_key].unblock():
        connection.creation.deserialize_db_from_string(contents)
    ContentType.objects.clear_cache()


def _missing_requirements() -> dict[str, str]:
    """What each marker needs that this machine lacks."""
    missing = {}
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        missing["browser"] = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    problems = []
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems.append("DATABASE_URL does not point at PostgreSQL")
    if not settings.REDIS_URL:
        problems.append("REDIS_URL is not set")
    if problems:
        missing["services"] = "; ".join(problems)
    return missing


def pytest_collection_modifyitems(config, items):
    forgetful = [item.nodeid for item in items if _flushes_database(item) and not _restores_rows_itself(item)]
    if forgetful:
        # Without it, the content types its flush re-creates clash with the rows the next test puts back.
        raise pytest.UsageError(
            "A transactional test must use django_db(transaction=True, serialized_rollback=True): "
            + ", ".join(forgetful)
        )
    missing = _missing_requirements()
    if IN_CI and missing:
        raise pytest.UsageError(
            "CI=true but the test environment is incomplete: "
            + "; ".join(f"{marker}: {reason}" for marker, reason in missing.items())
        )
    for item in items:
        for marker, reason in missing.items():
            if marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def site_root(db):
    """The default site's home page (created like the demo does)."""
    from tests.factories import make_site_home

    return make_site_home()


@pytest.fixture
def programme(site_root):
    from tests.factories import ProgrammePageFactory

    return ProgrammePageFactory(parent=site_root)


@pytest.fixture
def module(programme):
    from tests.factories import ModulePageFactory

    return ModulePageFactory(parent=programme)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (cached page links, rendered content, rate-limit counters)."""
    from django.core.cache import cache

    from courses.content_cache import forget_everything

    cache.clear()
    forget_everything()
    yield
