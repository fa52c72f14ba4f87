"""The suppression audit over many random linked table sets: how many were checked, how many leaked.

    .venv/bin/python benchmarks/disclosure_audit.py [--sets 50] [--seed 1] [--threshold 10]

Each set is a random small county (up to 3 districts of up to 3 schools, two types of school, up to
2 terms and 2 modules, pupils by gender; ``tests/reports/linked_set_audit.random_table_set``) turned
into every cell the pages can show (``reports.disclosure_cube``): every measure of the progress
table (uptake, knowledge pairs, the attrition flow's steps and losses, the follow-up's retention,
the pairs left out and those off the protocol) and a survey scale's pairs, alpha and follow-up
pairs. It is protected as a refresh does (``reports.publication.protect_over_time``). Each
protected set is then audited independently, every measure linked within a cell at once: the least
and greatest value of each hidden cell given every shown cell (linear programmes, counts at least
0), a line whose shown total leaves its hidden parts fewer than the threshold, and a shown cell
whose difference from a shown cell containing it is 1 to threshold - 1 pupils. Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threshold", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from tests.reports.linked_set_audit import audit_table_set, random_table_set

    rng = random.Random(args.seed)
    cells = leaks = leaking_sets = 0
    started = time.perf_counter()
    for _ in range(args.sets):
        rows, scale_rows, schools = random_table_set(rng.randint)
        audited, found = audit_table_set(rows, schools, args.threshold, measures=None, scale_rows=scale_rows)
        cells += audited
        leaks += len(found)
        leaking_sets += bool(found)
        for measure, why, key in found[:3]:
            print(f"leak: {measure} {why} {key}")
    seconds = time.perf_counter() - started
    print(f"random table sets checked: {args.sets} (seed {args.seed}, threshold {args.threshold})")
    print(f"cells audited (every measure, each cell once per measure): {cells}")
    print(f"leaks found: {leaks} in {leaking_sets} sets")
    print(f"time: {seconds:.1f} s ({seconds / max(args.sets, 1):.2f} s per set)")


if __name__ == "__main__":
    main()
