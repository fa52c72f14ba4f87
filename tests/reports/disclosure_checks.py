"""Independent checks that a suppressed table gives nothing away, shared by the disclosure tests."""

from scipy import optimize

from reports.disclosure import SUPPRESSED


def full_grid(counts):
    """The table with its row totals, column totals and grand total, as suppress_table lays it out."""
    grid = [[*row, sum(row)] for row in counts]
    grid.append([sum(column) for column in zip(*grid, strict=True)])
    return grid


def lines(grid):
    """Every row and column of a full grid; the last entry of each is its total."""
    rows, columns = len(grid), len(grid[0])
    return [[(i, j) for j in range(columns)] for i in range(rows)] + [
        [(i, j) for i in range(rows)] for j in range(columns)
    ]


def lone_hidden_entries(shown):
    """Hidden entries that are alone in a row or column: total minus the visible cells gives them away."""
    lone = set()
    for line in lines(shown):
        hidden = [(i, j) for i, j in line if shown[i][j] == SUPPRESSED]
        if len(hidden) == 1:
            lone.add(hidden[0])
    return lone


def recoverable_entries(true_grid, shown):
    """Hidden entries with one possible value given every shown figure and counts of at least 0.

    A brute-force audit independent of the module: one linear programme per hidden entry over all
    rows and columns at once, so combinations of lines are covered, not just one line at a time.
    """
    hidden = sorted((i, j) for i, row in enumerate(shown) for j, v in enumerate(row) if v == SUPPRESSED)
    if not hidden:
        return set()
    index = {p: k for k, p in enumerate(hidden)}
    a_eq, b_eq = [], []
    for line in lines(true_grid):
        row = [0.0] * len(hidden)
        rhs = 0.0
        for i, j in line:
            sign = -1.0 if (i, j) == line[-1] else 1.0
            if (i, j) in index:
                row[index[(i, j)]] = sign
            else:
                rhs -= sign * shown[i][j]
        a_eq.append(row)
        b_eq.append(rhs)
    found = set()
    for k, position in enumerate(hidden):
        objective = [0.0] * len(hidden)
        objective[k] = 1.0
        low = optimize.linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        objective[k] = -1.0
        high = optimize.linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert low.status == 0, "the true values must be feasible"
        if high.status == 0 and -high.fun - low.fun < 0.5:
            found.add(position)
    return found


def recoverable_cells(values, lines, shown_cells):
    """Hidden cells of a linked set with one possible value, given every shown cell (the audit above, any lines).

    ``values`` maps every cell to its true count; ``lines`` are (total, parts) pairs; ``shown_cells`` is the
    set of cells shown. One linear programme for the least and one for the greatest value of each hidden
    cell, over every line at once, counts at least 0.
    """
    cells = sorted({key for total, parts in lines for key in (total, *parts)}, key=repr)
    hidden = [key for key in cells if key not in shown_cells]
    if not hidden:
        return set()
    index = {key: k for k, key in enumerate(hidden)}
    a_eq, b_eq = [], []
    for total, parts in lines:
        row = [0.0] * len(hidden)
        rhs = 0.0
        for key, sign in [*((part, 1.0) for part in parts), (total, -1.0)]:
            if key in index:
                row[index[key]] += sign
            else:
                rhs -= sign * values.get(key, 0)
        a_eq.append(row)
        b_eq.append(rhs)
    found = set()
    for k, key in enumerate(hidden):
        objective = [0.0] * len(hidden)
        objective[k] = 1.0
        low = optimize.linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        objective[k] = -1.0
        high = optimize.linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert low.status == 0, "the true values must be feasible"
        if high.status == 0 and -high.fun - low.fun < 0.5:
            found.add(key)
    return found
