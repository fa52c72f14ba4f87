"""The test database, whether migrated now or copied from a kept migrated copy, is fully migrated."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import migrated_db_cache


@pytest.mark.django_db
def test_the_test_database_has_every_migration_applied():
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert plan == [], f"unapplied migrations: {[migration for migration, _ in plan]}"


def test_the_key_changes_when_a_migration_changes(tmp_path, monkeypatch):
    (tmp_path / "app" / "migrations").mkdir(parents=True)
    (tmp_path / "config" / "settings").mkdir(parents=True)
    migration = tmp_path / "app" / "migrations" / "0001_initial.py"
    migration.write_text("operations = []\n")
    monkeypatch.setattr(migrated_db_cache, "PROJECT", tmp_path)
    before = migrated_db_cache.schema_key()
    assert migrated_db_cache.schema_key() == before
    migration.write_text("operations = ['changed']\n")
    assert migrated_db_cache.schema_key() != before
