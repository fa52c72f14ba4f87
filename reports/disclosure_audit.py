"""Finding hidden table entries that could still be worked out; used by ``reports.disclosure``.

A table and its totals form a grid whose rows and columns (totals included)
are lines: the cells of a line add up to its total entry, which is the
line's last entry. Think of every line as a node and every hidden entry as
an edge between its row and its column. Subtracting and adding lines can
isolate a hidden entry exactly when that edge is a bridge (on no cycle); and
where hidden entries are 0 the floor of 0 can pin a value even on a cycle.

Reference: Hundepool, A. et al. (2012) Statistical Disclosure Control,
Wiley, on auditing a suppression pattern.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence

Grid = list[list[int]]
Position = tuple[int, int]
Node = tuple[str, int]


def _graph(hidden: Iterable[Position]) -> dict[Node, list[tuple[Node, Position]]]:
    graph: dict[Node, list[tuple[Node, Position]]] = defaultdict(list)
    for i, j in sorted(hidden):
        graph[("r", i)].append((("c", j), (i, j)))
        graph[("c", j)].append((("r", i), (i, j)))
    return graph


def bridges(hidden: Iterable[Position]) -> list[Position]:
    """Hidden entries lying on no cycle of hidden entries, in row-major order.

    Tarjan's bridge-finding, iterative so a long table cannot exhaust the
    recursion limit: an edge to a child is a bridge when nothing below the
    child reaches back above it.
    """
    graph = _graph(hidden)
    discovered: dict[Node, int] = {}
    low: dict[Node, int] = {}
    found: list[Position] = []
    for root in sorted(graph):
        if root in discovered:
            continue
        discovered[root] = low[root] = len(discovered)
        stack: list[tuple[Node, Position | None, Iterator[tuple[Node, Position]]]] = [(root, None, iter(graph[root]))]
        while stack:
            node, via, edges = stack[-1]
            for neighbour, edge in edges:
                if edge == via:
                    continue
                if neighbour in discovered:
                    low[node] = min(low[node], discovered[neighbour])
                else:
                    discovered[neighbour] = low[neighbour] = len(discovered)
                    stack.append((neighbour, edge, iter(graph[neighbour])))
                    break
            else:
                stack.pop()
                if stack and via is not None:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > discovered[parent]:
                        found.append(via)
    return sorted(found)


def bridge_sides(hidden: Iterable[Position], bridge: Position) -> tuple[set[Node], set[Node]]:
    """The lines reachable from each end of ``bridge`` through other hidden entries."""
    graph = _graph(hidden)
    row_side = _reachable(graph, ("r", bridge[0]), bridge)
    column_side = _reachable(graph, ("c", bridge[1]), bridge)
    return row_side, column_side


def _reachable(graph: dict[Node, list[tuple[Node, Position]]], start: Node, skip: Position | None) -> set[Node]:
    seen = {start}
    queue = deque([start])
    while queue:
        for neighbour, edge in graph[queue.popleft()]:
            if edge != skip and neighbour not in seen:
                seen.add(neighbour)
                queue.append(neighbour)
    return seen


def pinned_entries(grid: Grid, hidden: set[Position]) -> list[Position]:
    """Hidden entries whose value is the only one consistent with the shown entries and counts ≥ 0.

    Negate the row and column totals (keep the grand total) and every line of
    the grid sums to zero, so any change that keeps the shown entries and the
    sums goes round cycles of hidden entries, alternately up and down. A
    hidden entry can change when some such cycle through it only lowers
    entries above 0. Walking a cycle from row node to column node raises that
    entry's signed value, the other way lowers it; an entry at 0 may only be
    walked the way that raises its count, other entries either way. So an
    entry is pinned exactly when, with it removed, neither of its ends can
    reach the other along allowed steps (the reverse of its own allowed
    steps). Without hidden zeros this is the same as being a bridge, found
    faster by ``bridges``.
    """
    if all(grid[i][j] > 0 for i, j in hidden):
        return bridges(hidden)
    last_row, last_column = len(grid) - 1, len(grid[0]) - 1
    steps: dict[Node, list[tuple[Node, Position]]] = defaultdict(list)
    for i, j in sorted(hidden):
        row, column = ("r", i), ("c", j)
        # Row and column totals enter their line with a minus sign, so raising them lowers the signed value.
        raises_from_row = (i == last_row) == (j == last_column)
        if grid[i][j] > 0 or raises_from_row:
            steps[row].append((column, (i, j)))
        if grid[i][j] > 0 or not raises_from_row:
            steps[column].append((row, (i, j)))
    pinned = []
    for i, j in sorted(hidden):
        row, column = ("r", i), ("c", j)
        usable = [(a, b) for a, b in ((row, column), (column, row)) if any(e == (i, j) for _, e in steps[a])]
        if not any(_reaches(steps, end, start, (i, j)) for start, end in usable):
            pinned.append((i, j))
    return pinned


def _reaches(steps: dict[Node, list[tuple[Node, Position]]], start: Node, goal: Node, skip: Position) -> bool:
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return True
        for neighbour, edge in steps[node]:
            if edge != skip and neighbour not in seen:
                seen.add(neighbour)
                queue.append(neighbour)
    return False


# --- Linked tables: any lines, not only the rows and columns of one grid ------------------------------

# Up to this many cells, each one's least and greatest value is found with its own pair of linear
# programmes (as an auditor would); above it, two programmes find every cell that can move at once.
RANGE_AUDIT_LIMIT = 80


def pinned_cells(cells: Sequence[Hashable], lines: Sequence, counts: Mapping[Hashable, int]) -> list[Hashable]:
    """The hidden ``cells`` that have only one possible value, given every shown figure.

    ``lines`` are the lines (``reports.disclosure_linked.Line``: a total and its parts) holding
    these cells; every entry of a line that is not in ``cells`` is shown, with its value in
    ``counts``. The hidden values x satisfy A x = b (one row per line) and x >= 0.

    A cell is pinned when its least and greatest value over that polytope are less than a half
    apart (counts are whole numbers). For up to ``RANGE_AUDIT_LIMIT`` cells this is found with
    two linear programmes per cell. For more, from the true values x*: a cell can move exactly
    when some direction d with A d = 0, and d >= 0 on the cells that are 0, has d_k != 0.
    Without hidden zeros that is linear algebra (d_k != 0 for some d in the null space of A).
    With them, a programme maximises the sum of d over the cells not yet seen to rise (d within
    -1 to 1); cells it raises can rise, and when the sum cannot be raised, each cell left is
    tried alone. Then the same for falling. Both are worked out on the columns left once lines
    holding two hidden cells have tied them together (``_tied``), a far smaller system.
    """
    import numpy as np
    from scipy import optimize, sparse

    index = {key: n for n, key in enumerate(cells)}
    size = len(cells)
    rows, columns, data, b = [], [], [], []
    for r, line in enumerate(lines):
        constant = 0.0
        for key, sign in [*((part, 1.0) for part in line.parts), (line.total, -1.0)]:
            if key in index:
                rows.append(r)
                columns.append(index[key])
                data.append(sign)
            else:
                constant -= sign * counts.get(key, 0)
        b.append(constant)
    a = sparse.csr_matrix((data, (rows, columns)), shape=(len(lines), size))
    true = np.array([float(counts.get(key, 0)) for key in cells])

    if size <= RANGE_AUDIT_LIMIT:
        pinned = []
        for k, key in enumerate(cells):
            objective = np.zeros(size)
            objective[k] = 1.0
            low = optimize.linprog(objective, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
            high = optimize.linprog(-objective, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
            if low.status != 0:
                raise ValueError("The true values do not satisfy the lines: the table does not add up.")
            if high.status == 0 and -high.fun - low.fun < 0.5:
                pinned.append(key)
        return pinned

    zeros = true == 0
    if not zeros.any():
        free = _free_cells(a)
        return [key for k, key in enumerate(cells) if not free[k]]
    # The programmes are solved on the tied columns (``_tied``): d = tie e, so a cell moves exactly when its
    # merged column can, and a cell at 0 (d_k >= 0) bounds its merged column on the side its sign says.
    reduced, tie = _tied(a)
    tie = sparse.csr_matrix(tie)
    merged_into = np.full(size, -1)
    lower, upper = -np.ones(reduced.shape[1]), np.ones(reduced.shape[1])
    for k in range(size):
        if tie.indptr[k] == tie.indptr[k + 1]:
            continue  # forced to 0 by its ties
        column, factor = tie.indices[tie.indptr[k]], tie.data[tie.indptr[k]]
        merged_into[k] = column
        if zeros[k]:
            if factor > 0:
                lower[column] = 0.0
            else:
                upper[column] = 0.0
    movable = _movable_columns(reduced, lower, upper)
    return [key for k, key in enumerate(cells) if merged_into[k] < 0 or not movable[merged_into[k]]]


def _movable_columns(a, lower, upper):
    """Which columns k can be non-zero in some d with A d = 0 and ``lower`` <= d <= ``upper`` (each bound -1, 0
    or 1): a programme maximises the sum of the columns not yet seen to rise; those it raises can rise; when
    the sum cannot be raised, each one left is tried alone. Then the same for falling."""
    import numpy as np
    from scipy import optimize

    size = a.shape[1]
    free = _free_cells(a)
    movable = np.zeros(size, dtype=bool)
    if not a.shape[0]:
        return free & ((upper > 0) | (lower < 0))
    bounds = list(zip(lower, upper, strict=True))
    for sign in (1.0, -1.0):
        untried = [k for k in range(size) if free[k] and not movable[k] and (upper[k] if sign > 0 else -lower[k]) > 0]
        while untried:
            objective = np.zeros(size)
            objective[untried] = -sign
            found = optimize.linprog(objective, A_eq=a, b_eq=np.zeros(a.shape[0]), bounds=bounds, method="highs")
            moved = [k for k in untried if sign * found.x[k] > 1e-7] if found.status == 0 else []
            if not moved:
                break
            movable[moved] = True
            untried = [k for k in untried if not movable[k]]
        for k in untried:
            if movable[k]:
                continue
            objective = np.zeros(size)
            objective[k] = -sign
            found = optimize.linprog(objective, A_eq=a, b_eq=np.zeros(a.shape[0]), bounds=bounds, method="highs")
            if found.status == 0:
                movable |= sign * found.x > 1e-7
    return movable


def determined_cells(cells: Sequence[Hashable], lines: Sequence) -> list[Hashable]:
    """The hidden ``cells`` whose value follows from ``lines`` by adding and subtracting them.

    For groups too large for ``pinned_cells``: it leaves out that counts are at least 0 (which
    only matters where a hidden count is 0). A cell k is determined exactly when every direction
    d with A d = 0 has d_k = 0. A random vector's projection onto that null space (its residual
    after least squares on Aᵀ, by LSQR) is, almost surely, non-zero on every cell that is not
    determined; two such projections are taken.
    """
    from scipy import sparse

    index = {key: n for n, key in enumerate(cells)}
    rows, columns, data = [], [], []
    for r, line in enumerate(lines):
        for key, sign in [*((part, 1.0) for part in line.parts), (line.total, -1.0)]:
            if key in index:
                rows.append(r)
                columns.append(index[key])
                data.append(sign)
    a = sparse.csr_matrix((data, (rows, columns)), shape=(len(lines), len(cells)))
    free = _free_cells(a)
    return [key for k, key in enumerate(cells) if not free[k]]


def _free_cells(a):
    """Which columns k of the sparse matrix ``a`` have d_k != 0 for some d with A d = 0 (see ``determined_cells``).

    Worked out on ``_tied`` columns: most lines of a linked set hold two hidden cells (a total of one
    part), which tie one cell's change to the other's; merging them first leaves a far smaller system.
    """
    import numpy as np
    from scipy.sparse.linalg import lsqr

    reduced, tie = _tied(a)
    size = reduced.shape[1]
    free = np.ones(size, dtype=bool)
    if reduced.shape[0] and size:
        free[:] = False
        generator = np.random.default_rng(20260)
        for _ in range(2):
            z = generator.standard_normal(size)
            y = lsqr(reduced.T, z, atol=1e-14, btol=1e-14, conlim=1e12, iter_lim=20 * size)[0]
            free |= np.abs(z - reduced.T @ y) > 1e-6
    return np.abs(tie @ free.astype(float)) > 0


def _tied(a):
    """``(b, tie)`` with {d: A d = 0} = {tie e: B e = 0}: columns tied by a row with two entries merged.

    A row c_i d_i + c_j d_j = 0 gives d_j = -(c_i / c_j) d_i, so column j is folded into column i
    (``tie`` maps each merged column back to its columns, with the sign). Ties that close a loop
    with the opposite sign force the loop's columns to 0: they get no column (a zero row of
    ``tie``). Repeated until no row has two entries on different columns; rows left empty are dropped.
    """
    import numpy as np
    from scipy import sparse

    tie = sparse.identity(a.shape[1], format="csr")
    current = sparse.csr_matrix(a)
    while True:
        current.eliminate_zeros()
        current = current[np.flatnonzero(np.diff(current.indptr))]
        pairs = np.flatnonzero(np.diff(current.indptr) == 2)
        if not len(pairs):
            return current, tie
        starts = current.indptr[pairs]
        found, zero, merged = _fold_pairs(
            current.shape[1],
            zip(
                current.indices[starts],
                current.indices[starts + 1],
                current.data[starts],
                current.data[starts + 1],
                strict=True,
            ),
        )
        if not merged and not any(zero):
            return current, tie
        # Each pass leaves fewer columns (merged, or forced to 0), so the loop ends.
        size = current.shape[1]
        roots = sorted({root for root, _ in found if not zero[root]})
        place = {root: n for n, root in enumerate(roots)}
        kept = [(k, place[root], factor) for k, (root, factor) in enumerate(found) if not zero[root]]
        fold = sparse.csr_matrix(
            ([factor for _, _, factor in kept], ([k for k, _, _ in kept], [n for _, n, _ in kept])),
            shape=(size, len(roots)),
        )
        current = sparse.csr_matrix(current @ fold)
        tie = sparse.csr_matrix(tie @ fold)


def _fold_pairs(size: int, pairs) -> tuple[list[tuple[int, float]], list[bool], bool]:
    """Union-find over ``pairs`` (i, j, c_i, c_j), each saying c_i d_i + c_j d_j = 0.

    Returns each column's (root, factor) with d_k = factor d_root, which roots are forced to 0
    (a loop of ties that does not agree with itself), and whether any two columns were merged.
    """
    parent, factor, zero = list(range(size)), [1.0] * size, [False] * size

    def find(k: int) -> tuple[int, float]:
        path, along = [], 1.0
        while parent[k] != k:
            path.append(k)
            along *= factor[k]
            k = parent[k]
        to_root = along
        for node in path:  # point each node on the path straight at the root, with its factor to the root
            own = factor[node]
            parent[node], factor[node] = k, to_root
            to_root /= own
        return k, along

    merged = False
    for i, j, c_i, c_j in pairs:
        ratio = -c_i / c_j  # d_j = ratio d_i
        (root_i, to_i), (root_j, to_j) = find(int(i)), find(int(j))
        if root_i == root_j:
            zero[root_i] = zero[root_i] or abs(to_j - ratio * to_i) > 1e-9
            continue
        parent[root_j], factor[root_j] = root_i, ratio * to_i / to_j
        zero[root_i] = zero[root_i] or zero[root_j]
        merged = True
    return [find(k) for k in range(size)], zero, merged
