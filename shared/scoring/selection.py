"""Choosing seats from a ranked list under minimum quotas and a per-province cap. Pure; no I/O.

The engine behind review's shortlist (services/review/domain/shortlist.py, which holds the
KIPP meaning: categories, priority regions, reasons). Candidates are plain positions
0..n-1 in ranking order, each with a province; a Quota is a minimum over some positions.

    board = Board(provinces, cap, seats)            # cap None = no cap
    choose_for_quotas(board, quotas)                 # quota picks into board.chosen {position: reason}
    ...fill the rest in ranking order with board.fits / board.take...
    best_helper(board, n, broken, unmet)             # whom to move up after a removal

Quotas of kind CATEGORY are disjoint (an entry has one category); the search relies on it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Collection

CATEGORY, PRIORITY = "min_per_category", "min_priority_regions"
# Work allowed to the search, in candidate visits (each search step looks at every candidate
# once): about half a second here. The greedy order is the search's first path, so a stage
# whose quotas can all be met in that order costs a single pass.
SEARCH_WORK = 2_000_000


@dataclass(frozen=True)
class Quota:
    """One minimum: `members` are the positions that may still be picked for it, best first."""

    kind: str
    key: str | None
    needed: int
    members: tuple[int, ...]
    reason: str
    index: frozenset = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "index", frozenset(self.members))

    @property
    def target(self) -> int:
        """What can be met at most: every candidate, when there are fewer than needed."""
        return min(self.needed, len(self.members))


class Board:
    """The list being built: who is on it (position → reason) and how full each province is."""

    def __init__(self, provinces: list[str], cap: int | None, seats: int, barred: Collection[int] = ()):
        self.provinces, self.cap, self.seats, self.barred = provinces, cap, seats, set(barred)
        self.province_set = sorted(set(provinces))
        self.chosen: dict[int, str] = {}
        self.load: Counter = Counter()

    def fits(self, position: int) -> bool:
        if position in self.chosen or position in self.barred:
            return False
        return self.cap is None or self.load[self.provinces[position]] < self.cap

    def full(self) -> bool:
        return len(self.chosen) >= self.seats

    def take(self, position: int, reason: str) -> None:
        self.chosen[position] = reason
        self.load[self.provinces[position]] += 1

    def drop(self, position: int) -> None:
        del self.chosen[position]
        self.load[self.provinces[position]] -= 1

    def room(self) -> int:
        """Seats the province caps still allow, over the provinces that have candidates."""
        if self.cap is None:
            return self.seats - len(self.chosen)
        return sum(max(0, self.cap - self.load[province]) for province in self.province_set)

    def count(self, quota: Quota) -> int:
        return sum(1 for position in quota.members if position in self.chosen)


class _OutOfBudget(Exception):
    pass


def choose_for_quotas(board: Board, quotas: list[Quota]) -> None:
    """Quota picks: the first set in greedy order meeting every target, else the greedy picks."""
    before = dict(board.chosen)
    try:
        if _search(board, quotas, 0, 0, [SEARCH_WORK // max(1, len(board.provinces))]):
            return
    except (_OutOfBudget, RecursionError):  # too big to search: keep to the greedy order
        pass
    for position in list(board.chosen):
        if position not in before:
            board.drop(position)
    _greedy(board, quotas)


def _search(board: Board, quotas: list[Quota], at: int, start: int, budget: list[int]) -> bool:
    """Depth-first over quota picks in greedy order; members of one quota are tried best first."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _OutOfBudget
    while at < len(quotas) and board.count(quotas[at]) >= quotas[at].target:
        at, start = at + 1, 0
    if at == len(quotas):
        return True
    if board.full() or not _hopeful(board, quotas[at:]):
        return False
    quota = quotas[at]
    for offset in range(start, len(quota.members)):
        position = quota.members[offset]
        if board.fits(position):
            board.take(position, quota.reason)
            if _search(board, quotas, at, offset + 1, budget):
                return True
            board.drop(position)
    return False


def _hopeful(board: Board, rest: list[Quota]) -> bool:
    """Necessary conditions: free seats for the categories' (disjoint) needs and for each quota,
    and each quota has enough candidates in provinces with room."""
    free = board.seats - len(board.chosen)
    short = [(quota, quota.target - board.count(quota)) for quota in rest]
    categories = sum(gap for quota, gap in short if quota.kind == CATEGORY and gap > 0)
    if max([categories] + [gap for _, gap in short]) > min(free, board.room()):
        return False
    return all(gap <= 0 or _room(board, quota) >= gap for quota, gap in short)


def _room(board: Board, quota: Quota) -> int:
    per_province = Counter(board.provinces[p] for p in quota.members if board.fits(p))
    if board.cap is None:
        return sum(per_province.values())
    return sum(min(n, board.cap - board.load[province]) for province, n in per_province.items())


def _greedy(board: Board, quotas: list[Quota]) -> None:
    """DESIGN §6 literally: each unmet quota takes its best-ranked candidates under the cap."""
    for quota in quotas:
        have = board.count(quota)
        for position in quota.members:
            if board.full() or have >= quota.target:
                break
            if board.fits(position):
                board.take(position, quota.reason)
                have += 1


def best_helper(board: Board, size: int, broken: list[Quota], unmet: list[Quota]) -> int | None:
    """The position to promote: restores most broken quotas, then helps most unmet ones, then best rank."""
    options = [position for position in range(size) if board.fits(position)]
    if not options:
        return None
    return min(options, key=lambda p: (-sum(p in q.index for q in broken), -sum(p in q.index for q in unmet), p))
