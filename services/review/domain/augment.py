"""Load bounds and augmenting paths for the assignment flow. No I/O.

`Balance` keeps every judge's load and says who may take one more: on a fresh run a judge
may hold ⌊T/J⌋, and only T mod J judges may hold one more (the "extra" seats). `augment`
finds, breadth-first over judges, a chain of moves that frees a seat for an entry the
greedy pass left short: the entry takes judge a, a hands one of its entries to b, …, until
a judge with room takes the last one; a judge at ⌊T/J⌋ may also take an extra seat from a
judge holding one, who then hands on an entry. This is the residual graph of the flow
entry → judge → {base seats, extra seats} → sink, so when no chain exists, none can.
"""
from __future__ import annotations

from collections import deque

EXTRA = -1
ROOT = -1


class Balance:
    """Judges' loads and the bounds a fresh run keeps them in."""

    def __init__(self, loads: list[int], reviews: int, fresh: bool):
        self.load = loads
        self.fresh = fresh
        judges = len(loads)
        self.low, self.extra = divmod(reviews, judges) if judges and fresh else (0, 0)
        self.at_top = 0

    def bounds(self) -> tuple[int, int]:
        return self.low, self.low + (1 if self.extra else 0)

    def can_take(self, n: int) -> bool:
        """May judge n take one more entry?"""
        if not self.fresh:
            return True
        return self.load[n] < self.low or (self.load[n] == self.low and self.at_top < self.extra)

    def bump(self, n: int, delta: int) -> None:
        before = self.load[n]
        self.load[n] = before + delta
        if self.fresh:
            self.at_top += (self.load[n] > self.low) - (before > self.low)


def augment(solver, i: int) -> bool:
    """Give entry i one more judge by moving earlier picks along a chain; False when impossible."""
    balance, on, eligible, held = solver.balance, solver.on, solver.eligible, solver.held
    parent: dict[int, tuple[int, int]] = {}
    queue: deque[int] = deque()
    for n in eligible[i]:
        if n not in on[i]:
            parent[n] = (ROOT, i)
            if balance.can_take(n):
                return _apply(solver, n, parent)
            queue.append(n)
    extra_seen = False
    while queue:
        x = queue.popleft()
        for moved in sorted(held[x]):
            for y in eligible[moved]:
                if y in parent or y in on[moved]:
                    continue
                parent[y] = (x, moved)
                if balance.can_take(y):
                    return _apply(solver, y, parent)
                queue.append(y)
        if not extra_seen and balance.extra and balance.load[x] == balance.low:
            extra_seen = True
            for y, load in enumerate(balance.load):
                if load > balance.low and y not in parent:
                    parent[y] = (x, EXTRA)
                    queue.append(y)
    return False


def _apply(solver, last: int, parent: dict) -> bool:
    """Carry out the chain ending at judge `last`, who has room."""
    current = last
    while True:
        previous, moved = parent[current]
        if previous == ROOT:
            solver._take(moved, current)
            return True
        if moved != EXTRA:
            _move(solver, moved, previous, current)
        current = previous


def _move(solver, i: int, giver: int, taker: int) -> None:
    """Entry i passes from judge `giver` to judge `taker`."""
    solver.on[i].discard(giver)
    solver.on[i].add(taker)
    solver.new[i][solver.new[i].index(giver)] = taker
    solver.held[giver].discard(i)
    solver.held[taker].add(i)
    solver.balance.bump(taker, +1)
    solver.balance.bump(giver, -1)
