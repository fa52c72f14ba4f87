"""Kent and Medway's synchronised start on one small server: 3,000 pupils at once, for 10 minutes.

    .venv/bin/python benchmarks/county_peak.py [--paced 2000] [--live 1000] [--classes 33]
        [--minutes 10] [--workers 4] [--port 8160] [--database-url URL] [--bare]

About 1 % of the county's pupils starting together: ``--paced`` pupils sign in over the first
5 minutes and page through self-paced lessons (a page every 20 seconds), ``--live`` pupils in
``--classes`` live lessons join with their codes and poll as the page's script does, answering
the three activities their teacher opens (the third is the quiz), and every pupil submits one
quiz. Devices are locust users with its fast HTTP client (``county_peak_users.py``), run
headless in a process of their own whose CPU is reported apart from the server's.

Creates a fresh database (dropped afterwards) with the demo programme, the schools, classes,
pupils and their assignments, and starts its own redis-server and gunicorn (``--workers`` sync
workers, DEBUG off, ``SERVER_TIMING`` on so the access log carries each request's CPU).

Prints, per kind of request: how many, errors, p50/p95/p99 as the devices saw them (locust), and
the server's CPU per request (from each response's Server-Timing); then the CPU of gunicorn,
PostgreSQL, Redis and the load tool over the run, and answers and quizzes stored against those
sent (which must be equal). ``--bare`` then serves a bare Django view of the same size as each
kind (``bare_site.py``) under the same gunicorn settings and prints its CPU per request beside.
Prints figures only; it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bare_load import bare_cpu_per_request, start_bare_gunicorn
from private_redis import private_redis
from quiz_burst import benchmark_env, manage
from server_usage import (
    ACCESS_LOG_FORMAT,
    cpu_seconds_between,
    cpu_snapshot,
    percentile,
    process_tree,
    processes_named,
    request_cpu_ms,
)

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "peak-password-123"
SETUP = """
import json, sys, random
from django.utils import timezone
from accounts.models import User
from classroom.services.delivery import record_checklist
from classroom.services.live import lesson_blocks, start_session
from courses.models import ModulePage
from learning.models import LessonProgress
from schools.models import Assignment, ClassMembership, LocalAuthority, Pupil, School, StaffMembership
from schools.pupil_codes import PUPIL_CODE_LENGTH, code_digest, new_code
from schools.services.classes import create_class, current_academic_year

paced_count, live_count, live_classes = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
kent, _ = LocalAuthority.objects.get_or_create(code="886", defaults={"name": "Kent"})
modules = list(ModulePage.objects.live().order_by("path").specific())
paced_module = next(m for m in modules if m.can_be_self_paced and m.knowledge_quiz_id)
live_module, live_lesson = next(
    (m, lesson) for m in modules if m.knowledge_quiz_id for lesson in m.lessons() if len(lesson_blocks(lesson)) >= 2
)
blocks = [block.id for block in lesson_blocks(live_lesson)]
year = current_academic_year()
now = timezone.now()
schools = [
    School.objects.create(name=f"Peak School {n}", urn=980000 + n, local_authority=kent, dsl_name="Ms Lead",
                          dsl_contact="Room 1")
    for n in range(12)
]

def make_class(n, size, kind):
    school = schools[n % len(schools)]
    teacher = User.objects.create_user(f"peak-{kind}-{n}@example.org", "PEAK_PASSWORD")
    StaffMembership.objects.create(user=teacher, school=school, role="teacher")
    klass = create_class(school=school, name=f"{kind[0].upper()}{n}", year_group=9, academic_year=year, teacher=teacher)
    codes = [new_code(PUPIL_CODE_LENGTH) for _ in range(size)]
    pupils = Pupil.objects.bulk_create(
        Pupil(school=school, first_name=f"Pupil{i}", last_name=f"{kind[0].upper()}{n}", year_group=9,
              login_code_digest=code_digest(school.pk, code), login_code_changed_at=now)
        for i, code in enumerate(codes)
    )
    ClassMembership.objects.bulk_create(ClassMembership(pupil=p, school_class=klass) for p in pupils)
    return teacher, klass, codes, pupils

def lessons_taught(assignment, pupils, lessons):
    # The end-of-module quiz opens once every lesson is done (the live lesson's quiz records that one).
    LessonProgress.objects.bulk_create(
        LessonProgress(pupil=p, assignment=assignment, lesson=lesson, completed_at=now, taught_in_class=True)
        for p in pupils for lesson in lessons
    )

plan = {"paced": [], "live": [], "teachers": [], "password": "PEAK_PASSWORD"}
sizes = lambda total, groups: [total // groups + (1 if i < total % groups else 0) for i in range(groups)]
paced_lessons = [lesson.pk for lesson in paced_module.lessons()]
for n, size in enumerate(sizes(paced_count, max(1, round(paced_count / 30)))):
    teacher, klass, codes, pupils = make_class(n, size, "paced")
    assignment = Assignment.objects.create(school_class=klass, module=paced_module, opens_on=timezone.localdate(),
                                           delivery="self_paced", include_surveys=False)
    lessons_taught(assignment, pupils, paced_module.lessons())
    plan["paced"] += [{"class_code": klass.class_code, "code": code, "assignment": assignment.pk,
                       "lessons": paced_lessons} for code in codes]
for n, size in enumerate(sizes(live_count, live_classes)):
    teacher, klass, codes, pupils = make_class(n, size, "live")
    assignment = Assignment.objects.create(school_class=klass, module=live_module, opens_on=timezone.localdate(),
                                           include_surveys=False)
    lessons_taught(assignment, pupils, [lesson for lesson in live_module.lessons() if lesson.pk != live_lesson.pk])
    record_checklist(school_class=klass, lesson=live_lesson, teacher=teacher, dsl_told=True,
                     affected_pupils_considered=True, ground_rules_ready=True)
    session = start_session(school_class=klass, assignment=assignment, lesson=live_lesson, teacher=teacher)
    plan["teachers"].append({"email": teacher.email, "session": session.pk,
                             "activities": [blocks[0], blocks[1], "quiz"]})
    plan["live"] += [{"class_code": klass.class_code, "code": code, "session": session.pk} for code in codes]
random.Random(7).shuffle(plan["paced"])
random.Random(8).shuffle(plan["live"])
print(json.dumps(plan))
""".replace("PEAK_PASSWORD", PASSWORD)
COUNT_STORED = """
from classroom.models import LiveSession
from learning.models import ActivityAnswer, QuizAttempt
from schools.models import Assignment
live = list(LiveSession.objects.values_list("assignment_id", flat=True))
paced = Assignment.objects.filter(delivery="self_paced").values("pk")
print(QuizAttempt.objects.filter(assignment__in=paced).count(),
      ActivityAnswer.objects.filter(assignment_id__in=live).count()
      + QuizAttempt.objects.filter(assignment_id__in=live).count())
"""


def kind_of(method: str, path: str) -> str:
    """The locust name of a logged request (the most specific rule that matches)."""
    if path.endswith("/state/"):
        return "live poll"
    if path.endswith("/counts/"):
        return "live counts"
    if path.endswith("/activity/"):
        return "open activity"
    if path.startswith("/pupil/live/join/"):
        return "live join" if method == "POST" else "live join page"
    if path.startswith("/pupil/live/"):
        return "live answer" if method == "POST" else "live page"
    if path.startswith("/teach/live/"):
        return "teacher live page"
    if path == "/pupil/login/":
        return "sign in" if method == "POST" else "sign in page"
    if path == "/accounts/login/":
        return "staff sign in" if method == "POST" else "staff sign in page"
    if path == "/pupil/":
        return "pupil home"
    if "/lessons/" in path:
        return "lesson slide"
    if path.endswith("/quiz/"):
        return "quiz submit" if method == "POST" else "quiz page"
    if path.startswith("/pupil/modules/"):
        return "module page"
    return "other"


def start_gunicorn(env: dict, workers: int, port: int, log: Path) -> subprocess.Popen:
    import requests

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
            "--backlog",
            "4096",
            "--access-logfile",
            str(log),
            "--access-logformat",
            ACCESS_LOG_FORMAT,
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(200):
        try:
            requests.get(f"http://127.0.0.1:{port}/health/live/", timeout=5)
            return server
        except requests.RequestException:
            time.sleep(0.5)
    sys.exit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paced", type=int, default=2000, help="pupils paging through self-paced lessons")
    parser.add_argument("--live", type=int, default=1000, help="pupils in live lessons")
    parser.add_argument("--classes", type=int, default=33, help="live lessons")
    parser.add_argument("--minutes", type=float, default=10.0, help="length of the run (at least 10 for the target)")
    parser.add_argument("--ramp", type=float, default=5.0, help="minutes over which pupils sign in")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8160)
    parser.add_argument("--bare", action="store_true", help="also measure a same-size bare Django view")
    parser.add_argument("--database-url", default="postgres://root@127.0.0.1:5432/postgres")
    args = parser.parse_args()

    db_name = f"respect_bench_peak_{os.getpid()}"
    work = Path(f"/tmp/{db_name}")
    work.mkdir(exist_ok=True)
    access_log, plan_file, sent_file = work / "access.log", work / "plan.json", work / "sent.json"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", db_name], check=True)
    server = None
    with private_redis() as redis_url:
        env = {**benchmark_env(args.database_url, db_name), "REDIS_URL": redis_url, "SERVER_TIMING": "true"}
        try:
            print(
                f"[{time.strftime('%H:%M:%S')}] migrating, loading the programme, making the county's classes",
                file=sys.stderr,
                flush=True,
            )
            manage(env, "migrate", "--noinput")
            manage(env, "shell", "-c", "from courses.demo_data import load_demo_content; load_demo_content()")
            plan = json.loads(
                manage(
                    env,
                    "shell",
                    "-c",
                    SETUP.replace("sys.argv[1]", str(args.paced))
                    .replace("sys.argv[2]", str(args.live))
                    .replace("sys.argv[3]", str(args.classes)),
                )
            )
            server = start_gunicorn(env, args.workers, args.port, access_log)
            seconds = int(args.minutes * 60)
            ramp = args.ramp * 60
            plan.update(
                started=time.time() + 5,
                quiz_from=ramp * 0.5,
                quiz_until=seconds - 30,
                open_at=[ramp * 0.4, ramp * 1.0, seconds * 0.75],
            )
            plan_file.write_text(json.dumps(plan))
            users = len(plan["paced"]) + len(plan["live"]) + len(plan["teachers"])
            print(f"[{time.strftime('%H:%M:%S')}] {users} devices for {seconds} s", file=sys.stderr, flush=True)
            log_start = access_log.stat().st_size
            load_before = os.getloadavg()
            web_pids, pg_pids = process_tree(server.pid), processes_named("postgres")
            redis_pids = processes_named("redis-server")
            before = cpu_snapshot(web_pids + pg_pids + redis_pids)
            started = time.perf_counter()
            locust = subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "locust",
                    "-f",
                    str(ROOT / "benchmarks" / "county_peak_users.py"),
                    "--headless",
                    "--users",
                    str(users),
                    "--spawn-rate",
                    f"{users / ramp:.2f}",
                    "--run-time",
                    f"{seconds}s",
                    "--host",
                    f"http://127.0.0.1:{args.port}",
                    "--csv",
                    str(work / "locust"),
                    "--only-summary",
                    "--stop-timeout",
                    "30",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT / "benchmarks",
                env={**env, "COUNTY_PEAK_PLAN": str(plan_file), "COUNTY_PEAK_SENT": str(sent_file)},
                stdout=subprocess.DEVNULL,
            )
            locust_cpu = 0.0
            locust_before = cpu_snapshot(process_tree(locust.pid))
            while locust.poll() is None:
                now = cpu_snapshot(process_tree(locust.pid))
                locust_cpu = max(locust_cpu, cpu_seconds_between(locust_before, now))
                time.sleep(2)
            wall = time.perf_counter() - started
            web_cpu = cpu_seconds_between(before, cpu_snapshot(process_tree(server.pid)))
            pg_cpu = cpu_seconds_between(before, cpu_snapshot(processes_named("postgres")))
            redis_cpu = cpu_seconds_between(before, cpu_snapshot(processes_named("redis-server")))
            load_after = os.getloadavg()
            stored_quiz, stored_live = (int(x) for x in manage(env, "shell", "-c", COUNT_STORED).split())
            sent = json.loads(sent_file.read_text()) if sent_file.exists() else {}

            with (work / "locust_stats.csv").open() as handle:
                stats = {row["Name"]: row for row in csv.DictReader(handle)}
            cpu = request_cpu_ms(access_log, log_start, access_log.stat().st_size, kind_of)
            cores = os.cpu_count() or 1
            total = int(stats.get("Aggregated", {}).get("Request Count", 0))
            print(
                f"devices: {len(plan['paced'])} self-paced pupils, {len(plan['live'])} live pupils in "
                f"{len(plan['teachers'])} lessons, {len(plan['teachers'])} teachers  run: {wall:.0f} s  "
                f"gunicorn: {args.workers} sync workers  cores: {cores}"
            )
            print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min)")
            print(
                f"requests: {total}  {total / wall:.1f}/s  errors: {stats.get('Aggregated', {}).get('Failure Count')}"
            )
            print(
                f"{'kind':20} {'n':>7} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
                f"{'server CPU ms p50':>17} {'mean':>6}  {'in site p95 ms':>14}"
            )
            worst = 0.0
            for name, row in sorted(stats.items()):
                if name == "Aggregated":
                    continue
                p95 = float(row["95%"])
                worst = max(worst, p95)
                kind_cpu = cpu.get(name, [])
                mean = sum(kind_cpu) / len(kind_cpu) if kind_cpu else 0.0
                print(
                    f"{name:20} {int(row['Request Count']):7d} {int(row['Failure Count']):6d} {float(row['50%']):7.0f} "
                    f"{p95:7.0f} {float(row['99%']):7.0f} {percentile(kind_cpu, 0.5):15.2f} {mean:6.2f}"
                )
            print(f"worst p95: {worst:.0f} ms (target: under 300 ms for every kind)")
            print(
                f"CPU over the run: gunicorn {web_cpu:.1f} s ({web_cpu / wall:.2f} cores, "
                f"{1000 * web_cpu / max(total, 1):.2f} ms a request), PostgreSQL {pg_cpu:.1f} s, "
                f"Redis {redis_cpu:.1f} s; "
                f"load tool (locust) {locust_cpu:.1f} s ({locust_cpu / wall:.2f} cores), counted apart"
            )
            print(
                f"quizzes sent by self-paced pupils: {sent.get('quiz')}  stored: {stored_quiz}  "
                f"live answers and quizzes sent: {sent.get('live answers')}  stored: {stored_live}  stored == sent: "
                + ("yes" if sent.get("quiz") == stored_quiz and sent.get("live answers") == stored_live else "NO")
            )
            if args.bare:
                server.terminate()
                server.wait(timeout=30)
                server = None
                sizes = {"live poll": 90, "lesson slide": 9000, "quiz submit": 0}
                bare = start_bare_gunicorn(args.workers, args.port + 1)
                try:
                    for name, size in sizes.items():
                        figure = bare_cpu_per_request(bare, args.port + 1, size, requests=3000, clients=16)
                        print(
                            f"bare Django view, {size} bytes (beside {name}): {figure['cpu_ms']:.2f} ms of "
                            f"gunicorn CPU a request, {figure['rate']:.0f} requests/s"
                        )
                finally:
                    bare.terminate()
                    bare.wait(timeout=30)
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--if-exists", db_name], check=False)


if __name__ == "__main__":
    main()
