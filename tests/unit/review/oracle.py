"""Independent oracles for the assignment rules, written apart from the code under test."""
from __future__ import annotations

from collections import defaultdict, deque

from services.review.domain.conflicts import Entry, Judge


def barred(judge: Judge, entry: Entry) -> bool:
    """The conflict rule, written out again independently of the code under test."""
    province = entry.region_code[:2]
    inside = lambda area: area == entry.region_code or entry.region_code.startswith(area + ".")  # noqa: E731
    return (judge.home_region == province or bool(judge.affiliation_region and inside(judge.affiliation_region))
            or any(inside(c) for c in judge.region_conflicts) or entry.id in judge.entry_conflicts)


def feasible(entries, judges, per_entry) -> bool:
    """Independent oracle: Edmonds–Karp max-flow with each judge held to ⌊T/J⌋..⌈T/J⌉."""
    total = len(entries) * per_entry
    low, extra = divmod(total, len(judges))
    cap: dict = defaultdict(lambda: defaultdict(int))
    for e in entries:
        cap["s"][e.id] = per_entry
        for j in judges:
            if not barred(j, e):
                cap[e.id][j.id] = 1
    for j in judges:
        cap[j.id]["t"] = low
        cap[j.id]["x"] = 1 if extra else 0
    cap["x"]["t"] = extra
    flow = 0
    while True:
        parent, queue = {"s": None}, deque(["s"])
        while queue and "t" not in parent:
            u = queue.popleft()
            for v, c in list(cap[u].items()):
                if c > 0 and v not in parent:
                    parent[v] = u
                    queue.append(v)
        if "t" not in parent:
            return flow == total
        v = "t"
        while parent[v] is not None:
            u = parent[v]
            cap[u][v] -= 1
            cap[v][u] += 1
            v = u
        flow += 1
