"""The production run path, end to end on this machine: `make prod-smoke`.

    .venv/bin/python deploy/prod_smoke.py [--answers 80000] [--keep-logs]

With the production settings (``config.settings.production``, a random secret key, JSON logs)
and its own PostgreSQL database (created and dropped) and Redis database (number 11, emptied
before and after), it migrates, writes a small world (``deploy/smoke_world.py``), collects the
static files, then starts each production process as its own subprocess: gunicorn with
``config/gunicorn_settings.py`` (2 workers), two Celery workers (each on every queue, one task
at a time, so either can take an export) and one beat with django-celery-beat's database
scheduler. Once ``/health/`` is healthy it checks, over HTTP:

- a pupil signs in with codes and submits the quiz twice (a double press): stored once;
- a teacher downloads the class progress CSV;
- a commissioner signs in with TOTP MFA and gets the dashboard export, built by a worker;
- the audit report task, queued as beat queues it, is built by a worker and its PDF downloads;
- beat wrote every ``CELERY_BEAT_SCHEDULE`` entry to its database table;
- request ids go in and out (``X-Request-ID``) and into the JSON logs;
- a worker dies: an evaluator's big export is started, the worker that took it is killed
  (SIGKILL of its whole process group, like a lost machine), and the other worker builds it:
  one finished export, one file.

Redis gives back a dead worker's unacknowledged task only once the broker's visibility timeout
has passed since it was taken (``CELERY_VISIBILITY_TIMEOUT``, an hour by default). This run sets
it to 20 seconds, so the recovery is seen within the run; the mechanism is the production one.

Prints a summary; exits non-zero on any failure. Processes, database and Redis keys are always
cleaned up. ``tests/test_prod_smoke.py`` runs the same ``run_smoke``.
"""

import argparse
import json
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.smoke_journeys import (  # noqa: E402
    a_worker_dies_mid_export,
    beat_synced_the_schedule,
    commissioner_exports_and_reads_the_audit_report,
    pupil_takes_the_quiz,
    request_ids_and_json_logs,
    teacher_downloads_the_class_csv,
)
from deploy.smoke_stack import (  # noqa: E402
    PYTHON,
    SmokeFailureError,
    Stack,
    check,
    free_port,
    healthy,
    production_env,
    start_processes,
    wait_for,
)


def run_smoke(*, answers: int = 80_000, keep_logs: bool = False) -> list[str]:
    """Run the whole smoke; return the summary lines, or raise SmokeFailureError (with the logs' tails)."""
    folder = Path(tempfile.mkdtemp(prefix="respect-smoke-"))
    db_name = f"respect_smoke_{secrets.token_hex(4)}"
    stack = Stack(folder=folder, db_name=db_name, env=production_env(folder, db_name, free_port()), port=0)
    stack.port = int(stack.env["GUNICORN_BIND"].rsplit(":", 1)[1])
    broker = redis.Redis.from_url(stack.env["REDIS_URL"])
    started = time.monotonic()
    failed = True
    try:
        broker.flushdb()
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", db_name], check=True)
        stack.manage("migrate", "--noinput")
        world_run = subprocess.run(
            [PYTHON, "deploy/smoke_world.py", "--answers", str(answers)],
            cwd=ROOT,
            env=stack.env,
            capture_output=True,
            text=True,
            check=False,
        )
        check(world_run.returncode == 0, f"smoke_world.py failed:\n{world_run.stderr[-3000:]}")
        world = json.loads(world_run.stdout.strip().splitlines()[-1])
        stack.manage("collectstatic", "--noinput")
        stack.note(f"migrated {db_name}, wrote the world ({world['bulk_answers']} bulk answers), collected static")

        start_processes(stack)
        checks = wait_for("/health/ to be healthy", lambda: healthy(stack))
        stack.note(f"gunicorn (2 workers), 2 Celery workers and beat up; /health/: {checks}")

        request_ids_and_json_logs(stack)
        pupil_takes_the_quiz(stack, world)
        teacher_downloads_the_class_csv(stack, world)
        commissioner_exports_and_reads_the_audit_report(stack, world)
        beat_synced_the_schedule(stack)
        a_worker_dies_mid_export(stack, world)
        after = wait_for("/health/ after the kill", lambda: healthy(stack))
        stack.note(f"/health/ still healthy with one worker left: {after}")
        failed = False
        stack.summary.append(f"production smoke passed in {time.monotonic() - started:.0f} s")
        return stack.summary
    except Exception as error:
        tails = "\n".join(
            f"--- {name}.log (last lines)\n{stack.log_text(name)[-2500:]}"
            for name in ("web", "worker-a", "worker-b", "beat")
        )
        raise SmokeFailureError(f"{error}\n{tails}") from error
    finally:
        stack.stop_all()
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--force", "--if-exists", db_name], check=False)
        broker.flushdb()
        if failed or keep_logs:
            print(f"logs kept in {folder}", flush=True)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=80_000, help="quiz answers behind the evaluator export")
    parser.add_argument("--keep-logs", action="store_true", help="keep the processes' logs in the temporary folder")
    args = parser.parse_args()
    print("Production smoke run", flush=True)
    try:
        summary = run_smoke(answers=args.answers, keep_logs=args.keep_logs)
    except SmokeFailureError as failure:
        print(f"\nFAILED: {failure}", file=sys.stderr)
        sys.exit(1)
    print(f"\n{summary[-1]}")


if __name__ == "__main__":
    main()
