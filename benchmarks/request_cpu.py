"""CPU and queries per request on the hot paths, in-process, with a profile on demand.

    .venv/bin/python benchmarks/request_cpu.py [--requests 300] [--profile NAME] [--only NAME ...]
        [--database-url postgres://root@127.0.0.1:5432/postgres] [--reuse DBNAME]

Calls the site's WSGI application directly (the whole middleware stack, DEBUG off, PostgreSQL,
no network), as a visitor, a signed-in pupil and a teacher would, and prints for each kind of
request the CPU time this process spent per request (``time.process_time``: it does not count
waiting for PostgreSQL, and it does not depend on how busy the rest of the machine is), the
number of SQL statements, whether the session was written, and the size of the response.
Beside them it prints the same figures for a bare Django view returning the same number of
bytes through a bare Django project (``benchmarks/bare_site.py``), called the same way.

``--profile NAME`` runs pyinstrument over the requests of that kind and prints where the time
went (``--cpu-profile``: cProfile counting CPU time only, so waiting for the database or for a
busy machine is left out). ``--reuse DBNAME`` keeps (or reuses) a database already migrated with the demo loaded, so
profiling again does not load the demo again. Prints figures only; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from cpu_per_request import bare_cpu, measure
from hot_path_world import build_world
from hot_paths import kinds
from in_process import setup_django
from private_redis import private_redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="append", default=[], help="kind of request to profile (repeatable)")
    parser.add_argument("--cpu-profile", action="store_true", help="profile with cProfile in CPU time")
    parser.add_argument("--only", action="append", default=[], help="measure only these kinds")
    parser.add_argument("--sql", action="store_true", help="print the SQL of one request of each kind")
    parser.add_argument("--database-url", default="postgres://root@127.0.0.1:5432/postgres")
    parser.add_argument("--reuse", help="a database name to keep and reuse (migrated, demo loaded)")
    args = parser.parse_args()

    base_url, _, _ = args.database_url.rpartition("/")
    db_name = args.reuse or f"respect_bench_cpu_{os.getpid()}"
    fresh = subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", db_name], capture_output=True).returncode == 0
    redis = private_redis()
    try:
        setup_django(f"{base_url}/{db_name}", redis.__enter__())
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # a kept database may be behind the code
        if fresh:
            call_command("load_demo_data", verbosity=0)
        from django.core.wsgi import get_wsgi_application

        app = get_wsgi_application()
        world = build_world()
        load = os.getloadavg()
        print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}  cores: {os.cpu_count()}")
        print(
            f"{'request':16} {'CPU ms':>7} {'DB CPU ms':>9} {'bare ms':>8} {'ratio':>6} {'queries':>8} {'writes':>7} "
            f"{'session writes':>15} {'bytes':>7}  status"
        )
        for kind in kinds(app, world):
            if args.only and kind.name not in args.only:
                continue
            profile = ("cpu" if args.cpu_profile else "wall") if kind.name in args.profile else None
            figures = measure(app, kind, args.requests, profile, show_sql=args.sql)
            bare = bare_cpu(figures["bytes"], args.requests)
            print(
                f"{kind.name:16} {figures['cpu_ms']:7.2f} {figures['database_cpu_ms']:9.2f} {bare:8.2f} "
                f"{figures['cpu_ms'] / bare:6.1f} "
                f"{figures['queries']:8.1f} {figures['writes']:7.1f} {figures['session_writes']:15.2f} "
                f"{figures['bytes']:7d}  {figures['statuses']}"
            )
    finally:
        from django.db import connections

        connections.close_all()
        redis.__exit__(None, None, None)
        if not args.reuse:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--if-exists", db_name], check=False)


if __name__ == "__main__":
    main()
