"""Kent and Medway's synchronised start on one small server: 3,000 pupils at once, for 10 minutes.

    .venv/bin/python benchmarks/county_peak.py [--paced 2000] [--live 1000] [--classes 33]
        [--minutes 10] [--ramp 5] [--workers 4] [--threads 4] [--port 8160]
        [--database-url URL] [--bare]

About 1 % of the county's pupils starting together: ``--paced`` pupils sign in over the first
``--ramp`` minutes and page through self-paced lessons (a page every 20 seconds), ``--live``
pupils in ``--classes`` live lessons join with their codes and poll as the page's script does,
answering the three activities their teacher opens (the third is the quiz), and every pupil
submits one quiz. Devices are locust users with its fast HTTP client (``county_peak_users.py``),
run headless in a process of their own whose CPU is reported apart (locust's ``--processes``
stalled its master for over 60 s dispatching 3,033 fixed-count users, so one process is used;
its event-loop lag is printed instead). Fewer devices and minutes make a short run for comparing
settings on a shared machine.

Creates a fresh database (dropped afterwards) with the demo programme, the schools, classes,
pupils and their assignments, and starts its own redis-server and gunicorn with the production
settings file (``config/gunicorn_settings.py``: ``--workers`` workers of ``--threads`` threads,
``--threads 1`` for sync workers), DEBUG off, ``SERVER_TIMING`` on so the access log carries
each request's wall and CPU time.

Prints, per kind of request (``county_peak_report.py``): how many, errors, p50/p95/p99 as the
devices saw them, gunicorn's own time serving it, the site's wall and CPU time; then how many
connections waited in the listen queue and how late the load tool's event loop ran, the CPU of
gunicorn, PostgreSQL, Redis, the load tool and the whole machine over the run, and answers and
quizzes stored against those sent (which must be equal). ``--bare`` then serves a bare Django
view of the same size as each kind (``bare_site.py``) under the same workers and threads and
prints its CPU per request beside. Prints figures only; it asserts nothing about speed.
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
from county_peak_plan import COUNT_STORED, SETUP
from county_peak_report import Run, print_report, sent_from
from private_redis import private_redis
from quiz_burst import benchmark_env, manage
from server_usage import (
    ACCESS_LOG_FORMAT,
    cpu_seconds_between,
    cpu_snapshot,
    listen_queue,
    machine_busy_cores,
    machine_ticks,
    process_tree,
    processes_named,
    request_timings_ms,
)

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


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


def start_gunicorn(env: dict, args: argparse.Namespace, log: Path) -> subprocess.Popen:
    """gunicorn with the production settings file, the run's workers and threads, and its own access log."""
    import requests

    command = [PYTHON, "-m", "gunicorn", "config.wsgi", "--config", "config/gunicorn_settings.py"]
    command += ["--workers", str(args.workers), "--threads", str(args.threads), "--bind", f"127.0.0.1:{args.port}"]
    command += ["--log-level", "warning", "--backlog", "4096", "--access-logfile", str(log)]
    server = subprocess.Popen([*command, "--access-logformat", ACCESS_LOG_FORMAT], cwd=ROOT, env=env)
    for _ in range(200):
        try:
            requests.get(f"http://127.0.0.1:{args.port}/health/live/", timeout=5)
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
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (more than 1: gthread)")
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
            server = start_gunicorn(env, args, access_log)
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
            load_before, machine_before = os.getloadavg(), machine_ticks()
            before = cpu_snapshot(
                process_tree(server.pid) + processes_named("postgres") + processes_named("redis-server")
            )
            started = time.perf_counter()
            locust = subprocess.Popen(
                [PYTHON, "-m", "locust", "-f", str(ROOT / "benchmarks" / "county_peak_users.py"), "--headless"]
                + ["--users", str(users), "--spawn-rate", f"{users / ramp:.2f}", "--run-time", f"{seconds}s"]
                + ["--host", f"http://127.0.0.1:{args.port}", "--csv", str(work / "locust"), "--only-summary"]
                + ["--stop-timeout", "30", "--loglevel", "WARNING"],
                cwd=ROOT / "benchmarks",
                env={**env, "COUNTY_PEAK_PLAN": str(plan_file), "COUNTY_PEAK_SENT": str(sent_file)},
                stdout=subprocess.DEVNULL,
            )
            locust_cpu, queued = 0.0, []
            locust_before = cpu_snapshot(process_tree(locust.pid))
            while locust.poll() is None:
                now = cpu_snapshot(process_tree(locust.pid))
                locust_cpu = max(locust_cpu, cpu_seconds_between(locust_before, now))
                for _ in range(4):
                    queued.append(listen_queue(args.port) or 0)
                    time.sleep(0.5)
            wall = time.perf_counter() - started
            run = Run(
                wall=wall,
                machine_cores=machine_busy_cores(machine_before, machine_ticks(), wall),
                load=(load_before[0], os.getloadavg()[0]),
                web_cpu=cpu_seconds_between(before, cpu_snapshot(process_tree(server.pid))),
                pg_cpu=cpu_seconds_between(before, cpu_snapshot(processes_named("postgres"))),
                redis_cpu=cpu_seconds_between(before, cpu_snapshot(processes_named("redis-server"))),
                locust_cpu=locust_cpu,
                queued=queued,
            )
            stored = tuple(int(x) for x in manage(env, "shell", "-c", COUNT_STORED).split())
            with (work / "locust_stats.csv").open() as handle:
                stats = {row["Name"]: row for row in csv.DictReader(handle)}
            timings = request_timings_ms(access_log, log_start, access_log.stat().st_size, kind_of)
            print_report(args, plan, run, stats, timings, sent_from(sent_file), stored)
            if args.bare:
                server.terminate()
                server.wait(timeout=30)
                server = None
                sizes = {"live poll": 90, "lesson slide": 9000, "quiz submit": 0}
                bare = start_bare_gunicorn(args.workers, args.port + 1, args.threads)
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
