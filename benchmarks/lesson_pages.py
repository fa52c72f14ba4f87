"""Pupils reading lessons: sustained page load through gunicorn, against PostgreSQL.

    .venv/bin/python benchmarks/lesson_pages.py [--pupils 60] [--clients 16] [--seconds 30] [--workers 4]
        [--public] [--bare]

Creates a fresh database (dropped afterwards), loads the demo programme, makes a class of N
pupils with a self-paced assignment, starts gunicorn on 127.0.0.1 and signs every pupil in
(not timed). Then C clients, each acting for pupils in turn, open lesson slides, the pupil home
and the module page as fast as the server answers, for the given time. Prints requests per
second, latency percentiles, the CPU seconds gunicorn and PostgreSQL used, and from those the
pages served per CPU-second (about the requests per second one core sustains). ``--public``
opens the public lesson and module pages as a visitor instead. The cache and sessions are a
private redis-server, as in production. ``--bare`` then sends the same load to a bare Django
view returning as many bytes (``bare_site.py``) under the same gunicorn settings, and prints its
figures beside. Prints figures only; it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from bare_load import bare_cpu_per_request, start_bare_gunicorn
from private_redis import private_redis
from quiz_burst import HIDDEN, SETUP, benchmark_env, manage, percentile, start_gunicorn
from server_usage import cpu_seconds_between, cpu_snapshot, process_tree, processes_named

# The quiz benchmark's class, with a self-paced assignment of a module that allows it.
SELF_PACED = SETUP.replace(
    'module = ModulePage.objects.live().filter(knowledge_quiz__isnull=False).order_by("path").first()',
    'module = next(m for m in ModulePage.objects.live().order_by("path").specific() if m.can_be_self_paced)',
).replace(
    "Assignment.objects.create(school_class=klass, module=module, opens_on=timezone.localdate())",
    "Assignment.objects.create(school_class=klass, module=module, opens_on=timezone.localdate(), "
    'delivery="self_paced", include_surveys=False)',
)
LESSONS = """
import json
from schools.models import Assignment
assignment = Assignment.objects.get(pk={pk})
print(json.dumps([lesson.pk for lesson in assignment.module.specific.lessons()]))
"""


PUBLIC = """
import json
from courses.models import LessonPage, ModulePage
pages = [page.url for page in LessonPage.objects.live().order_by("path")]
pages += [page.url for page in ModulePage.objects.live().order_by("path")]
print(json.dumps(pages))
"""


def sign_in(session: requests.Session, base: str, class_code: str, code: str) -> None:
    page = session.get(f"{base}/pupil/login/", timeout=30).text
    token = dict((m["name"], m["value"]) for m in HIDDEN.finditer(page))["csrfmiddlewaretoken"]
    session.post(
        f"{base}/pupil/login/",
        data={"csrfmiddlewaretoken": token, "class_code": class_code, "pupil_code": code},
        headers={"Referer": f"{base}/pupil/login/"},
        timeout=30,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=60)
    parser.add_argument("--clients", type=int, default=16, help="requests in flight at once")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8162)
    parser.add_argument("--database-url", default="postgres://root@127.0.0.1:5432/postgres")
    parser.add_argument("--public", action="store_true", help="the public lesson pages instead, signed in as nobody")
    parser.add_argument("--bare", action="store_true", help="then a bare Django view of the same size, same load")
    args = parser.parse_args()
    with private_redis() as redis_url:
        run(args, redis_url)


def run(args: argparse.Namespace, redis_url: str) -> None:
    db_name = f"respect_bench_pages_{os.getpid()}"
    env = {**benchmark_env(args.database_url, db_name), "REDIS_URL": redis_url}
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", db_name], check=True)
    server = None
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_data")
        setup = json.loads(manage(env, "shell", "-c", SELF_PACED.replace("sys.argv[1]", str(args.pupils))))
        lessons = json.loads(manage(env, "shell", "-c", LESSONS.format(pk=setup["assignment"])))
        public = json.loads(manage(env, "shell", "-c", PUBLIC))
        server, base = start_gunicorn(env, args.workers, args.port)

        sessions = [requests.Session() for _ in setup["codes"]]
        with ThreadPoolExecutor(max_workers=20) as pool:
            list(
                pool.map(
                    lambda pair: sign_in(pair[0], base, setup["class_code"], pair[1]),
                    zip(sessions, setup["codes"], strict=True),
                )
            )

        assignment = setup["assignment"]
        if args.public:
            # Visitors who are not signed in: the public lesson and module pages.
            pages = public
            sessions = [requests.Session() for _ in sessions]
        else:
            pages = [
                f"/pupil/modules/{assignment}/lessons/{lesson}/?slide={slide}"
                for lesson in lessons
                for slide in range(1, 9)
            ]
            pages += ["/pupil/", f"/pupil/modules/{assignment}/"]
        sizes: list[int] = []
        pupils = itertools.cycle(range(len(sessions)))
        chosen = itertools.count()
        lock = threading.Lock()
        latencies: list[float] = []
        failures = 0
        deadline = time.monotonic() + args.seconds

        def client() -> None:
            nonlocal failures
            while time.monotonic() < deadline:
                with lock:
                    session = sessions[next(pupils)]
                    path = pages[next(chosen) % len(pages)]
                started = time.perf_counter()
                response = session.get(base + path, timeout=60, allow_redirects=False)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    sizes.append(len(response.content))
                    failures += response.status_code != 200

        tree = process_tree(server.pid)
        postgres = processes_named("postgres")
        before = cpu_snapshot(tree + postgres)
        wall = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            list(pool.map(lambda _: client(), range(args.clients)))
        wall = time.perf_counter() - wall
        after_web = cpu_snapshot(process_tree(server.pid))
        after_db = cpu_snapshot(processes_named("postgres"))
        web_cpu = cpu_seconds_between(before, after_web)
        db_cpu = cpu_seconds_between(before, after_db)

        count = len(latencies)
        print(
            f"pupils: {len(sessions)}  clients: {args.clients}  gunicorn workers: {args.workers}  "
            f"cores: {os.cpu_count()}  database: PostgreSQL"
        )
        print(f"requests: {count} in {wall:.1f} s  throughput: {count / wall:.1f} pages/s  not 200: {failures}")
        print(
            "latency: p50 {:.0f} ms  p95 {:.0f} ms  p99 {:.0f} ms  mean {:.0f} ms".format(
                *(1000 * percentile(latencies, q) for q in (0.5, 0.95, 0.99)), 1000 * statistics.mean(latencies)
            )
        )
        print(
            f"CPU: gunicorn {web_cpu:.1f} s  PostgreSQL {db_cpu:.1f} s  "
            f"pages per gunicorn CPU-second: {count / web_cpu:.1f}  "
            f"per CPU-second of both: {count / (web_cpu + db_cpu):.1f}"
        )
        print(
            f"gunicorn CPU a page: {1000 * web_cpu / count:.2f} ms  load average: "
            + " ".join(f"{value:.2f}" for value in os.getloadavg())
        )
        if args.bare:
            size = round(statistics.mean(sizes))
            server.terminate()
            server.wait(timeout=30)
            server = start_bare_gunicorn(args.workers, args.port + 1)
            figure = bare_cpu_per_request(server, args.port + 1, size, clients=args.clients, seconds=args.seconds)
            print(
                f"bare Django view, {size} bytes, same gunicorn and clients: {figure['rate']:.1f} requests/s  "
                f"p50 {figure['p50_ms']:.0f} ms  p95 {figure['p95_ms']:.0f} ms  "
                f"{figure['cpu_ms']:.2f} ms of gunicorn CPU a request"
            )
            print(
                f"the site's pages: {count / wall / figure['rate']:.1%} of the bare view's throughput, "
                f"{figure['cpu_ms'] / (1000 * web_cpu / count):.1%} of its CPU efficiency"
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--if-exists", db_name], check=False)


if __name__ == "__main__":
    sys.exit(main())
