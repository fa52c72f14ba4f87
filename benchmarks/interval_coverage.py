"""How often the published 95% interval of a pooled change covers the true change: a seeded simulation.

    .venv/bin/python benchmarks/interval_coverage.py [--replications 2000] [--seed 20260101]
        [--schools 10 24 50] [--icc 0 0.02 0.05 0.1] [--smallest 8] [--largest 150]

Each replication draws a county of G schools of unequal size (each between --smallest and
--largest pupils, uniformly) and gives every pupil a change d = μ + uⱼ + eᵢⱼ, with the school
effect uⱼ ~ N(0, ICC) and the pupil's own eᵢⱼ ~ N(0, 1 - ICC), so the intraclass correlation of
the changes is ICC. From each school's (n, Σd, Σd²), as the rollups hold them, it works out

- the published interval: ``reports.stats.clustered_change_from_sums`` (CR2 standard error,
  Student's t on G - 1 degrees of freedom), and
- the old pupil-level interval: the paired t over all pupils, d̄ ± t(N - 1)·s_d/√N (the interval
  of ``paired_change_from_sums``, without its effect sizes),

and counts how often each contains μ. The published interval should cover close to 95% in
every setting (between 93% and 97% here); the pupil-level one falls well short once the ICC is
above 0. It also prints the median width of each, and the Monte Carlo standard error of a
coverage near 95%. Prints figures only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scipy import stats  # noqa: E402

from reports.stats import clustered_change_from_sums  # noqa: E402
from reports.stats_moments import variance_from_sums  # noqa: E402

TRUE_CHANGE = 0.3


def simulate(
    rng: np.random.Generator, *, schools: int, icc: float, smallest: int, largest: int, replications: int
) -> dict[str, float]:
    """Coverage and median width of both intervals over ``replications`` simulated counties."""
    covered = {"published": 0, "pupil-level": 0}
    widths: dict[str, list[float]] = {"published": [], "pupil-level": []}
    for _ in range(replications):
        sizes = rng.integers(smallest, largest + 1, size=schools)
        effects = rng.normal(0.0, math.sqrt(icc), size=schools)
        groups = []
        for size, effect in zip(sizes, effects, strict=True):
            changes = TRUE_CHANGE + effect + rng.normal(0.0, math.sqrt(1 - icc), size=size)
            groups.append((int(size), float(changes.sum()), float(np.square(changes).sum())))
        published = clustered_change_from_sums(groups)
        n = sum(size for size, _, _ in groups)
        total = math.fsum(s for _, s, _ in groups)
        total_sq = math.fsum(ss for _, _, ss in groups)
        margin = float(stats.t.ppf(0.975, n - 1)) * math.sqrt(variance_from_sums(n, total, total_sq) / n)
        intervals = {
            "published": (published.ci_low, published.ci_high),
            "pupil-level": (total / n - margin, total / n + margin),
        }
        for name, (low, high) in intervals.items():
            covered[name] += low <= TRUE_CHANGE <= high
            widths[name].append(high - low)
    return {
        "published": covered["published"] / replications,
        "pupil-level": covered["pupil-level"] / replications,
        "published width": float(np.median(widths["published"])),
        "pupil-level width": float(np.median(widths["pupil-level"])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replications", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--schools", type=int, nargs="+", default=[10, 24, 50])
    parser.add_argument("--icc", type=float, nargs="+", default=[0.0, 0.02, 0.05, 0.1])
    parser.add_argument("--smallest", type=int, default=8)
    parser.add_argument("--largest", type=int, default=150)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    started = time.process_time()
    mc_error = math.sqrt(0.95 * 0.05 / args.replications)
    print(
        f"Coverage of a nominal 95% interval for the pooled mean change, {args.replications} replications "
        f"per setting, schools of {args.smallest} to {args.largest} pupils, seed {args.seed}"
    )
    print(f"(Monte Carlo standard error of a coverage near 95%: {100 * mc_error:.2f} points)")
    print()
    header = (
        f"{'schools':>7}  {'ICC':>5}  {'published (CR2, t G-1)':>23}  {'pupil-level t':>13}  "
        f"{'width published':>15}  {'width pupil-level':>17}  {'ratio':>5}"
    )
    print(header)
    print("-" * len(header))
    published_coverage = []
    for schools in args.schools:
        for icc in args.icc:
            found = simulate(
                rng,
                schools=schools,
                icc=icc,
                smallest=args.smallest,
                largest=args.largest,
                replications=args.replications,
            )
            published_coverage.append(found["published"])
            ratio = found["published width"] / found["pupil-level width"]
            print(
                f"{schools:>7}  {icc:>5.2f}  {100 * found['published']:>22.1f}%  "
                f"{100 * found['pupil-level']:>12.1f}%  {found['published width']:>15.3f}  "
                f"{found['pupil-level width']:>17.3f}  {ratio:>5.2f}"
            )
    print()
    low, high = min(published_coverage), max(published_coverage)
    inside = "inside" if low >= 0.93 and high <= 0.97 else "OUTSIDE"
    print(f"Published interval: coverage from {100 * low:.1f}% to {100 * high:.1f}% ({inside} 93% to 97%).")
    print(f"CPU time: {time.process_time() - started:.1f} s")


if __name__ == "__main__":
    main()
