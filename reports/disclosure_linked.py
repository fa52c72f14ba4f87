"""Secondary suppression across a linked set of tables: every figure any page can show, at once.

Pages show figures that overlap: a district's by-school table and each school's own page, a
county table and each district's page, a filtered view and the view it narrows. Each figure is
a *cell* (a count of pupils); a *line* says that one cell (its total) is the sum of others (its
parts), e.g. a district is the sum of its schools, all terms the sum of the terms. Suppressing
each table alone is not enough: a figure hidden in one table can be worked out from another.
So the pattern is worked out once for the whole set, and every page shows that one pattern.

``protect`` starts from the cells hidden by the primary rules and, until nothing changes:

1. A line with exactly one hidden entry gives it away (total minus the shown parts): hide the
   smallest other entry (a part before the total when they tie).
2. A line whose total is shown tells readers what its hidden parts add up to: when that is
   fewer than the threshold, it is a small group in itself. Hide the smallest positive part.
3. Lines can be combined. For each group of hidden cells linked through shared lines, an
   exact audit (``reports.disclosure_audit.pinned_cells``: linear algebra, and linear
   programmes where a hidden cell is 0) finds any cell with only one possible value given
   every shown cell and counts of at least 0; the smallest shown entry of one of its lines is
   hidden too (when every entry of its lines is hidden already, what pins it is shown further
   along the group: the smallest shown entry of the group's lines). Groups larger than
   ``AUDIT_LIMIT`` cells get the linear part of the audit only
   (``determined_cells``: counts being at least 0 is left out, which matters only for hidden
   zeros, already covered by rule 2 line by line); they are counted in
   ``Protection.linear_only`` so a caller can report them.

References: Hundepool, A. et al. (2012) Statistical Disclosure Control, Wiley, 4.3 (linked
and hierarchical tables) and 4.4 (auditing); de Wolf, P.-P. (2002) HiTaS: a heuristic approach
to cell suppression in hierarchical tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reports.disclosure_audit import determined_cells, pinned_cells

Key = Hashable
# Groups of linked hidden cells up to this size are audited exactly, each time the rules settle.
AUDIT_LIMIT = 5000
# Groups up to this size get one more hidden cell per audit (the fewest hidden); larger ones one per pinned
# cell whose lines no other choice of the same audit has touched.
ONE_AT_A_TIME = 200


@dataclass(frozen=True)
class Line:
    """``total`` is the sum of ``parts`` (the parts do not overlap)."""

    total: Key
    parts: tuple[Key, ...]

    @property
    def entries(self) -> tuple[Key, ...]:
        return (*self.parts, self.total)


@dataclass
class Protection:
    """The hidden cells and how the audit went."""

    hidden: set[Key]
    primary: frozenset[Key]
    audited: int = 0
    linear_only: int = 0
    largest_group: int = 0
    rounds: int = 0


def protect(
    values: Mapping[Any, int],
    lines: Sequence[Line],
    primary: Iterable[Key],
    *,
    threshold: int,
    audit_limit: int = AUDIT_LIMIT,
    fixed: Iterable[Key] = (),
) -> Protection:
    """Hide more cells until no hidden cell can be worked out (see the module docstring).

    ``values`` holds every cell's true count; cells named by a line but missing from ``values``
    count as 0. ``primary`` are the cells hidden by the primary rules; ``fixed`` cells stay shown.
    """
    order = {key: n for n, key in enumerate(values)}
    for line in lines:
        for key in line.entries:
            order.setdefault(key, len(order))
    counts = {key: int(values.get(key, 0)) for key in order}
    lines_of: dict[Key, list[int]] = defaultdict(list)
    for n, line in enumerate(lines):
        for key in line.entries:
            lines_of[key].append(n)
    start = frozenset(primary)
    hidden = set(start)
    result = Protection(hidden=hidden, primary=start)
    kept = frozenset(fixed) - start

    def rank(key: Key, line: Line) -> tuple:
        return (counts[key], key == line.total, order[key])

    def hide(key: Key, pending: set[int]) -> None:
        hidden.add(key)
        pending.update(lines_of[key])

    pending = set(range(len(lines)))
    clean: set[tuple] = set()
    while True:
        result.rounds += 1
        while pending:
            line = lines[pending.pop()]
            choice = _rule_choice(line, hidden, kept, counts, threshold, rank)
            if choice is not None:
                hide(choice, pending)
        changed = False
        for group, group_lines in _groups(hidden, lines, lines_of, order):
            result.largest_group = max(result.largest_group, len(group))
            signature = (tuple(group), tuple(group_lines))
            if signature in clean:
                continue  # audited unchanged before with nothing pinned: the same cells and lines give the same answer
            touching = [lines[n] for n in group_lines]
            if len(group) > audit_limit:
                result.linear_only += 1
                found = determined_cells(group, touching)
            else:
                result.audited += 1
                found = pinned_cells(group, touching, counts)
            if not found:
                clean.add(signature)
            # In a large group, protect each pinned cell whose lines this round's choices left alone, so the
            # group is audited once per round of choices rather than once per cell (each audit of a group of
            # thousands of cells takes seconds); the loop still ends only when an audit finds nothing.
            touched: set[int] = set()
            for key in found:
                if touched.intersection(lines_of[key]):
                    continue
                choice = _protector(key, lines, lines_of, (hidden, kept), counts, rank)
                if choice is None:
                    # Every line through the cell is hidden: what pins it is shown further along its group.
                    choice = _group_protector(touching, (hidden, kept), counts, rank)
                if choice is not None and choice not in hidden:
                    hide(choice, pending)
                    changed = True
                    if len(group) <= ONE_AT_A_TIME:
                        break
                    touched.update(lines_of[key])
                    touched.update(lines_of[choice])
        if not changed and not pending:
            return result


def _rule_choice(
    line: Line, hidden: set[Key], fixed: frozenset[Key], counts: dict[Key, int], threshold: int, rank
) -> Key | None:
    """Rules 1 and 2 for one line: the entry to hide next (never a ``fixed`` one), or None."""
    hidden_here = [key for key in line.entries if key in hidden]
    if not hidden_here:
        return None
    visible = [key for key in line.entries if key not in hidden and key not in fixed]
    if len(hidden_here) == 1:
        return min(visible, key=lambda key: rank(key, line)) if visible else None
    if line.total in hidden:
        return None
    if sum(counts[key] for key in hidden_here) >= threshold:
        return None
    positive = [key for key in visible if key != line.total and counts[key] > 0]
    if positive:
        return min(positive, key=lambda key: rank(key, line))
    return None if line.total in fixed else line.total


def _protector(key: Key, lines: Sequence[Line], lines_of, taken: tuple, counts: dict[Key, int], rank) -> Key | None:
    """For a pinned cell: the smallest shown entry of one of its lines (positive first), else any shown entry;
    never a hidden or fixed one (``taken``)."""
    hidden, fixed = taken
    candidates: list[tuple] = []
    for n in lines_of[key]:
        line = lines[n]
        shown = [other for other in line.entries if other not in hidden and other not in fixed]
        candidates.extend((counts[other] == 0, *rank(other, line), other) for other in shown)
    if candidates:
        return min(candidates, key=lambda found: found[:-1])[-1]
    return None


def _group_protector(touching: Sequence[Line], taken: tuple, counts: dict[Key, int], rank) -> Key | None:
    """The smallest shown entry (positive first) of any line holding the group's hidden cells, not fixed."""
    hidden, fixed = taken
    candidates = [
        (counts[entry] == 0, *rank(entry, line), entry)
        for line in touching
        for entry in line.entries
        if entry not in hidden and entry not in fixed
    ]
    return min(candidates, key=lambda found: found[:-1])[-1] if candidates else None


def _groups(
    hidden: set[Key], lines: Sequence[Line], lines_of, order: dict[Key, int]
) -> list[tuple[list[Key], list[int]]]:
    """Hidden cells linked through lines with more than one hidden entry, with those lines.

    The cells are taken in the order the lines first name them, never in a set's order (which
    changes with each process's string hashing): the same figures always give the same pattern.
    """
    ordered = sorted(hidden, key=lambda key: (order.get(key, len(order)), repr(key)))
    parent: dict[Key, Key] = {key: key for key in ordered}

    def find(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    used: set[int] = set()
    for key in ordered:
        for n in lines_of.get(key, ()):
            if n in used:
                continue
            members = [other for other in lines[n].entries if other in hidden]
            if len(members) < 2:
                continue
            used.add(n)
            root = find(members[0])
            for other in members[1:]:
                parent[find(other)] = root
    groups: dict[Key, list[Key]] = defaultdict(list)
    for key in ordered:
        groups[find(key)].append(key)
    group_lines: dict[Key, list[int]] = defaultdict(list)
    for n in sorted(used):
        group_lines[find(next(k for k in lines[n].entries if k in hidden))].append(n)
    return [(members, group_lines[root]) for root, members in groups.items() if group_lines[root]]
