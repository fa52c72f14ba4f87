"""The bare Django yardstick under gunicorn: the same settings as the site, a view returning N bytes.

Each load benchmark's ``--bare`` starts ``bare_site.py`` with the gunicorn settings it used for the
site, sends it the same kind of load, and prints the bare figure beside the site's from the same run.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from server_usage import cpu_seconds_between, cpu_snapshot, percentile, process_tree

BENCHMARKS = Path(__file__).resolve().parent


def start_bare_gunicorn(workers: int, port: int, threads: int = 1) -> subprocess.Popen:
    """gunicorn serving the bare Django project, with the given workers (sync, or gthread)."""
    command = [sys.executable, "-m", "gunicorn", "bare_site:application", "--workers", str(workers)]
    if threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    server = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--backlog", "2048"], cwd=BENCHMARKS
    )
    for _ in range(100):
        try:
            requests.get(f"http://127.0.0.1:{port}/bare/1/", timeout=5)
            return server
        except requests.RequestException:
            time.sleep(0.2)
    sys.exit("the bare gunicorn did not start")


def bare_cpu_per_request(
    server: subprocess.Popen, port: int, size: int, *, requests: int = 2000, clients: int = 16, seconds: float = 0
) -> dict[str, float]:
    """Send the bare view ``requests`` GETs of ``size`` bytes (or for ``seconds``), ``clients`` at a time.

    Returns gunicorn's CPU milliseconds per request, requests per second and latency percentiles.
    """
    import requests as http

    url = f"http://127.0.0.1:{port}/bare/{max(size, 1)}/"
    sessions = [http.Session() for _ in range(clients)]
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds if seconds else None
    remaining = [requests]

    def client(index: int) -> None:
        session = sessions[index]
        while True:
            with lock:
                if deadline is None:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                elif time.monotonic() >= deadline:
                    return
            started = time.perf_counter()
            session.get(url, timeout=60).raise_for_status()
            with lock:
                latencies.append(time.perf_counter() - started)

    tree = process_tree(server.pid)
    before = cpu_snapshot(tree)
    wall = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client, range(clients)))
    wall = time.perf_counter() - wall
    cpu = cpu_seconds_between(before, cpu_snapshot(process_tree(server.pid)))
    return {
        "cpu_ms": 1000 * cpu / max(len(latencies), 1),
        "rate": len(latencies) / wall,
        "p50_ms": 1000 * percentile(latencies, 0.5),
        "p95_ms": 1000 * percentile(latencies, 0.95),
        "requests": len(latencies),
    }
