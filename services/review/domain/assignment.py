"""Conflict-free, even, deterministic assignment of judges to entries (DESIGN §6). No I/O.

Every entry gets exactly `per_entry` distinct judges, none with a conflict of interest.

Fresh run (no live assignment exists yet for these entries): with T = entries × per_entry
reviews and J active judges, every judge ends with ⌊T/J⌋ or ⌈T/J⌉ reviews, so loads differ by
at most one *across all active judges of the stage*, not only among those free for some entry.
When conflicts make that impossible (a judge free for too few entries, an entry with too few
free judges), the run is infeasible and nothing is assigned.

Fill run (live assignments exist: new entries, new judges, recusals): the existing assignments
stay, only the gaps are filled, each with the free judges of lowest load. The spread is then as
even as the existing assignments allow, not guaranteed to be within one.

Method: the fresh run is a maximum flow (entry → judge, each judge between ⌊T/J⌋ and ⌈T/J⌉ with
exactly T mod J judges at the top). Entries are taken most-constrained-first and given their
lowest-loaded free judges (ties: expertise in the entry's category, then judge id); when the
load limits leave an entry short, an augmenting path moves earlier picks along (see
`services.review.domain.augment`). Augmenting paths make the method complete: it reports
infeasible only when no valid assignment exists. Inputs are sorted and nothing is random, so
the same inputs give the same assignment.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from services.review.domain.augment import Balance, augment
from services.review.domain.conflicts import Entry, Judge, conflict, region_conflict

SHOWN_CONFLICTS = 20  # per entry that cannot be covered: the panel's judges it may not get, and why


@dataclass
class Plan:
    """A valid assignment: the new (entry id, judge id) pairs and every judge's load after it."""

    pairs: list[tuple[str, str]]
    loads: dict[str, int]
    fresh: bool
    expertise_matches: int = 0


@dataclass
class Infeasible:
    """No valid assignment exists; says which entries (and judges) and why."""

    entries: list[dict] = field(default_factory=list)
    judges: list[dict] = field(default_factory=list)


def assign(entries: list[Entry], judges: list[Judge], per_entry: int, existing: dict | None = None,
           excluded: frozenset = frozenset(), loads: dict | None = None) -> Plan | Infeasible:
    """Plan the assignment; `existing` maps entry id → judge ids already (live) assigned to it,
    `excluded` holds (entry id, judge id) pairs that may never be used again (recusals), and
    `loads` (judge id → live assignments in the stage) replaces the loads counted from `existing`
    when only some of the stage's entries are given (a recusal's replacement)."""
    solver = _Solver(sorted(entries, key=lambda e: e.id), sorted(judges, key=lambda j: j.id), per_entry,
                     existing or {}, excluded)
    if loads is not None:
        solver.balance.load[:] = [int(loads.get(j.id, 0)) for j in solver.judges]
    return solver.solve()


class _Solver:
    def __init__(self, entries: list[Entry], judges: list[Judge], per_entry: int, existing: dict, excluded):
        self.entries, self.judges, self.per_entry = entries, judges, per_entry
        index = {j.id: n for n, j in enumerate(judges)}
        self.on = [{index[j] for j in existing.get(e.id, ()) if j in index} for e in entries]
        self.held_before = [len(set(existing.get(e.id, ()))) for e in entries]
        self.need = [max(per_entry - held, 0) for held in self.held_before]
        self.excluded = excluded
        self.eligible = _eligible(entries, judges, self.on, excluded)
        self.expert = [{n for n in self.eligible[i] if e.category in judges[n].expertise}
                       for i, e in enumerate(entries)]
        fresh = not any(self.held_before) and not excluded
        loads = [0] * len(judges)
        for judged in self.on:
            for n in judged:
                loads[n] += 1
        self.balance = Balance(loads, sum(self.need), fresh)
        self.new: list[list[int]] = [[] for _ in entries]
        self.held: list[set[int]] = [set() for _ in judges]

    def solve(self) -> Plan | Infeasible:
        failures = [self._short(i) for i in self._order() if not self._fill(i)]
        if failures or not self._even():
            return Infeasible(entries=failures, judges=self._starved_judges())
        pairs = sorted((self.entries[i].id, self.judges[n].id) for i, picks in enumerate(self.new) for n in picks)
        matches = sum(1 for i, picks in enumerate(self.new) for n in picks if n in self.expert[i])
        loads = {j.id: self.balance.load[n] for n, j in enumerate(self.judges)}
        return Plan(pairs=pairs, loads=loads, fresh=self.balance.fresh, expertise_matches=matches)

    def _order(self) -> list[int]:
        """Most-constrained entries first: fewest free judges, then entry id."""
        wanted = [i for i, need in enumerate(self.need) if need]
        return sorted(wanted, key=lambda i: (len(self.eligible[i]) - self.need[i], self.entries[i].id))

    def _fill(self, i: int) -> bool:
        """Give entry i its missing judges: the lowest-loaded free ones, then augmenting paths."""
        missing = self.need[i]
        if len(self.eligible[i]) < missing:
            return False
        load, width, expert, on = self.balance.load, len(self.judges), self.expert[i], self.on[i]
        while missing:
            free = [n for n in self.eligible[i] if n not in on and self.balance.can_take(n)]
            if not free:
                break
            picks = heapq.nsmallest(missing, free, key=lambda n: (2 * load[n] + (n not in expert)) * width + n)
            for n in picks:
                if not self.balance.can_take(n):
                    break
                self._take(i, n)
                missing -= 1
        while missing and augment(self, i):
            missing -= 1
        return missing == 0

    def _take(self, i: int, n: int) -> None:
        self.on[i].add(n)
        self.new[i].append(n)
        self.held[n].add(i)
        self.balance.bump(n, +1)

    def _short(self, i: int) -> dict:
        entry, free = self.entries[i], len(self.eligible[i]) + self.held_before[i]
        if free < self.per_entry:
            reason = (f"only {free} judge(s) of the stage's panel without a conflict of interest, "
                      f"need {self.per_entry}")
        else:
            low, high = self.balance.bounds()
            reason = (f"{free} judges of the panel have no conflict with it, but even loads ({low}–{high} entries "
                      f"per judge) leave none of them room")
        return {"entry_id": entry.id, "reason": reason, "free_judges": free, "needed": self.per_entry,
                "conflicts": self._conflicts(i)}

    def _conflicts(self, i: int) -> list[dict]:
        """The panel's judges entry i may not get, and why (at most SHOWN_CONFLICTS)."""
        entry, found = self.entries[i], []
        for judge in self.judges:
            why = "recused" if (entry.id, judge.id) in self.excluded else conflict(judge, entry)
            if why:
                found.append({"judge_id": judge.id, "why": why})
            if len(found) == SHOWN_CONFLICTS:
                break
        return found

    def _even(self) -> bool:
        """On a fresh run, every judge's load must lie within the bounds (a safety net)."""
        low, high = self.balance.bounds()
        return not self.balance.fresh or all(low <= x <= high for x in self.balance.load)

    def _starved_judges(self) -> list[dict]:
        """On a fresh run, judges free for fewer entries than even loads require of them."""
        low, _ = self.balance.bounds()
        if not self.balance.fresh or not self.judges:
            return [] if self.judges else [{"judge_id": None, "reason": "no judge is appointed to the stage's panel"}]
        counts = [0] * len(self.judges)
        for i, free in enumerate(self.eligible):
            if self.need[i]:
                for n in free:
                    counts[n] += 1
        return [{"judge_id": j.id, "reason": f"has no conflict with only {counts[n]} entries; even loads need "
                 f"at least {low} per judge", "free_entries": counts[n], "needed": low}
                for n, j in enumerate(self.judges) if counts[n] < low]


def _eligible(entries: list[Entry], judges: list[Judge], on: list[set], excluded) -> list[list[int]]:
    """For each entry, the judges (by index, in id order) it may get: no conflict, not excluded, not on it."""
    by_region: dict[str, list[int]] = {}
    result = []
    for i, entry in enumerate(entries):
        free = by_region.get(entry.region_code)
        if free is None:
            free = [n for n, j in enumerate(judges) if region_conflict(j, entry.region_code) is None]
            by_region[entry.region_code] = free
        result.append([n for n in free if n not in on[i] and (entry.id, judges[n].id) not in excluded
                       and entry.id not in judges[n].entry_conflicts])
    return result
