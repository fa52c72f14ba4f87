"""Measuring one kind of request in process: CPU per request, SQL statements, writes, and the bare yardstick.

CPU is ``time.process_time``: it leaves out waiting for PostgreSQL and does not depend on how busy
the rest of the machine is. PostgreSQL's own CPU is read from its backend process when it runs here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from hot_paths import Kind
from in_process import call
from server_usage import TICKS, cpu_snapshot

ROOT = Path(__file__).resolve().parent.parent


class StatementCounter:
    def __init__(self, show: bool = False) -> None:
        self.count = 0
        self.writes = 0
        self.session_writes = 0
        self.show = show

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        if self.show:
            print(f"  SQL {self.count}: {sql[:300]}")
        head = sql.lstrip()[:6].upper()
        if head.startswith(("INSERT", "UPDATE", "DELETE")):
            self.writes += 1
            if "django_session" in sql:
                self.session_writes += 1
        return execute(sql, params, many, context)


def backend_cpu_seconds(pid: int | None) -> float:
    """CPU time (user and system) spent so far by the PostgreSQL backend process ``pid``.

    Read from /proc, so only when PostgreSQL runs on this machine; 0 when it cannot be read.
    """
    if pid is None:
        return 0.0
    return cpu_snapshot([pid]).get(pid, 0) / TICKS


def backend_pid() -> int | None:
    """The process id of this connection's PostgreSQL backend (kept open: CONN_MAX_AGE)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def measure(app, kind: Kind, requests: int, profile: str | None, show_sql: bool = False) -> dict:
    from django.db import connection

    for n in range(10):  # warm: templates, caches
        browser, method, url, data = kind.make(-1 - n)
        answer = call(app, browser, method, url, data)
        if answer.status not in kind.expect:
            sys.exit(f"{kind.name}: {url} answered {answer.status}")
    if show_sql:
        browser, method, url, data = kind.make(-100)
        print(f"{kind.name}: {method} {url}")
        with connection.execute_wrapper(StatementCounter(show=True)):
            call(app, browser, method, url, data)
    counter = StatementCounter()
    planned = [kind.make(n) for n in range(requests)]
    pid = backend_pid()
    database_started = backend_cpu_seconds(pid)
    profiler = None
    if profile == "cpu":
        # Deterministic, counted in CPU time (process_time): where the CPU goes, not the waiting.
        import cProfile

        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
    elif profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
    cpu = 0.0
    size = 0
    statuses: set[int] = set()
    with connection.execute_wrapper(counter):
        for browser, method, url, data in planned:
            started = time.process_time()
            answer = call(app, browser, method, url, data)
            cpu += time.process_time() - started
            size = len(answer.body)
            statuses.add(answer.status)
    database_cpu = backend_cpu_seconds(pid) - database_started
    if pid is not None and backend_pid() != pid:
        database_cpu = float("nan")  # the connection was closed on the way: not this backend's work alone
    if profile == "cpu":
        import pstats

        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
        for name in os.environ.get("PROFILE_CALLERS", "").split(","):
            if name:
                stats.print_callers(name)
    elif profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False, time="percent_of_total"))
        print(profiler.output_text(unicode=True, color=False, flat=True, time="percent_of_total")[:6000])
    return {
        "cpu_ms": 1000 * cpu / requests,
        "database_cpu_ms": 1000 * database_cpu / requests,
        "queries": counter.count / requests,
        "writes": counter.writes / requests,
        "session_writes": counter.session_writes / requests,
        "bytes": size,
        "statuses": sorted(statuses),
    }


def bare_cpu(size: int, requests: int) -> float:
    """CPU per request of the bare Django view returning ``size`` bytes, in a child process."""
    script = (
        "import sys, time; sys.path.insert(0, 'benchmarks'); "
        "from bare_site import application; from in_process import Browser, call; "
        f"b = Browser(); [call(application, b, 'GET', '/bare/{size}/') for _ in range(50)]; "
        f"t = time.process_time(); [call(application, b, 'GET', '/bare/{size}/') for _ in range({requests})]; "
        f"print(1000 * (time.process_time() - t) / {requests})"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])
