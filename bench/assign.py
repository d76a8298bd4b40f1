"""Assignment bench (DESIGN §9): 3,500 entries × 150 judges × 3 judges per entry in < 2 s.

Entries and judges come from 34 provinces with realistic conflicts: judges sit mostly in
Java's universities, every judge is barred from their home province and from their
institution's region, some declare a further region or particular entries. The registry holds
--registry judges, of whom --judges are appointed to the stage's panel; assignment draws from the
panel alone (services/review/domain/panels.py). Prints the time of the pure assignment function
(best and median of --repeat runs) and checks the result: coverage, distinct judges, no conflict,
nobody off the panel, load spread ≤ 1 across the panel, determinism.

    .venv/bin/python bench/assign.py [--entries 3500] [--judges 150] [--registry 200] [--per-entry 3] [--repeat 3]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shared import regions  # noqa: E402
from services.review.domain.assignment import Infeasible, assign  # noqa: E402
from services.review.domain.conflicts import Entry, Judge, conflict  # noqa: E402
from services.review.domain.panels import drawn_from  # noqa: E402

CATEGORIES = ["kesehatan", "pendidikan", "ekonomi", "lingkungan", "tata-kelola", "sosial", "infrastruktur",
              "teknologi"]
JAVA_UNIVERSITIES = ["31", "32", "33", "34", "35", "36"]


def generate(entries: int, judges: int, seed: int) -> tuple[list[Entry], list[Judge]]:
    """Entries from 34 provinces (bigger provinces send more) and judges mostly from Java."""
    rng = random.Random(seed)
    provinces = sorted(p.code for p in regions.provinces())[:34]
    towns = {p: [r.code for r in regions.regencies(p)] or [p] for p in provinces}
    weights = [len(towns[p]) for p in provinces]
    entry_list = []
    for n in range(entries):
        province = rng.choices(provinces, weights)[0]
        code = province if rng.random() < 0.15 else rng.choice(towns[province])
        entry_list.append(Entry(id=f"e{n:05d}", region_code=code, category=rng.choice(CATEGORIES)))
    judge_list = []
    for n in range(judges):
        home = rng.choice(JAVA_UNIVERSITIES) if rng.random() < 0.6 else rng.choice(provinces)
        affiliation = rng.choice(towns[home]) if rng.random() < 0.7 else rng.choice(provinces)
        declared = tuple([rng.choice(provinces)] if rng.random() < 0.1 else [])
        own_entries = frozenset(rng.sample([e.id for e in entry_list], 3) if rng.random() < 0.2 else [])
        judge_list.append(Judge(id=f"j{n:03d}", home_region=home, affiliation_region=affiliation,
                                expertise=frozenset(rng.sample(CATEGORIES, rng.randint(1, 3))),
                                region_conflicts=declared, entry_conflicts=own_entries))
    return entry_list, judge_list


def violations(plan, entries: list[Entry], judges: list[Judge], per_entry: int) -> list[str]:
    """Everything wrong with a plan; empty when it is valid."""
    problems = []
    by_entry = defaultdict(list)
    for entry_id, judge_id in plan.pairs:
        by_entry[entry_id].append(judge_id)
    judge_of = {j.id: j for j in judges}
    off_panel = sorted({judge_id for _, judge_id in plan.pairs if judge_id not in judge_of})
    if off_panel:
        problems.append(f"judges drawn off the panel: {off_panel[:5]}")
    for entry in entries:
        got = by_entry.get(entry.id, [])
        if len(got) != per_entry or len(set(got)) != per_entry:
            problems.append(f"{entry.id}: {len(set(got))} distinct judges")
        problems += [f"{entry.id}-{j}: {why}" for j in got if j in judge_of and (why := conflict(judge_of[j], entry))]
    loads = Counter(judge_id for _, judge_id in plan.pairs)
    spread = max(loads.get(j.id, 0) for j in judges) - min(loads.get(j.id, 0) for j in judges)
    if spread > 1:
        problems.append(f"load spread {spread}")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=3500)
    parser.add_argument("--judges", type=int, default=150, help="judges appointed to the stage's panel")
    parser.add_argument("--registry", type=int, default=200, help="judges in the registry (the panel among them)")
    parser.add_argument("--per-entry", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args(argv)
    entries, registry = generate(args.entries, max(args.registry, args.judges), args.seed)
    appointed = {j.id for j in random.Random(args.seed).sample(registry, args.judges)}
    on_panel = {j["_id"] for j in drawn_from([{"_id": j.id, "active": True} for j in registry], appointed)}
    judges = [j for j in registry if j.id in on_panel]
    times, plans = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        plans.append(assign(entries, judges, args.per_entry))
        times.append(time.perf_counter() - started)
    plan = plans[0]
    if isinstance(plan, Infeasible):
        print(f"infeasible: {len(plan.entries)} entries, {len(plan.judges)} judges; e.g. {plan.entries[:2]}")
        return 1
    shuffled = assign(random.Random(1).sample(entries, len(entries)), random.Random(2).sample(judges, len(judges)),
                      args.per_entry)
    problems = violations(plan, entries, judges, args.per_entry)
    deterministic = all(p.pairs == plan.pairs for p in plans) and shuffled.pairs == plan.pairs
    loads = plan.loads.values()
    print(f"assignment: {args.entries} entries x {args.judges} judges on the panel (of {len(registry)} in the "
          f"registry) x {args.per_entry} per entry, {len(plan.pairs)} assignments")
    print(f"time: best {min(times):.3f} s, median {statistics.median(times):.3f} s over {args.repeat} runs "
          f"(target < 2 s: {'met' if min(times) < 2 else 'MISSED'})")
    print(f"loads: min {min(loads)}, max {max(loads)}; expertise matches {plan.expertise_matches}/{len(plan.pairs)}"
          f" ({100 * plan.expertise_matches / len(plan.pairs):.1f}%)")
    print(f"valid: {'yes' if not problems else 'NO: ' + '; '.join(problems[:5])}; "
          f"deterministic (repeat and shuffled input): {'yes' if deterministic else 'NO'}")
    return 0 if not problems and deterministic and min(times) < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
