"""The commissioner dashboard and the transparency page for a whole county, against PostgreSQL.

    .venv/bin/python benchmarks/county_reports.py [--schools 700] [--pupils 300000] [--requests 30]
        [--database-url postgres://root@127.0.0.1:5432/postgres] [--database-prefix respect_bench_reports]
        [--keep] [--bare] [--growth 50,150] [--pattern-only]

Creates a fresh database (dropped afterwards unless --keep), loads the demo programme (the
modules and their surveys), then writes a county of synthetic data straight into the rollup
tables with bulk inserts: Kent's 12 districts and Medway, the schools (about one in nine not
eligible: primaries, closed), and for each school its pupils spread over Years 7 to 11, the
three modules and the three terms, by gender, with uptake counts and knowledge and attitude
sums drawn at random (each pupil is assigned each module once). The rollup rows have the shape
a nightly refresh writes for that many pupils (``county_world.py``); the pupil, answer and progress rows behind them
are not generated (the dashboard never reads them), so the refresh itself is not timed here.

Then it works out and keeps the refresh's suppression pattern, as the nightly refresh does
(``reports.published_pattern.store_pattern``), and prints its wall and CPU seconds, the peak
resident size of the process while building (and how far above its size before), the cells of the linked
set, how many are hidden, the groups of linked hidden cells audited exactly and those given only
the linear audit. ``--growth 50,150`` first does the same for smaller counties (pupils in
proportion, each in its own fresh database) and prints how the build grows with the county;
``--pattern-only`` stops after the pattern.

It then times the pages in-process with Django's test client, signed in as a commissioner
with MFA (DEBUG off): the county dashboard (with no filter and with filters), a district, a
school, and the transparency page, each built from the rollups (the cache emptied first) and
then again from the cache (``reports.dashboard_cache``). Prints p50 and p95 per page (and the
process's CPU p50 uncached, the figure to compare on a shared machine), the number of queries
and the rollup row counts; ``--bare`` prints beside each page the time of a bare
Django view returning as many bytes, called the same way in the same run. Prints figures only; it
asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from county_world import YEAR, build_county  # noqa: E402
from cpu_per_request import bare_cpu  # noqa: E402
from scratch_database import scratch_database  # noqa: E402
from server_usage import percentile  # noqa: E402


def memory_mb(field: str) -> float:
    """The process's resident size now (VmRSS) or its peak (VmHWM), from /proc; the lifetime peak elsewhere."""
    try:
        with open("/proc/self/status") as status:
            found = next(line for line in status if line.startswith(field + ":"))
        return int(found.split()[1]) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_memory() -> None:
    """Start the peak resident size (VmHWM) again from now, where Linux allows it."""
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
    except OSError:
        pass


def build_stored_pattern() -> dict:
    """Work out and keep the newest refresh's suppression pattern, as the nightly refresh does. Returns figures."""
    from reports.models import RollupRefresh
    from reports.published_pattern import store_pattern

    refresh = RollupRefresh.objects.latest("pk")
    reset_peak_memory()
    memory_before = memory_mb("VmRSS")
    wall, cpu = time.perf_counter(), time.process_time()
    pattern = store_pattern(refresh)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "wall": wall,
        "cpu": cpu,
        "memory_before": memory_before,
        "memory_peak": memory_mb("VmHWM"),
        "cells": pattern.cells,
        "hidden": pattern.hidden,
        "audited": pattern.audited_groups,
        "linear_only": pattern.linear_only_groups,
    }


def pattern_text(figures: dict) -> str:
    return (
        f"{figures['wall']:.1f} s wall, {figures['cpu']:.1f} s CPU, peak memory {figures['memory_peak']:.0f} MB "
        f"(+{figures['memory_peak'] - figures['memory_before']:.0f} MB), {figures['cells']:,} cells, "
        f"{figures['hidden']:,} hidden, {figures['audited']:,} groups audited exactly, "
        f"{figures['linear_only']:,} given only the linear audit"
    )


def growth(sizes: list[tuple[int, int]], args: argparse.Namespace) -> list[dict]:
    """The pattern's figures for smaller counties, each built in its own process and fresh database."""
    found = []
    for schools, pupils in sizes:
        command = [
            sys.executable,
            __file__,
            "--pattern-only",
            f"--schools={schools}",
            f"--pupils={pupils}",
            f"--seed={args.seed}",
            f"--database-url={args.database_url}",
            f"--database-prefix={args.database_prefix}",
        ]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        print(output, end="", flush=True)
        line = next(line for line in output.splitlines() if line.startswith("pattern figures: "))
        found.append({"schools": schools, "pupils": pupils, **json.loads(line.removeprefix("pattern figures: "))})
    return found


def print_growth(rows: list[dict]) -> None:
    print(f"{'schools':>7} {'pupils':>8} {'cells':>8} {'hidden':>7} {'CPU s':>8} {'x CPU':>6} {'x cells':>7} {'MB':>6}")
    first = rows[0]
    for row in rows:
        print(
            f"{row['schools']:7d} {row['pupils']:8,d} {row['cells']:8,d} {row['hidden']:7,d} {row['cpu']:8.1f} "
            f"{row['cpu'] / max(first['cpu'], 1e-9):6.1f} {row['cells'] / first['cells']:7.1f} "
            f"{row['memory_peak']:6.0f}"
        )


def time_pages(county: dict, requests: int, bare: bool = False) -> None:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.models import Group
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from accounts.roles import GlobalRole

    user = User.objects.create_user("bench-commissioner@example.org", "bench-password-123")
    user.groups.add(Group.objects.get_or_create(name=GlobalRole.COMMISSIONER.value)[0])
    TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    pages = [
        ("county dashboard", f"/reports/?year={YEAR}"),
        ("county, one module and term", f"/reports/?year={YEAR}&term=1&module={county['module']}"),
        ("county, all years, Year 9", "/reports/?year=all&year_group=9"),
        ("district dashboard", f"/reports/districts/{county['district']}/?year={YEAR}"),
        ("school dashboard", f"/reports/schools/{county['school']}/?year={YEAR}"),
        ("transparency (public)", "/transparency/"),
    ]
    print(
        f"{'page':32} {'uncached p50':>12} {'p95':>6} {'CPU p50':>8} {'cached p50':>11} {'p95':>6} {'queries':>8}"
        + (f" {'bare Django, same bytes':>24}" if bare else "")
    )
    for name, url in pages:
        response = client.get(url)  # warm: templates, site context
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        cache.clear()
        # Each request starts by emptying the query log (request_started), so read the request's own log.
        with CaptureQueriesContext(connection):
            client.get(url)
            queries = len(connection.queries)
        cold, warm, cold_cpu = [], [], []
        for _ in range(requests):
            cache.clear()
            started, cpu = time.perf_counter(), time.process_time()
            client.get(url)
            cold.append(1000 * (time.perf_counter() - started))
            cold_cpu.append(1000 * (time.process_time() - cpu))
            started = time.perf_counter()
            client.get(url)
            warm.append(1000 * (time.perf_counter() - started))
        bare_text = f" {bare_cpu(len(response.content), 300):21.2f} ms" if bare else ""
        print(
            f"{name:32} {percentile(cold, 0.5):12.0f} {percentile(cold, 0.95):6.0f} {percentile(cold_cpu, 0.5):8.0f} "
            f"{percentile(warm, 0.5):11.0f} {percentile(warm, 0.95):6.0f} {queries:8d}{bare_text}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=700)
    parser.add_argument("--pupils", type=int, default=300_000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--database-url", default="postgres://root@127.0.0.1:5432/postgres")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--bare", action="store_true", help="print a same-size bare Django view's time beside")
    parser.add_argument("--database-prefix", default="respect_bench_reports", help="the fresh database's name prefix")
    parser.add_argument("--growth", default="", help="smaller counties to build the pattern for first: 50,150")
    parser.add_argument("--pattern-only", action="store_true", help="stop after the suppression pattern")
    args = parser.parse_args()

    smaller = [int(n) for n in args.growth.split(",") if n.strip()]
    growth_rows = growth([(n, args.pupils * n // args.schools) for n in smaller], args) if smaller else []
    with scratch_database(args.database_url, args.database_prefix, keep=args.keep) as db_name:
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrated = time.perf_counter()
        county = build_county(schools=args.schools, pupils=args.pupils, seed=args.seed)
        built = time.perf_counter()
        print(
            f"database: PostgreSQL ({db_name})  migrate: {migrated - started:.0f} s  "
            f"synthetic county: {built - migrated:.0f} s"
        )
        print(
            f"schools: {county['schools']} ({county['taking_part']} taking part)  pupils: "
            f"{county['pupils']:,}  rollup rows: {county['progress_rows']:,} progress, "
            f"{county['scale_rows']:,} scale"
        )
        print("load average: " + " ".join(f"{value:.2f}" for value in os.getloadavg()), flush=True)
        figures = build_stored_pattern()
        print(f"suppression pattern: {pattern_text(figures)}")
        print("pattern figures: " + json.dumps(figures), flush=True)
        if growth_rows:
            print_growth([*growth_rows, {"schools": args.schools, "pupils": county["pupils"], **figures}])
        if args.pattern_only:
            return
        print("load average: " + " ".join(f"{value:.2f}" for value in os.getloadavg()))
        time_pages(county, args.requests, bare=args.bare)


if __name__ == "__main__":
    main()
