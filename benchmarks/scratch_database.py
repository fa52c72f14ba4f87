"""A PostgreSQL database of its own for an in-process benchmark: created, Django set up on it, dropped after.

The benchmarks that build a world in the database they measure (``county_reports.py``,
``rollup_refresh.py``) each run in a new database named after their process, so two runs never share
one, and drop it afterwards unless asked to keep it for a look.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


def setup_django(database_url: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "false",
            "DATABASE_URL": database_url,
            "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        }
    )
    import django

    django.setup()


@contextmanager
def scratch_database(database_url: str, prefix: str, *, keep: bool = False) -> Iterator[str]:
    """Create ``{prefix}_{pid}`` beside ``database_url``'s database, set Django up on it and yield its
    name; drop it on the way out unless ``keep``."""
    base_url, _, _ = database_url.rpartition("/")
    db_name = f"{prefix}_{os.getpid()}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", db_name], check=True)
    try:
        setup_django(f"{base_url}/{db_name}")
        yield db_name
    finally:
        if not keep:
            from django.db import connections

            connections.close_all()
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--if-exists", db_name], check=False)
