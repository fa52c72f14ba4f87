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
from collections.abc import Iterable, Iterator

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
