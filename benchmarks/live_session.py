"""Many classes taught live at once, through gunicorn, against PostgreSQL.

    .venv/bin/python benchmarks/live_session.py [--classes 30] [--pupils 30] [--workers 5]
        [--duration 100] [--redis] [--together] [--database-url URL]

Creates a fresh database (dropped afterwards), loads the demo programme and makes N classes
of M pupils, each with a module assigned (the school's safeguarding lead on record and the
teacher's checklist ticked, so sensitive modules may start). Starts gunicorn on 127.0.0.1;
each teacher signs in and starts a live lesson, and every pupil signs in and joins (not
timed). Then, for ``--duration`` seconds, every pupil's device polls the lesson state every
few seconds (with jitter) as the page's script does, and each teacher opens three activities
in turn (a lesson activity, another, then the module quiz) and watches the counts; each class
keeps its own time, or with ``--together`` all classes open each activity at once. When a
pupil's device sees a new activity it loads the page, "thinks" for a few seconds and sends
an answer. Prints requests per second, latency percentiles per kind of request (as the
devices saw them, and as gunicorn's access log timed them), the share of the machine's CPU
used by gunicorn (and by PostgreSQL and this load generator), and the answers stored against
the answers sent: the two must be equal. Prints figures only; it asserts nothing about speed.

``--redis`` starts a private redis-server for the cache (as in production); without it each
gunicorn worker has its own local-memory cache.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from bare_load import bare_cpu_per_request, start_bare_gunicorn
from live_devices import PASSWORD, Recorder, join, pupil_device, start_lesson, teacher_screen
from server_usage import (
    ACCESS_LOG_FORMAT,
    cpu_seconds_between,
    cpu_snapshot,
    percentile,
    process_tree,
    processes_named,
    request_cpu_ms,
    request_seconds,
)

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SETUP = """
import json, sys
from django.utils import timezone
from classroom.services.delivery import record_checklist
from classroom.services.live import lesson_blocks
from courses.models import ModulePage
from accounts.models import User
from learning.services.lessons import record_lesson_taught
from schools.models import Assignment, LocalAuthority, School, StaffMembership
from schools.services.classes import create_class, current_academic_year
from schools.services.pupils import create_pupil

classes, per_class = int(sys.argv[1]), int(sys.argv[2])
authority, _ = LocalAuthority.objects.get_or_create(code="886", defaults={"name": "Kent"})
modules = [m for m in ModulePage.objects.live().filter(knowledge_quiz__isnull=False).order_by("path")]
chosen = None
for module in modules:
    for lesson in module.lessons():
        if len(lesson_blocks(lesson)) >= 2:
            chosen = (module, lesson)
            break
    if chosen:
        break
module, lesson = chosen
out = []
for n in range(classes):
    school = School.objects.create(
        name=f"Bench School {n}", urn=990000 + n, local_authority=authority,
        dsl_name="Ms Lead", dsl_contact="Room 1",
    )
    teacher = User.objects.create_user(f"bench-teacher-{n}@example.org", "%(password)s")
    StaffMembership.objects.create(user=teacher, school=school, role="teacher")
    klass = create_class(school=school, name=f"B{n}", year_group=9, academic_year=current_academic_year(),
                         teacher=teacher)
    made = [create_pupil(school=school, school_class=klass, first_name=f"Pupil{i}", last_name="B",
                         year_group=9, actor=None, audit=False) for i in range(per_class)]
    codes = [code for _, code in made]
    assignment = Assignment.objects.create(school_class=klass, module=module, opens_on=timezone.localdate())
    # The end-of-module quiz opens once every lesson is done: the others were taught before (not timed).
    for other in module.lessons():
        if other.pk != lesson.pk:
            record_lesson_taught(assignment=assignment, lesson=other, pupils=[pupil for pupil, _ in made])
    record_checklist(school_class=klass, lesson=lesson, teacher=teacher, dsl_told=True,
                     affected_pupils_considered=True, ground_rules_ready=True)
    out.append({"class": klass.pk, "class_code": klass.class_code, "email": teacher.email, "codes": codes,
                "assignment": assignment.pk, "lesson": lesson.pk})
blocks = [block.id for block in lesson_blocks(lesson)]
json.dump({"classes": out, "activities": [blocks[0], blocks[1], "quiz"], "module": module.title,
           "lesson": lesson.title}, sys.stdout)
""".replace("%(password)s", PASSWORD)


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def manage(env: dict, *args: str) -> str:
    """Run a management command; return the last line it printed."""
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def request_kind(method: str, path: str) -> str:
    if path.endswith("/state/"):
        return "poll"
    if path.endswith("/counts/"):
        return "counts"
    if path.endswith("/activity/"):
        return "open"
    if method == "POST" and (path.endswith("/answer/") or path.endswith("/quiz/")):
        return "answer"
    if method == "GET" and re.fullmatch(r"/pupil/live/\d+/", path):
        return "page"
    return "other"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", type=int, default=30)
    parser.add_argument("--pupils", type=int, default=30, help="pupils per class")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (gthread when > 1)")
    parser.add_argument("--duration", type=float, default=100.0, help="seconds of live teaching measured")
    parser.add_argument("--port", type=int, default=8164)
    parser.add_argument("--redis", action="store_true", help="use a private redis-server as the cache")
    parser.add_argument(
        "--together", action="store_true", help="every class opens each activity at the same moment (worst case)"
    )
    parser.add_argument("--database-url", default="postgres://root@127.0.0.1:5432/postgres")
    parser.add_argument("--bare", action="store_true", help="then polls of a bare Django view, same gunicorn")
    args = parser.parse_args()

    base_url, _, _ = args.database_url.rpartition("/")
    db_name = f"respect_live_bench_{os.getpid()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": f"{base_url}/{db_name}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PUPIL_LOGIN_RATE_PER_IP": "100000/5m",
        "PUPIL_LOGIN_RATE_PER_CLASS": "100000/5m",
        "SERVER_TIMING": "true",
    }
    redis = None
    if args.redis:
        if not shutil.which("redis-server"):
            sys.exit("--redis needs redis-server on the PATH")
        redis_port = free_port()
        redis = subprocess.Popen(
            ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", db_name], check=True)
    server = None
    try:
        progress("migrating and loading the demo programme")
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_data")
        progress(f"making {args.classes} classes of {args.pupils} pupils")
        setup = json.loads(
            manage(
                env,
                "shell",
                "-c",
                SETUP.replace("sys.argv[1]", str(args.classes)).replace("sys.argv[2]", str(args.pupils)),
            )
        )
        command = [PYTHON, "-m", "gunicorn", "config.wsgi", "--workers", str(args.workers)]
        if args.threads > 1:
            command += ["--worker-class", "gthread", "--threads", str(args.threads)]
        access_log = Path(f"/tmp/{db_name}-access.log")
        command += ["--access-logfile", str(access_log), "--access-logformat", ACCESS_LOG_FORMAT]
        server = subprocess.Popen(
            [*command, "--bind", f"127.0.0.1:{args.port}", "--log-level", "warning", "--backlog", "2048"],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(100):
            try:
                requests.get(base + "/pupil/login/", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.5)

        progress("teachers start their lessons; pupils sign in and join")
        with ThreadPoolExecutor(max_workers=16) as pool:
            teachers = list(pool.map(lambda klass: start_lesson(base, klass), setup["classes"]))
            pupils = list(
                pool.map(
                    lambda pair: (pair[0], *join(base, pair[1]["class_code"], pair[2])),
                    [(i, klass, code) for i, klass in enumerate(setup["classes"]) for code in klass["codes"]],
                )
            )

        progress(f"{len(pupils)} pupils joined; teaching for {args.duration:g} s")
        rec = Recorder(args.duration)
        start = time.time() + 1
        stop = start + args.duration
        threads = [
            threading.Thread(
                target=pupil_device, args=(base, session, state_url, teachers[index][1], stop, rec), daemon=True
            )
            for index, session, state_url in pupils
        ] + [
            threading.Thread(
                target=teacher_screen,
                args=(base, session, pk, setup["activities"], start, rec, args.together),
                daemon=True,
            )
            for session, pk in teachers
        ]
        server_pids = process_tree(server.pid)
        for thread in threads:
            thread.start()
        time.sleep(max(start - time.time(), 0))
        rec.timing = True
        cpu_before, pg_before = cpu_snapshot(server_pids), cpu_snapshot(processes_named("postgres"))
        wall = time.perf_counter()
        client_before = sum(os.times()[:2])
        log_start = access_log.stat().st_size
        time.sleep(args.duration)
        rec.timing = False
        log_end = access_log.stat().st_size
        cpu_used = cpu_seconds_between(cpu_before, cpu_snapshot(server_pids))
        pg_used = cpu_seconds_between(pg_before, cpu_snapshot(processes_named("postgres")))
        client_used = sum(os.times()[:2]) - client_before
        wall = time.perf_counter() - wall
        for thread in threads:
            thread.join(timeout=90)

        assignments = [klass["assignment"] for klass in setup["classes"]]
        count_stored = (
            "from learning.models import ActivityAnswer, QuizAttempt; "
            f"ids = {assignments!r}; "
            "print(ActivityAnswer.objects.filter(assignment_id__in=ids).count()"
            " + QuizAttempt.objects.filter(assignment_id__in=ids).count())"
        )
        stored = int(manage(env, "shell", "-c", count_stored).strip())
        cores = os.cpu_count() or 1
        everything = [value for values in rec.latency.values() for value in values]
        errors = sum(rec.errors.values())
        cache = "Redis" if args.redis else "local memory"
        print(
            f"classes: {args.classes} x {args.pupils} pupils = {len(pupils)} devices  teachers: {len(teachers)}  "
            f"gunicorn: {args.workers} workers x {args.threads} threads  cache: {cache}  database: PostgreSQL"
        )
        timing = "all classes at the same moment" if args.together else "each class in its own time"
        print(f"lesson: {setup['module']} / {setup['lesson']}  3 activities opened per class, {timing}")
        print(f"measured: {wall:.1f} s  requests: {len(everything)}  errors: {errors}")
        print(f"throughput: {len(everything) / wall:.1f} requests/s")
        print(
            "all requests: p50 {:.0f} ms  p95 {:.0f} ms  p99 {:.0f} ms  mean {:.0f} ms  max {:.0f} ms".format(
                *(1000 * percentile(everything, q) for q in (0.5, 0.95, 0.99)),
                1000 * statistics.mean(everything) if everything else 0,
                1000 * max(everything, default=0),
            )
        )
        served = request_seconds(access_log, log_start, log_end, request_kind)
        inside = [value for values in served.values() for value in values]
        print(
            "time in gunicorn: p50 {:.0f} ms  p95 {:.0f} ms  p99 {:.0f} ms".format(
                *(1000 * percentile(inside, q) for q in (0.5, 0.95, 0.99))
            )
        )
        site_cpu = request_cpu_ms(access_log, log_start, log_end, request_kind)
        print("per kind (as the devices saw it | time in gunicorn | the site's CPU per request):")
        for kind in ("poll", "page", "answer", "counts", "open"):
            values = rec.latency.get(kind, [])
            p50, p95 = (1000 * percentile(values, share) for share in (0.5, 0.95))
            s50, s95 = (1000 * percentile(served.get(kind, []), share) for share in (0.5, 0.95))
            cpu = site_cpu.get(kind, [])
            print(
                f"  {kind:7s} n={len(values):6d}  {len(values) / wall:6.1f}/s  p50 {p50:5.0f} ms  p95 {p95:5.0f} ms"
                f"  | p50 {s50:5.0f} ms  p95 {s95:5.0f} ms  | CPU p50 {percentile(cpu, 0.5):5.2f} ms"
                f"  mean {(sum(cpu) / len(cpu)) if cpu else 0:5.2f} ms  errors {rec.errors.get(kind, 0)}"
            )
        print(
            f"server CPU: gunicorn {cpu_used:.1f} s = {100 * cpu_used / (wall * cores):.0f}% of {cores} cores"
            f" ({cpu_used / wall:.2f} cores busy);"
            f" PostgreSQL {pg_used:.1f} s = {100 * pg_used / (wall * cores):.0f}%;"
            f" this load generator {client_used:.1f} s = {100 * client_used / (wall * cores):.0f}%"
        )
        print(
            f"answers sent: {rec.answers_sent}  stored: {stored}  stored == sent: "
            + ("yes" if stored == rec.answers_sent else "NO")
        )
        print("load average: " + " ".join(f"{value:.2f}" for value in os.getloadavg()))
        if args.bare:
            server.terminate()
            server.wait(timeout=30)
            server = start_bare_gunicorn(args.workers, args.port + 1, threads=args.threads)
            figure = bare_cpu_per_request(server, args.port + 1, 90, clients=16, seconds=20)
            polls = len(rec.latency.get("poll", []))
            print(
                f"bare Django view, 90 bytes, same gunicorn: {figure['cpu_ms']:.2f} ms of gunicorn CPU a request, "
                f"{figure['rate']:.0f} requests/s (the site: {1000 * cpu_used / max(len(everything), 1):.2f} ms a "
                f"request over the whole mix, of which {polls} polls)"
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if server is not None:
            access_log.unlink(missing_ok=True)
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=30)
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--if-exists", db_name], check=False)


if __name__ == "__main__":
    main()
