"""The production run path on this machine: `deploy/prod_smoke.py`, as `make prod-smoke` runs it.

It starts gunicorn, two Celery workers and beat with the production settings, against a
PostgreSQL database and a Redis database of its own, and checks a pupil's quiz, a teacher's CSV,
a commissioner's export and the audit report, beat's schedule, request ids and JSON logs, and
an export finished by the other worker after the one building it is killed.
"""

import pytest

from deploy.prod_smoke import run_smoke

pytestmark = pytest.mark.services


def test_production_processes_serve_the_journeys_and_survive_a_killed_worker():
    summary = run_smoke()
    assert summary[-1].startswith("production smoke passed")
    assert any("one finished file" in line for line in summary)
