"""The audit behind secondary suppression agrees with a brute-force linear programme."""

import random

import numpy as np
from scipy import linalg

from reports.disclosure import SUPPRESSED
from reports.disclosure_audit import bridges, determined_cells, pinned_entries
from reports.disclosure_linked import Line
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


def test_determined_cells_agree_with_the_null_space_worked_out_densely():
    # Random linked lines, many holding two hidden cells (which the audit merges before solving),
    # against scipy's dense null space: a cell is determined when every null direction leaves it at 0.
    rng = random.Random(3)
    determined_seen = free_seen = 0
    for _ in range(60):
        cells = list(range(rng.randint(2, 14)))
        lines = []
        for _ in range(rng.randint(1, 12)):
            chosen = rng.sample(range(-3, len(cells)), rng.choice([2, 2, 2, 3, 4]))  # negative: a shown cell
            lines.append(Line(chosen[0], tuple(chosen[1:])))
        matrix = np.zeros((len(lines), len(cells)))
        for r, line in enumerate(lines):
            for key in line.parts:
                if key >= 0:
                    matrix[r, key] += 1
            if line.total >= 0:
                matrix[r, line.total] -= 1
        directions = linalg.null_space(matrix)
        expected = {k for k in cells if directions.shape[1] == 0 or np.abs(directions[k]).max() < 1e-9}

        assert set(determined_cells(cells, lines)) == expected, lines
        determined_seen += len(expected)
        free_seen += len(cells) - len(expected)
    assert determined_seen > 50 and free_seen > 50
