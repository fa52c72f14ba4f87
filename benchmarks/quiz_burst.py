"""A whole year group submitting one quiz at once, through gunicorn, against PostgreSQL.

    .venv/bin/python benchmarks/quiz_burst.py [--pupils 300] [--spread 0] [--workers 4] [--bare] [--database-url URL]

Creates a fresh database (dropped afterwards), loads the demo programme, makes a class of
N pupils with one assignment, starts gunicorn on 127.0.0.1, signs every pupil in and opens
the quiz (not timed), then has all N submit at the same moment. Prints throughput,
latency percentiles, the CPU gunicorn and PostgreSQL used per submission, and the number of
attempts stored against the number sent: the two must be equal. The cache and sessions are a
private redis-server, as in production. ``--bare`` then sends the same burst to a bare Django
view under the same gunicorn settings and prints its figures beside. Prints figures only; it
asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from bare_load import bare_cpu_per_request, start_bare_gunicorn
from page_forms import csrf_token, first_choice_form
from private_redis import private_redis
from server_usage import cpu_seconds_between, cpu_snapshot, process_tree, processes_named

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SETUP = """
import json, sys
from django.utils import timezone
from courses.models import ModulePage
from accounts.models import User
from learning.services.lessons import record_lesson_taught
from schools.models import Assignment, LocalAuthority, School, StaffMembership
from schools.services.classes import create_class, current_academic_year
from schools.services.pupils import create_pupil

count = int(sys.argv[1])
authority, _ = LocalAuthority.objects.get_or_create(code="886", defaults={"name": "Kent"})
school = School.objects.create(name="Benchmark School", urn=999999, local_authority=authority)
teacher = User.objects.create_user("bench-teacher@example.org", "bench-password-123")
StaffMembership.objects.create(user=teacher, school=school, role="teacher")
klass = create_class(school=school, name="Bench", year_group=9, academic_year=current_academic_year(), teacher=teacher)
made = [create_pupil(school=school, school_class=klass, first_name=f"Pupil{n}", last_name="B", year_group=9,
                     actor=None, audit=False) for n in range(count)]
codes = [code for _, code in made]
module = ModulePage.objects.live().filter(knowledge_quiz__isnull=False).order_by("path").first()
assignment = Assignment.objects.create(school_class=klass, module=module, opens_on=timezone.localdate())
# The end-of-module quiz opens once every lesson is done: taught to the whole class (not timed).
for lesson in module.lessons():
    record_lesson_taught(assignment=assignment, lesson=lesson, pupils=[pupil for pupil, _ in made])
json.dump({"class_code": klass.class_code, "codes": codes, "assignment": assignment.pk}, sys.stdout)
"""


def manage(env: dict, *args: str) -> str:
    """Run a management command; return the last line it printed (the shell may print a banner first)."""
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def benchmark_env(database_url: str, db_name: str) -> dict:
    """Local settings against a fresh database, without debug, and with sign-in limits lifted."""
    base_url, _, _ = database_url.rpartition("/")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": f"{base_url}/{db_name}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PUPIL_LOGIN_RATE_PER_IP": "100000/5m",
        "PUPIL_LOGIN_RATE_PER_CLASS": "100000/5m",
    }


def start_gunicorn(env: dict, workers: int, port: int) -> tuple[subprocess.Popen, str]:
    """Start gunicorn on 127.0.0.1 and wait until it answers; return the process and base URL."""
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(base + "/pupil/login/", timeout=5)
            break
        except requests.RequestException:
            time.sleep(0.5)
    return server, base


def prepare(session: requests.Session, base: str, class_code: str, code: str, assignment: int) -> dict:
    """Sign in and open the quiz; return the form to submit (first choice of every question)."""
    page = session.get(f"{base}/pupil/login/", timeout=30).text
    token = csrf_token(page)
    session.post(
        f"{base}/pupil/login/",
        data={"csrfmiddlewaretoken": token, "class_code": class_code, "pupil_code": code},
        headers={"Referer": f"{base}/pupil/login/"},
        timeout=30,
    )
    quiz = session.get(f"{base}/pupil/modules/{assignment}/quiz/", timeout=30).text
    return first_choice_form(quiz)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=300)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8160)
    parser.add_argument(
        "--spread", type=float, default=0.0, help="seconds over which submissions start (0: all at once)"
    )
    parser.add_argument("--database-url", default="postgres://root@127.0.0.1:5432/postgres")
    parser.add_argument("--bare", action="store_true", help="then the same burst at a bare Django view, same gunicorn")
    args = parser.parse_args()

    with private_redis() as redis_url:
        run(args, redis_url)


def run(args: argparse.Namespace, redis_url: str) -> None:
    db_name = f"respect_bench_{os.getpid()}"
    env = {**benchmark_env(args.database_url, db_name), "REDIS_URL": redis_url}
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", db_name], check=True)
    server = None
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_data")
        setup = json.loads(manage(env, "shell", "-c", SETUP.replace("sys.argv[1]", str(args.pupils))))
        server, base = start_gunicorn(env, args.workers, args.port)

        sessions = [requests.Session() for _ in setup["codes"]]
        with ThreadPoolExecutor(max_workers=20) as pool:
            forms = list(
                pool.map(
                    lambda pair: prepare(pair[0], base, setup["class_code"], pair[1], setup["assignment"]),
                    zip(sessions, setup["codes"], strict=True),
                )
            )
        missing = sum(1 for form in forms if "key" not in form)
        if missing:
            sys.exit(f"{missing} pupils could not open the quiz: check the quiz page's form.")

        barrier = threading.Barrier(len(sessions))
        delays = [random.Random(index).uniform(0, args.spread) for index in range(len(sessions))]
        latencies: list[float] = []
        statuses: list[int] = []
        lock = threading.Lock()

        def submit(index: int) -> None:
            session, form = sessions[index], forms[index]
            barrier.wait()
            time.sleep(delays[index])
            started = time.perf_counter()
            response = session.post(
                f"{base}/pupil/modules/{setup['assignment']}/quiz/",
                data=form,
                headers={"Referer": f"{base}/pupil/modules/{setup['assignment']}/quiz/"},
                allow_redirects=False,
                timeout=120,
            )
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses.append(response.status_code)

        before = cpu_snapshot(process_tree(server.pid) + processes_named("postgres"))
        wall = time.perf_counter()
        with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
            list(pool.map(submit, range(len(sessions))))
        wall = time.perf_counter() - wall
        web_cpu = cpu_seconds_between(before, cpu_snapshot(process_tree(server.pid)))
        db_cpu = cpu_seconds_between(before, cpu_snapshot(processes_named("postgres")))

        count_attempts = (
            "from learning.models import QuizAttempt; "
            f"print(QuizAttempt.objects.filter(assignment_id={setup['assignment']}).count())"
        )
        stored = int(manage(env, "shell", "-c", count_attempts).strip())
        ok = sum(1 for status in statuses if status in (200, 302, 303))
        print(
            f"pupils: {len(sessions)}  spread: {args.spread:g} s  "
            f"gunicorn workers: {args.workers}  database: PostgreSQL"
        )
        print(f"wall time: {wall:.2f} s  throughput: {len(sessions) / wall:.1f} submissions/s")
        print(
            "latency: p50 {:.0f} ms  p95 {:.0f} ms  p99 {:.0f} ms  mean {:.0f} ms  max {:.0f} ms".format(
                *(1000 * percentile(latencies, q) for q in (0.5, 0.95, 0.99)),
                1000 * statistics.mean(latencies),
                1000 * max(latencies),
            )
        )
        print(
            f"CPU: gunicorn {web_cpu:.1f} s  PostgreSQL {db_cpu:.1f} s  "
            f"submissions per gunicorn CPU-second: {len(sessions) / web_cpu:.1f}  "
            f"per CPU-second of both: {len(sessions) / (web_cpu + db_cpu):.1f}"
        )
        print(f"responses ok: {ok} of {len(statuses)}  attempts stored: {stored}  sent: {len(sessions)}")
        print("stored == sent: " + ("yes" if stored == len(sessions) else "NO"))
        print(f"load average: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
        if args.bare:
            server.terminate()
            server.wait(timeout=30)
            server = start_bare_gunicorn(args.workers, args.port + 1)
            figure = bare_cpu_per_request(server, args.port + 1, 1, requests=len(sessions), clients=len(sessions))
            print(
                f"bare Django view, same gunicorn, {len(sessions)} at once: {figure['rate']:.0f} requests/s  "
                f"p95 {figure['p95_ms']:.0f} ms  {figure['cpu_ms']:.2f} ms of gunicorn CPU a request "
                f"(the site: {1000 * web_cpu / len(sessions):.2f} ms)"
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--if-exists", db_name], check=False)


if __name__ == "__main__":
    main()
