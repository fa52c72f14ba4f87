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
    # First raise (then lower) together every cell not yet seen to move: each solution is a possible table.
    bound = 10 * (true.max() + 1)
    for sign in (-1.0, 1.0):
        while True:
            still = (seen_high - seen_low < 0.5) & ((true > 0) if sign > 0 else True)
            if not still.any():
                break
            result = optimize.linprog(sign * still, A_eq=a_eq, b_eq=b_eq, bounds=(0, bound), method="highs")
            before = int(still.sum())
            seen_low = np.minimum(seen_low, result.x)
            seen_high = np.maximum(seen_high, result.x)
            if int(((seen_high - seen_low < 0.5) & still).sum()) == before:
                break
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


# --- Random linked table sets: small hierarchies with filters, for the property test and the benchmark ---------

AUDITED_MEASURES = ("assigned", "pairs")


def random_table_set(pick, *, districts=3, schools_each=3, terms=2, modules=2, genders=3):
    """Rollup rows of a small random county and its schools' facts; ``pick(low, high)`` draws a whole number.

    One to ``districts`` districts of one to ``schools_each`` schools, two types of school, up to ``terms``
    terms and ``modules`` modules, pupils of up to ``genders`` genders; counts lean small, so many cells
    are hidden and many lines link them.
    """
    from decimal import Decimal

    from reports.disclosure_cube import PROGRESS_MEASURES, SchoolInfo

    schools, rows = {}, []
    number = 0
    for district in range(pick(1, districts)):
        for _ in range(pick(1, schools_each)):
            number += 1
            schools[str(number)] = SchoolInfo.of(
                district_id=district + 1,
                phase="Secondary",
                kind=("Academy", "Community")[pick(0, 1)],
                fsm_percent=Decimal(pick(0, 1) * 25),
                urban_rural="(England/Wales) Urban city and town",
            )
            for term in range(1, pick(1, terms) + 1):
                for module in range(1, pick(1, modules) + 1):
                    for gender in ("female", "male", "")[: pick(1, genders)]:
                        assigned = (0, 1, 3, 8, 12, 25, 40)[pick(0, 6)]
                        completed = min(assigned, (0, 2, 9, 12, 30)[pick(0, 4)])
                        pairs = min(completed, (0, 1, 6, 11, 20)[pick(0, 4)])
                        found = {"assigned": assigned, "started": assigned, "completed": completed}
                        found.update(quiz_taken=completed, pairs=pairs)
                        counts = [found.get(name, 0) for name in PROGRESS_MEASURES]
                        rows.append((str(number), 2025, term, module, 9, gender, *counts))
    return rows, schools


def audit_table_set(rows, schools, threshold=10, measures=AUDITED_MEASURES):
    """Protect the linked set of ``rows`` as the refresh does, then audit it independently of the module.

    Returns (cells audited, leaks): a leak is a hidden cell with one possible value given every shown cell
    (``recoverable_cells``), a line whose shown total leaves its hidden parts fewer than the threshold, or a
    shown cell whose difference from a shown cell containing it is 1 to threshold - 1 pupils.
    """
    from reports import disclosure_cube as cube

    table = cube.progress_table(rows, schools)
    lines = cube.lines_of(table.values, schools)
    from reports.disclosure_linked import protect

    protections = {}
    for measure in measures:
        n = cube.PROGRESS_MEASURES.index(measure)
        values = {key: counts[n] for key, counts in table.values.items()}
        primary = cube.primary(table, lines, n, threshold)
        protections[measure] = protect(values, lines, primary, threshold=threshold)
    pairs = [(line.total, line.parts) for line in lines]
    above = {}
    for total, parts in pairs:
        for part in parts:
            above.setdefault(part, set()).add(total)
    leaks, audited = [], 0
    for measure in measures:
        n = cube.PROGRESS_MEASURES.index(measure)
        values = {key: counts[n] for key, counts in table.values.items()}
        hidden = protections[measure].hidden
        shown = set(values) - hidden
        audited += len(values)
        leaks += [(measure, "pinned", key) for key in recoverable_cells(values, pairs, shown)]
        for total, parts in pairs:
            hidden_parts = [values.get(part, 0) for part in parts if part in hidden]
            if hidden_parts and total in shown and sum(hidden_parts) < threshold:
                leaks.append((measure, "line under threshold", total))
        for key in shown:
            stack, seen = list(above.get(key, ())), set()
            while stack:
                parent = stack.pop()
                if parent in seen:
                    continue
                seen.add(parent)
                stack.extend(above.get(parent, ()))
                if parent in shown and 0 < values[parent] - values[key] < threshold:
                    leaks.append((measure, "difference under threshold", key))
    return audited, leaks
