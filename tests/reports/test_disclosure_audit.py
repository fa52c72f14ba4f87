"""The audit behind secondary suppression agrees with a brute-force linear programme."""

import random

from reports.disclosure import SUPPRESSED
from reports.disclosure_audit import bridges, pinned_entries
from tests.reports.disclosure_checks import full_grid, recoverable_entries


def test_bridges_finds_the_link_between_two_loops():
    two_loops = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3)}
    assert bridges(two_loops) == []
    assert bridges(two_loops | {(1, 2)}) == [(1, 2)]
    assert bridges({(0, 0), (0, 1)}) == [(0, 0), (0, 1)]


def test_pinned_entries_agree_with_the_linear_programme_audit():
    rng = random.Random(21)
    checked = 0
    for _ in range(60):
        rows, columns = rng.randint(1, 4), rng.randint(1, 4)
        counts = [[rng.choice([0, 0, 1, 4, 9, 15, 60]) for _ in range(columns)] for _ in range(rows)]
        grid = full_grid(counts)
        hidden = {(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v < 10 or rng.random() < 0.15}
        shown = [[SUPPRESSED if (i, j) in hidden else v for j, v in enumerate(row)] for i, row in enumerate(grid)]
        assert set(pinned_entries(grid, hidden)) == recoverable_entries(grid, shown), counts
        checked += bool(hidden)
    assert checked > 40
