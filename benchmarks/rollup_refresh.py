"""The nightly rollup refresh, timed on pupil-level rows, with and without a frozen evaluation protocol.

    .venv/bin/python benchmarks/rollup_refresh.py [--copies 15] [--runs 2] [--profile 15]
        [--county-assignments 900000] [--database-url postgres://root@127.0.0.1:5432/postgres]
        [--database-prefix respect_bench_refresh] [--keep]

Creates a fresh PostgreSQL database (dropped afterwards unless --keep) and builds the world of
``refresh_world.py``: the demo's four schools, their pupils' progress made through the services,
and each school's pupils copied ``--copies`` times with all their rows (the refresh reads the
pupils' own rows, which ``county_world.py`` does not make). Then it times a full refresh
(``reports.rollups.refresh_rollups``: every school, every year) ``--runs`` times with no protocol,
freezes the demo's evaluation protocol (``reports.demo_protocol``) and times it again, printing
wall and CPU seconds of this process (the database server's own CPU is not in it) and both per
thousand pupil-module summaries (``ModuleProgress`` rows).

A county is many more schools of the same kind: each school is rebuilt on its own, with a
constant number of queries, so the refresh grows with the summaries. The county figure is the
per-thousand cost times ``--county-assignments`` (default: the 300,000 pupils of
``county_reports.py``, each assigned three modules a year), an estimate from a smaller world,
and said to be one. ``--profile N`` prints the N functions with the most own time in one refresh
with the protocol, and the cumulative time of each step of a school's rebuild. Prints figures
only; it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from refresh_world import build_refresh_world  # noqa: E402
from scratch_database import scratch_database  # noqa: E402

STEPS = (
    "read_assignments",
    "read_pupils",
    "knowledge_pairs",
    "off_protocol",
    "progress_totals",
    "scale_totals",
    "comparison_rows",
)


def timed_refresh() -> tuple[float, float]:
    from reports.rollups import refresh_rollups

    wall, cpu = time.perf_counter(), time.process_time()
    refresh_rollups()
    return time.perf_counter() - wall, time.process_time() - cpu


def report(label: str, runs: list[tuple[float, float]], summaries: int, county: int) -> None:
    for n, (wall, cpu) in enumerate(runs, 1):
        per_wall, per_cpu = 1000 * wall / summaries, 1000 * cpu / summaries
        print(
            f"{label}, run {n}: {wall:.2f} s wall, {cpu:.2f} s CPU; per 1,000 summaries {per_wall:.3f} s wall, "
            f"{per_cpu:.3f} s CPU; estimate for {county:,} summaries {per_wall * county / 1000 / 60:.1f} min wall, "
            f"{per_cpu * county / 1000 / 60:.1f} min CPU",
            flush=True,
        )


def profile_refresh(top: int) -> None:
    from reports.rollups import refresh_rollups

    profiler = cProfile.Profile()
    profiler.runcall(refresh_rollups)
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"\nProfile of one refresh with the protocol ({total:.2f} s under the profiler)")
    for (filename, _, name), (_, _, _, cumulative, _) in sorted(stats.stats.items()):  # type: ignore[attr-defined]
        if name in STEPS and "/reports/" in filename:
            print(f"  {name:<18} {cumulative:7.2f} s cumulative ({100 * cumulative / total:4.1f}%)")
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(top)
    print("\n".join(line for line in text.getvalue().splitlines() if line.strip()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=15, help="each demo pupil this many times (with the original)")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--profile", type=int, default=15, help="functions to print from the profile (0: none)")
    parser.add_argument("--county-assignments", type=int, default=900_000)
    parser.add_argument("--database-url", default="postgres://root@127.0.0.1:5432/postgres")
    parser.add_argument("--database-prefix", default="respect_bench_refresh")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    with scratch_database(args.database_url, args.database_prefix, keep=args.keep) as db_name:
        from django.core.management import call_command

        from accounts.demo_data import load_demo_accounts
        from reports.demo_protocol import load_demo_protocol

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        counts = build_refresh_world(copies=args.copies)
        load_demo_accounts()
        summaries = counts["ModuleProgress"]
        print(f"database: PostgreSQL ({db_name})  built in {time.perf_counter() - started:.0f} s")
        print("rows: " + ", ".join(f"{name} {count:,}" for name, count in counts.items()))
        print("load average: " + " ".join(f"{value:.2f}" for value in os.getloadavg()), flush=True)
        report("no protocol", [timed_refresh() for _ in range(args.runs)], summaries, args.county_assignments)
        protocol = load_demo_protocol()
        assert protocol is not None, "the demo protocol names the demo's quizzes and surveys"  # nosec B101
        report("protocol frozen", [timed_refresh() for _ in range(args.runs)], summaries, args.county_assignments)
        if args.profile:
            profile_refresh(args.profile)


if __name__ == "__main__":
    main()
