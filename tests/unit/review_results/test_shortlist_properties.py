"""Property-based tests of the shortlist and of promotion on generated stages (DESIGN §6).

The oracle here is independent of the code under test: quota membership and priority are
recomputed from the entries, and joint feasibility of all quotas is decided by trying
every subset of the (at most nine) candidates.
"""
from collections import Counter
from itertools import combinations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from services.review.domain.shortlist import Candidate, promote, propose

CATEGORIES = ["A", "B", "C"]
REGIONS = ["11.01", "11.02", "12.01", "12.02", "91.01", "91.02"]
PRIORITY_CODES = ["91", "11.02", "12", "91.01"]
FAST = settings(max_examples=200, deadline=None)


@st.composite
def stages(draw):
    """Up to nine ranked candidates, a seat count, quotas (0/None = none) and priority regions."""
    rows = draw(st.lists(st.tuples(st.sampled_from(CATEGORIES), st.sampled_from(REGIONS)), max_size=9))
    candidates = [Candidate(f"e{i}", 100.0 - i, category, region.split(".")[0], region)
                  for i, (category, region) in enumerate(rows)]
    quotas = {"min_per_category": draw(st.integers(0, 3)),
              "max_per_province": draw(st.sampled_from([None, 0, 1, 1, 2, 3])),
              "min_priority_regions": draw(st.integers(0, 3))}
    regions = draw(st.lists(st.sampled_from(PRIORITY_CODES), max_size=2, unique=True))
    return candidates, draw(st.integers(0, 8)), quotas, regions


def priority(candidate, regions):
    return any(candidate.province_code == code or candidate.region_code == code
               or candidate.region_code.startswith(code + ".") for code in regions)


def quota_table(candidates, quotas, regions, out=frozenset()):
    """[(report head, needed, members that may still be picked)] in report order."""
    table, seen = [], []
    for c in candidates:
        if c.category not in seen:
            seen.append(c.category)
    if quotas["min_per_category"]:
        for category in seen:
            members = {c.entry_id for c in candidates if c.category == category and c.entry_id not in out}
            table.append(({"quota": "min_per_category", "category": category}, quotas["min_per_category"], members))
    if quotas["min_priority_regions"]:
        members = {c.entry_id for c in candidates if priority(c, regions) and c.entry_id not in out}
        table.append(({"quota": "min_priority_regions"}, quotas["min_priority_regions"], members))
    return table


def jointly_feasible(candidates, seats, cap, table):
    """Some list of at most `seats` under the cap reaches every quota's reachable minimum."""
    province = {c.entry_id: c.province_code for c in candidates}
    for size in range(min(seats, len(candidates)) + 1):
        for chosen in combinations(province, size):
            if cap and max(Counter(province[e] for e in chosen).values(), default=0) > cap:
                continue
            if all(len(members & set(chosen)) >= min(needed, len(members)) for _, needed, members in table):
                return True
    return False


def reason_fits(reason, candidate, regions):
    if reason == "quota:priority-region":
        return priority(candidate, regions)
    if reason.startswith("quota:category:"):
        return reason == f"quota:category:{candidate.category}"
    return reason == "rank"


def check_list(shortlist, candidates, cap, regions):
    """Ranks 1..N in ranking order, no duplicates, caps kept, reasons true; returns ids and loads."""
    position = {c.entry_id: i for i, c in enumerate(candidates)}
    by_id = {c.entry_id: c for c in candidates}
    ids = [p.entry_id for p in shortlist.picks]
    assert [p.rank for p in shortlist.picks] == list(range(1, len(ids) + 1))
    assert [position[e] for e in ids] == sorted({position[e] for e in ids})
    loads = Counter(by_id[e].province_code for e in ids)
    assert not cap or max(loads.values(), default=0) <= cap
    assert all(reason_fits(p.reason, by_id[p.entry_id], regions) for p in shortlist.picks)
    assert all(p.score == by_id[p.entry_id].score for p in shortlist.picks)
    return ids, loads


def check_report(shortlist, table, ids, room, seats, regions):
    """Exactly the unmet quotas are reported, with true numbers and a true cause."""
    expected = [dict(head, needed=needed, available=len(members), picked=len(members & set(ids)))
                for head, needed, members in table if len(members & set(ids)) < needed]
    assert [{k: v for k, v in item.items() if k not in ("cause", "seats")} for item in shortlist.infeasible] == expected
    for item, (_, _, members) in zip(shortlist.infeasible, [t for t in table if len(t[2] & set(ids)) < t[1]]):
        unpicked_with_room = [e for e in members - set(ids) if room(e)]
        cause = item["cause"]
        if cause == "no-priority-regions":
            assert item["quota"] == "min_priority_regions" and not regions
        elif cause == "too-few-candidates":
            assert item["available"] < item["needed"]
        elif cause == "too-few-seats":
            assert len(ids) == seats == item["seats"] and unpicked_with_room
        else:
            assert cause == "max-per-province" and not unpicked_with_room


@FAST
@given(stages())
def test_proposal_keeps_every_rule(stage):
    candidates, seats, quotas, regions = stage
    cap = quotas["max_per_province"] or None
    result = propose(candidates, seats, quotas, regions)
    ids, loads = check_list(result, candidates, cap, regions)
    by_id = {c.entry_id: c for c in candidates}

    def room(entry_id):
        return cap is None or loads[by_id[entry_id].province_code] < cap

    # as many picks as seats and caps allow
    per_province = Counter(c.province_code for c in candidates)
    assert len(ids) == min(seats, sum(min(cap or n, n) for n in per_province.values()))
    # every quota is met as far as its candidates allow exactly when the quotas can be met together
    table = quota_table(candidates, quotas, regions)
    reached = all(len(members & set(ids)) >= min(needed, len(members)) for _, needed, members in table)
    assert reached == jointly_feasible(candidates, seats, cap, table)
    check_report(result, table, ids, room, seats, regions)
    # a pick by rank outranks every candidate left out that would still fit under the cap
    reason_of = {p.entry_id: p.reason for p in result.picks}
    by_rank = [n for n, c in enumerate(candidates) if reason_of.get(c.entry_id) == "rank"]
    left_out = [n for n, c in enumerate(candidates) if c.entry_id not in reason_of and room(c.entry_id)]
    assert all(pick < other for pick in by_rank for other in left_out)
    assert [c.entry_id for c in result.remaining] == [c.entry_id for c in candidates if c.entry_id not in ids]
    # deterministic, whatever the order the priority regions are listed in
    assert propose(candidates, seats, quotas, list(reversed(regions))) == result


def helps(entry_id, quotas_):
    return sum(entry_id in members for _, _, members in quotas_)


def check_promoted(after, options, broken, unmet, kept_ids, ids, position):
    """The newcomer helps the broken quotas most, then the unmet ones, then is best ranked."""
    if not options:
        assert after.promoted is None
        return
    promoted = after.promoted.entry_id
    assert promoted in options and set(ids) - kept_ids == {promoted}
    key = (helps(promoted, broken), helps(promoted, unmet))
    assert all((helps(e, broken), helps(e, unmet)) <= key for e in options)
    assert all((helps(e, broken), helps(e, unmet)) < key for e in options if position[e] < position[promoted])
    assert (after.promoted.reason == "rank") == (key == (0, 0))
    assert after.promoted.rank == ids.index(promoted) + 1


@FAST
@given(stages(), st.data())
def test_promotion_keeps_every_rule(stage, data):
    candidates, seats, quotas, regions = stage
    cap = quotas["max_per_province"] or None
    proposal = propose(candidates, seats, quotas, regions)
    assume(proposal.picks)
    removed = data.draw(st.sampled_from([p.entry_id for p in proposal.picks]))
    excluded = set(data.draw(st.lists(st.sampled_from([c.entry_id for c in candidates]), max_size=3)))
    excluded -= {p.entry_id for p in proposal.picks}
    after = promote(candidates, proposal.picks, removed, quotas, regions, excluded)
    ids, loads = check_list(after.shortlist, candidates, cap, regions)
    by_id = {c.entry_id: c for c in candidates}

    # the published picks stay, with their reasons; at most one newcomer, never a removed one
    kept = {(p.entry_id, p.reason) for p in proposal.picks if p.entry_id != removed}
    assert kept <= {(p.entry_id, p.reason) for p in after.shortlist.picks}
    assert removed not in ids and not excluded & set(ids)
    kept_ids = {entry_id for entry_id, _ in kept}
    kept_load = Counter(by_id[e].province_code for e in kept_ids)
    options = [c.entry_id for c in candidates if c.entry_id not in kept_ids | excluded | {removed}
               and (cap is None or kept_load[c.province_code] < cap)]
    assert len(ids) == len(kept) + (1 if options else 0)
    # quotas the list falls short of once the entry is gone; those the removal broke come first
    table = quota_table(candidates, quotas, regions, out=excluded | {removed})
    unmet = [(h, n, m) for h, n, m in table if len(m & kept_ids) < n]
    gone = by_id[removed]
    broken = [(h, n, m) for h, n, m in unmet
              if (h["category"] == gone.category if "category" in h else priority(gone, regions))]
    check_promoted(after, options, broken, unmet, kept_ids, ids, {c.entry_id: i for i, c in enumerate(candidates)})
    check_report(after.shortlist, table, ids, lambda e: cap is None or loads[by_id[e].province_code] < cap,
                 len(proposal.picks), regions)
    assert promote(candidates, proposal.picks, removed, quotas, regions, excluded) == after
