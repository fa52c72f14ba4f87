"""The data migration that fills ``ModuleProgress.first_passed`` from the attempts already stored.

Rows are made through the services, the learning app is taken back to before the
migration (the column is dropped), and migrated forward again: what comes out is the
pass of each pupil's first end-of-module attempt, never a later (practice) one and never
the quiz before the lessons.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from learning.models import ModuleProgress, QuizAttempt, Wave
from tests.reports.conftest import add_pupil, assign, evaluated, work  # noqa: F401 (evaluated: a fixture)

BEFORE = ("learning", "0007_survey_summary_releases")
MIGRATION = ("learning", "0008_first_attempt_passed")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def migrate(*targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets) or executor.loader.graph.leaf_nodes())
    return executor


def test_the_migration_fills_the_first_attempts_pass_from_the_stored_attempts(evaluated):  # noqa: F811
    assignment = assign(evaluated)
    ava, ben, cleo, dan, eve = (add_pupil(assignment, name) for name in ("Ava", "Ben", "Cleo", "Dan", "Eve"))
    # The pass mark is 70%: 2 of 2 passes, 1 of 2 does not.
    work(evaluated, assignment, ava, post_quiz=1)
    work(evaluated, assignment, ava, finish=False, post_quiz=2)  # passed only after practice
    work(evaluated, assignment, ben, post_quiz=2)
    work(evaluated, assignment, ben, finish=False, post_quiz=1)  # passed first; a later try failed
    work(evaluated, assignment, cleo, pre_quiz=2)  # full marks before the lessons, no quiz after
    work(evaluated, assignment, dan, pre_quiz=2, post_quiz=1)
    work(evaluated, assignment, eve, post_quiz=2)
    QuizAttempt.objects.filter(pupil=eve).delete()  # a summary whose attempts are gone
    expected = {ava.pk: False, ben.pk: True, cleo.pk: False, dan.pk: False, eve.pk: False}

    try:
        old = migrate(BEFORE).loader.project_state([BEFORE]).apps.get_model("learning", "ModuleProgress")
        assert "first_passed" not in {f.name for f in old._meta.get_fields()}
        assert old.objects.filter(passed=True).count() == 3  # Ava, Ben and Eve passed at some try
        migrate(MIGRATION)
    finally:
        migrate()

    found = dict(ModuleProgress.objects.values_list("pupil_id", "first_passed"))
    assert found == expected
    assert ModuleProgress.objects.get(pupil=ava).passed
    assert QuizAttempt.objects.filter(wave=Wave.PRE).count() == 2
