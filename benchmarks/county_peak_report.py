"""The county peak's figures: per kind of request, the devices' latency beside the server's own times.

For each kind: how many, errors, p50/p95/p99 as the devices saw them (locust); p50/p95 of
gunicorn's time serving it (``served``: from reading the request to the last byte written); p95
of the site's wall time (``app``, Server-Timing) and p50 of its CPU. Latency far above ``served``
is time waiting for a worker (the listen queue, sampled twice a second) or in the load tool (its
event loop's lag); ``served`` far above CPU is a worker waiting inside the request.
"""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import dataclass
from pathlib import Path

from server_usage import percentile


@dataclass
class Run:
    wall: float
    machine_cores: float
    load: tuple[float, float]
    web_cpu: float
    pg_cpu: float
    redis_cpu: float
    locust_cpu: float
    queued: list[int]


def sent_from(path: Path) -> dict:
    """What the devices sent successfully, and the load tool's event-loop lags (nothing if it failed)."""
    return json.loads(path.read_text()) if path.exists() else {}


def print_report(
    args: argparse.Namespace,
    plan: dict,
    run: Run,
    stats: dict[str, dict],
    timings: dict[str, dict[str, list[float]]],
    sent: dict,
    stored: tuple[int, ...],
) -> None:
    total = int(stats.get("Aggregated", {}).get("Request Count", 0))
    kind = f"gthread, {args.threads} threads each" if args.threads > 1 else "sync"
    print(
        f"devices: {len(plan['paced'])} self-paced pupils, {len(plan['live'])} live pupils in "
        f"{len(plan['teachers'])} lessons, {len(plan['teachers'])} teachers  run: {run.wall:.0f} s  "
        f"gunicorn: {args.workers} workers ({kind})  cores: {os.cpu_count()}"
    )
    print(f"load average before {run.load[0]:.2f}, after {run.load[1]:.2f} (1 min)")
    print(f"requests: {total}  {total / run.wall:.1f}/s  errors: {stats.get('Aggregated', {}).get('Failure Count')}")
    print(f"{'':20} {'':>7} {'':>6} {'devices (locust)':^23}  {'gunicorn served':^15}  {'site wall':>9}  {'CPU':>5}")
    print(
        f"{'kind':20} {'n':>7} {'errors':>6} {'p50':>7} {'p95':>7} {'p99':>7}  {'p50':>7} {'p95':>7}  "
        f"{'p95':>9}  {'p50':>5}   (ms)"
    )
    worst = 0.0
    for name, row in sorted(stats.items()):
        if name == "Aggregated":
            continue
        p95 = float(row["95%"])
        worst = max(worst, p95)
        server = timings.get(name, {})
        served, app, cpu = server.get("served", []), server.get("app", []), server.get("cpu", [])
        print(
            f"{name:20} {int(row['Request Count']):7d} {int(row['Failure Count']):6d} {float(row['50%']):7.0f} "
            f"{p95:7.0f} {float(row['99%']):7.0f}  {percentile(served, 0.5):7.1f} {percentile(served, 0.95):7.1f}  "
            f"{percentile(app, 0.95):9.1f}  {percentile(cpu, 0.5):5.2f}"
        )
    print(f"worst p95: {worst:.0f} ms (target: under 300 ms for every kind)")
    workers = {name: figures for name, figures in timings.items() if name.startswith("worker ")}
    print(
        "requests, CPU seconds and served p95 per gunicorn worker: "
        + "; ".join(
            f"{len(f['served'])}, {sum(f['cpu']) / 1000:.0f} s, {percentile(f['served'], 0.95):.0f} ms"
            for f in sorted(workers.values(), key=lambda f: -len(f["served"]))
        )
    )
    queued, lag = run.queued or [0], sent.get("lag ms") or [0.0]
    print(
        f"listen queue (connections waiting for a worker, every 0.5 s): mean {sum(queued) / len(queued):.0f}, "
        f"p95 {percentile([float(q) for q in queued], 0.95):.0f}, max {max(queued)}; "
        f"load tool's event-loop lag p50 {percentile(lag, 0.5):.1f} ms, p95 {percentile(lag, 0.95):.1f} ms, "
        f"max {max(lag):.0f} ms"
    )
    print(
        f"CPU over the run: gunicorn {run.web_cpu:.1f} s ({run.web_cpu / run.wall:.2f} cores, "
        f"{1000 * run.web_cpu / max(total, 1):.2f} ms a request), PostgreSQL {run.pg_cpu:.1f} s, "
        f"Redis {run.redis_cpu:.1f} s; "
        f"load tool (locust) {run.locust_cpu:.1f} s ({run.locust_cpu / run.wall:.2f} cores), counted apart"
    )
    ours = (run.web_cpu + run.pg_cpu + run.redis_cpu + run.locust_cpu) / run.wall
    print(
        f"the machine was busy {run.machine_cores:.2f} of {os.cpu_count()} cores: this run {ours:.2f}, "
        f"the kernel's networking and everything else on the machine {run.machine_cores - ours:.2f}"
    )
    stored_quiz, stored_live = stored
    print(
        f"quizzes sent by self-paced pupils: {sent.get('quiz')}  stored: {stored_quiz}  "
        f"live answers and quizzes sent: {sent.get('live answers')}  stored: {stored_live}  stored == sent: "
        + ("yes" if sent.get("quiz") == stored_quiz and sent.get("live answers") == stored_live else "NO")
    )
