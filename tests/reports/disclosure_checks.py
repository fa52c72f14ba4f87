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
    set of cells shown. The least and the greatest value of each hidden cell by linear programming, over every
    line at once, counts at least 0. Each programme's solution is a possible table, so a cell already seen
    at two values at least 1/2 apart can move and needs no programme of its own.
    """
    import numpy as np
    from scipy import sparse

    cells = sorted({key for total, parts in lines for key in (total, *parts)}, key=repr)
    hidden = [key for key in cells if key not in shown_cells]
    if not hidden:
        return set()
    index = {key: k for k, key in enumerate(hidden)}
    rows, columns, data, b_eq = [], [], [], []
    for r, (total, parts) in enumerate(lines):
        rhs = 0.0
        for key, sign in [*((part, 1.0) for part in parts), (total, -1.0)]:
            if key in index:
                rows.append(r)
                columns.append(index[key])
                data.append(sign)
            else:
                rhs -= sign * values.get(key, 0)
        b_eq.append(rhs)
    a_eq = sparse.csr_matrix((data, (rows, columns)), shape=(len(lines), len(hidden)))
    true = np.array([float(values.get(key, 0)) for key in hidden])
    seen_low, seen_high = true.copy(), true.copy()
    # Move by up to 1 together many cells not yet seen to move, each in a direction of its own: variables are the
    # cells and, for each chosen cell, its move (0 to 1, at most how far it went that way); other cells are free.
    # The sum of the moves is maximised, so each chosen cell that can move does, without one cell taking all the
    # room its lines leave. First the hidden zeros (up: they cannot go down), then also a random half of the
    # others in random directions (the rest free to make room), until two rounds in a row move nothing. Each
    # solution is a possible table.
    directions = np.random.default_rng(0)
    idle, first = 0, True
    while idle < 2:
        unmoved = seen_high - seen_low < 0.5
        if not unmoved.any():
            break
        up = np.where(directions.random(len(hidden)) < 0.5, -1.0, 1.0)
        up[true == 0] = 1.0
        chosen = unmoved & ((true == 0) | (not first and directions.random(len(hidden)) < 0.5))
        first = False
        still = np.flatnonzero(chosen)
        up = up[still]
        if not len(still):
            idle += 1
            continue
        moves = len(still)
        # move_i <= up_i * (x_i - true_i), as  -up_i * x_i + move_i <= -up_i * true_i
        a_ub = sparse.hstack(
            [
                sparse.csr_matrix((-up, (np.arange(moves), still)), shape=(moves, len(hidden))),
                sparse.identity(moves, format="csr"),
            ]
        )
        result = optimize.linprog(
            np.concatenate([np.zeros(len(hidden)), -np.ones(moves)]),
            A_ub=a_ub,
            b_ub=-up * true[still],
            A_eq=sparse.hstack([a_eq, sparse.csr_matrix((len(lines), moves))]),
            b_eq=b_eq,
            bounds=[(0, None)] * len(hidden) + [(0, 1)] * moves,
            method="highs",
        )
        assert result.status == 0, "the true values must be feasible"
        x = result.x[: len(hidden)]
        seen_low = np.minimum(seen_low, x)
        seen_high = np.maximum(seen_high, x)
        idle = 0 if int((seen_high - seen_low < 0.5).sum()) < int(unmoved.sum()) else idle + 1
    found = set()
    for k, key in enumerate(hidden):
        ends = []
        for sign in (1.0, -1.0):
            if seen_high[k] - seen_low[k] >= 0.5:
                break
            objective = np.zeros(len(hidden))
            objective[k] = sign
            result = optimize.linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
            if sign > 0:
                assert result.status == 0, "the true values must be feasible"
            if result.status != 0:  # unbounded above
                ends.append(None)
                break
            seen_low = np.minimum(seen_low, result.x)
            seen_high = np.maximum(seen_high, result.x)
            ends.append(result.x[k])
        if seen_high[k] - seen_low[k] < 0.5 and len(ends) == 2 and None not in ends:
            found.add(key)
    return found
