"""Which hidden cells are pinned, counts being at least 0 included, with one linear programme and linear algebra.

The hidden values x of a linked group can be anything in P = {x : A x = b, x >= 0} (``A``, ``b``: the
lines, with the shown figures moved to ``b``). A hidden cell is pinned (one possible value) exactly
when it is constant on P, which is exactly when it is constant on the smallest affine space holding P.
That space is {x : A x = b, x_Z = 0}, where Z is the set of cells that are 0 at every point of P (the
inequalities x >= 0 that P holds as equalities). So once Z is known, the linear audit
(``reports.disclosure_audit.free_cells``) on the columns outside Z finds every pinned cell: those of
Z (always 0) and those the lines fix once the cells of Z are 0.

Z is found with one programme (``always_zero``). Only cells whose true count is 0 can be in it (the
true values are a point of P). In homogenised form, with y >= 0 and lambda >= 1 (y / lambda is a
point of P): maximise the sum of t_i subject to A y = lambda b, y_i >= t_i and 0 <= t_i <= 1. A cell
that is positive at some point of P gets t_i = 1 at the optimum (scale that point up, and add such
points for each cell: P is convex), and a cell of Z has y_i = 0, so t_i = 0: the optimum has t_i = 1
off Z and 0 on Z. Pinned in this relaxation (any real x >= 0) means pinned for whole counts too.

Reference: Schrijver, A. (1986) Theory of Linear and Integer Programming, Wiley, 8.2 (implicit
equalities and the affine hull of a polyhedron).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

from reports.disclosure_audit import free_cells, line_system


def always_zero(a, b: Sequence[float], candidates: Sequence[int]) -> list[int]:
    """The columns of ``candidates`` that are 0 at every x >= 0 with A x = b (one linear programme).

    ``a`` is sparse; the system must have a solution x >= 0 that is 0 on no column outside
    ``candidates`` (the true values, with ``candidates`` their zeros).
    """
    import numpy as np
    from scipy import optimize, sparse

    rows, size, m = a.shape[0], a.shape[1], len(candidates)
    if not m:
        return []
    # Variables: y (size), t (m), lambda (1). Equalities A y - b lambda = 0; inequalities t_j - y_(candidate j) <= 0.
    equalities = sparse.hstack(
        [a, sparse.csr_matrix((rows, m)), sparse.csr_matrix(-np.asarray(b, dtype=float).reshape(-1, 1))]
    )
    picked = sparse.csr_matrix((-np.ones(m), (np.arange(m), np.asarray(candidates))), shape=(m, size))
    inequalities = sparse.hstack([picked, sparse.identity(m), sparse.csr_matrix((m, 1))])
    objective = np.concatenate([np.zeros(size), -np.ones(m), [0.0]])
    bounds = [(0, None)] * size + [(0, 1)] * m + [(1, None)]
    found = optimize.linprog(
        objective,
        A_ub=sparse.csr_matrix(inequalities),
        b_ub=np.zeros(m),
        A_eq=sparse.csr_matrix(equalities),
        b_eq=np.zeros(rows),
        bounds=bounds,
        method="highs",
    )
    if found.status != 0:
        raise ValueError("The true values do not satisfy the lines: the table does not add up.")
    t = found.x[size : size + m]
    return [column for column, reach in zip(candidates, t, strict=True) if reach < 0.5]


def pinned_on_hull(cells: Sequence[Hashable], lines: Sequence, counts: Mapping[Hashable, int]) -> list[Hashable]:
    """The hidden ``cells`` that have only one possible value given every shown figure and counts of at least 0.

    ``lines`` and ``counts`` as for ``reports.disclosure_audit.pinned_cells``: the cells that are 0
    at every point (``always_zero``), and the cells the lines fix once those are 0 (linear algebra).
    """
    import numpy as np

    a, b = line_system(cells, lines, counts)
    zero = set(always_zero(a, b, [k for k, key in enumerate(cells) if counts.get(key, 0) == 0]))
    rest = [k for k in range(len(cells)) if k not in zero]
    fixed = np.ones(len(cells), dtype=bool)
    if rest:
        fixed[rest] = ~free_cells(a[:, rest])
    return [key for k, key in enumerate(cells) if fixed[k]]
