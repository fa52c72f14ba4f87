"""One migrated SQLite test database, reused by every test run until a migration changes.

Running every migration (this project's, Django's and Wagtail's) into a fresh in-memory SQLite
database costs each test process several seconds of CPU, which is most of a short test run's
time. The first run keeps a copy of the migrated database in a file; later runs copy that file
into their in-memory database with SQLite's backup API instead of migrating.

The copy is keyed on everything that could change the migrated schema or its initial rows: the
text of every migration and settings module in the project, the name and version of every
installed distribution, and the Python and SQLite versions. Any change makes a new key, and the
first run under it migrates as before. PostgreSQL runs (CI) are not affected.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.db.backends.sqlite3.creation import DatabaseCreation

PROJECT = Path(__file__).resolve().parent.parent
CACHE_DIR = Path(os.environ.get("TEST_DB_CACHE_DIR", Path(tempfile.gettempdir()) / "respect-online-test-db"))


def schema_key() -> str:
    """A digest of what decides the migrated database's contents."""
    digest = hashlib.sha256()
    sources = sorted(PROJECT.glob("*/migrations/*.py")) + sorted((PROJECT / "config" / "settings").glob("*.py"))
    for path in sources:
        digest.update(str(path.relative_to(PROJECT)).encode())
        digest.update(path.read_bytes())
    distributions = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
    digest.update("\n".join(distributions).encode())
    digest.update(sys.version.encode())
    digest.update(sqlite3.sqlite_version.encode())
    return digest.hexdigest()[:24]


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target)


def install() -> None:
    """Wrap SQLite's test database creation so an in-memory database starts from the kept copy."""
    original = DatabaseCreation.create_test_db
    if getattr(original, "_keeps_migrated_copy", False):
        return

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        test_name = self._get_test_db_name()
        if keepdb or not self.is_in_memory_db(test_name):
            return original(self, verbosity, autoclobber, serialize, keepdb)
        kept = CACHE_DIR / f"migrated-{schema_key()}.sqlite3"
        if not kept.exists():
            name = original(self, verbosity, autoclobber, serialize, keepdb)
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            partial = kept.with_suffix(f".{os.getpid()}.partial")
            target = sqlite3.connect(partial)
            try:
                _copy(self.connection.connection, target)
            finally:
                target.close()
            os.replace(partial, kept)  # atomic: a parallel worker sees the whole file or none
            return name

        from django.core.management import call_command

        self.connection.close()
        settings.DATABASES[self.connection.alias]["NAME"] = test_name
        self.connection.settings_dict["NAME"] = test_name
        self.connection.ensure_connection()
        source = sqlite3.connect(f"file:{kept}?mode=ro", uri=True)
        try:
            _copy(source, self.connection.connection)
        finally:
            source.close()
        if serialize:
            self.connection._test_serialized_contents = self.serialize_db_to_string()
        call_command("createcachetable", database=self.connection.alias)
        return test_name

    create_test_db._keeps_migrated_copy = True  # type: ignore[attr-defined]
    DatabaseCreation.create_test_db = create_test_db  # type: ignore[method-assign]
