"""Top-N shortlists under quotas, and promotion after an upheld objection (DESIGN §5, §6). No I/O.

Usage:

    ranked = shared.scoring.rank(stage_scores(reviews, method, submitted_at).values(), criteria)
    candidates = candidates_from(ranked, entries)        # entries: {entry_id: review's entry copy}
    proposal = propose(candidates, stage["shortlist"], definition.get("quotas"),
                       definition.get("priority_regions"))
    proposal.as_dict()   # {"picks": [{entry_id, rank, score, reason}], "infeasible": [...], "remaining": [...]}
    after = promote(candidates, published_picks, removed=entry_id, quotas=..., priority_regions=...,
                    excluded=ids_removed_by_earlier_objections)
    after.promoted       # Pick or None; after.shortlist is the whole list again

Decisions:
- `candidates` are in ranking order (position = rank); unscored entries are not candidates.
- Quotas: a missing, null or 0 value means no such quota (for max_per_province: no cap).
  A category "has candidates" if any entry of the stage is in it.
- An entry is from a priority region when a listed code is its province, or covers its
  agency's region code as a region covers its kabupaten/kota ("91" covers "91.03").
- Quota phase: categories (in the order of their best candidate), then priority regions;
  each unmet quota takes its best-ranked candidates whose province is under the cap.
  When that greedy order leaves a quota unmet although all quotas could be met together
  (seats or caps shared between quotas), a bounded depth-first search over the same order
  (latest choices revised first) finds a set meeting them all; only when none exists (or
  the search budget, about half a second, runs out) are quotas reported infeasible, and
  the greedy picks stand. Then the remaining seats fill in ranking order under the cap.
- Each unmet quota is reported once: {"quota", "category" (for categories), "needed",
  "available", "picked", "cause"}, cause one of too-few-candidates, no-priority-regions,
  too-few-seats (with "seats"), max-per-province.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Collection, Iterable, Mapping, Sequence

from services.review.domain.errors import NotShortlisted
from shared.regions import region_covers
from shared.errors import Invalid
from shared.regions import province_of
from shared.scoring import EntryScore, rounded, selection
from shared.scoring.selection import CATEGORY, PRIORITY

RANK = "rank"


@dataclass(frozen=True)
class Candidate:
    """An entry that may be shortlisted: its stage score and what the quotas look at."""

    entry_id: str
    score: float
    category: str
    province_code: str
    region_code: str = ""


@dataclass(frozen=True)
class Pick:
    """One seat on the list: `rank` is 1..N in list order, `reason` is "rank" or "quota:…"."""

    entry_id: str
    rank: int
    score: float
    reason: str

    def as_dict(self) -> dict:
        return {"entry_id": self.entry_id, "rank": self.rank, "score": rounded(self.score), "reason": self.reason}


@dataclass
class Shortlist:
    """A proposed or amended list, its unmet quotas, and the candidates left (in ranking order)."""

    picks: list[Pick]
    infeasible: list[dict]
    remaining: list[Candidate]

    def as_dict(self) -> dict:
        return {"picks": [p.as_dict() for p in self.picks], "infeasible": self.infeasible,
                "remaining": [dict(asdict(c), score=rounded(c.score)) for c in self.remaining]}


@dataclass
class Promotion:
    """The outcome of removing an entry: who moved up (None if nobody could) and the new list."""

    promoted: Pick | None
    shortlist: Shortlist


def candidates_from(ranked: Iterable[EntryScore], entries: Mapping[str, Mapping]) -> list[Candidate]:
    """Candidates in ranking order from shared.scoring standings and the entries' copies."""
    out = []
    for standing in ranked:
        entry = entries.get(standing.entry_id)
        if entry is None or standing.score is None:
            continue
        region_code = (entry.get("agency") or {}).get("region_code") or ""
        province = entry.get("province_code") or (province_of(region_code) if region_code else "")
        out.append(Candidate(standing.entry_id, standing.score, entry.get("category") or "", province, region_code))
    return out


def is_priority(candidate: Candidate, priority_regions: Iterable[str] | None) -> bool:
    """True when the entry's province or agency region lies in one of the priority regions."""
    return any(code == candidate.province_code or region_covers(code, candidate.region_code)
               for code in priority_regions or ())


def propose(candidates: Sequence[Candidate], seats: int, quotas: Mapping | None = None,
            priority_regions: Iterable[str] | None = None) -> Shortlist:
    """Top `seats` of the ranked candidates under the competition's quotas (DESIGN §6)."""
    if seats is None:
        raise Invalid("the stage has no shortlist size", field="shortlist")
    seats = _whole({"shortlist": seats}, "shortlist", field="shortlist")
    per_category, cap, priority = _limits(quotas)
    regions = list(priority_regions or ())
    quota_list = _quotas(candidates, set(), per_category, priority, regions)
    board = selection.Board([c.province_code for c in candidates], cap, seats)
    selection.choose_for_quotas(board, quota_list)
    for position in range(len(candidates)):
        if board.full():
            break
        if board.fits(position):
            board.take(position, RANK)
    return _shortlist(board, candidates, quota_list, regions)


def promote(candidates: Sequence[Candidate], shortlist: Iterable[Pick | Mapping], removed: str,
            quotas: Mapping | None = None, priority_regions: Iterable[str] | None = None,
            excluded: Collection[str] = ()) -> Promotion:
    """Take `removed` off a published list and move up the next candidate under the same rules.

    Preferred: the best-ranked candidate restoring the quotas the removal broke; else one
    helping a quota that was already unmet; else the best-ranked one under the cap.
    `excluded` are entries removed earlier; they never come back.
    """
    current = [_entry_and_reason(p) for p in shortlist]
    if removed not in {entry_id for entry_id, _ in current}:
        raise NotShortlisted(f"entri {removed} tidak ada dalam daftar pendek", field="entry_id")
    per_category, cap, priority = _limits(quotas)
    regions = list(priority_regions or ())
    board = _published(candidates, current, set(excluded) | {removed}, cap)
    quota_list = _quotas(candidates, board.barred, per_category, priority, regions)
    gone = next(c for c in candidates if c.entry_id == removed)
    unmet = [q for q in quota_list if board.count(q) < q.needed]
    broken = [q for q in unmet if _serves(gone, q, regions)]
    chosen = selection.best_helper(board, len(candidates), broken, unmet)
    if chosen is not None:
        board.take(chosen, next((q.reason for q in broken + unmet if chosen in q.index), RANK))
    result = _shortlist(board, candidates, quota_list, regions)
    promoted = next((p for p in result.picks if chosen is not None and p.entry_id == candidates[chosen].entry_id), None)
    return Promotion(promoted, result)


def _published(candidates: Sequence[Candidate], current: list[tuple[str, str]], out: set[str],
               cap: int | None) -> selection.Board:
    """The published list as a board, minus the entries in `out` (which may never be picked)."""
    positions = {c.entry_id: i for i, c in enumerate(candidates)}
    unknown = sorted(e for e, _ in current if e not in positions)
    if unknown:
        raise ValueError(f"shortlisted entries missing from the candidates: {unknown}")
    barred = {positions[e] for e in out if e in positions}
    board = selection.Board([c.province_code for c in candidates], cap, len(current), barred)
    for entry_id, reason in current:
        if positions[entry_id] not in barred:
            board.take(positions[entry_id], reason)
    return board


def _serves(candidate: Candidate, quota: selection.Quota, regions: list[str]) -> bool:
    if quota.kind == CATEGORY:
        return candidate.category == quota.key
    return is_priority(candidate, regions)


def _entry_and_reason(pick: Pick | Mapping) -> tuple[str, str]:
    if isinstance(pick, Pick):
        return pick.entry_id, pick.reason
    return pick["entry_id"], pick.get("reason") or RANK


def _whole(values: Mapping, name: str, field: str | None = None) -> int:
    value = values.get(name)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid(f"{field or 'quotas.' + name} must be a whole number of at least 0",
                      field=field or f"quotas.{name}")
    return value


def _limits(quotas: Mapping | None) -> tuple[int, int | None, int]:
    """(min_per_category, max_per_province or None for no cap, min_priority_regions)."""
    quotas = quotas or {}
    return (_whole(quotas, "min_per_category"), _whole(quotas, "max_per_province") or None,
            _whole(quotas, "min_priority_regions"))


def _quotas(candidates: Sequence[Candidate], barred: set[int], per_category: int, priority: int,
            regions: list[str]) -> list[selection.Quota]:
    """The quotas in processing order; members are the positions that may still be picked."""
    by_category: dict[str, list[int]] = {}
    for position, candidate in enumerate(candidates):
        members = by_category.setdefault(candidate.category, [])  # insertion order = best candidate's rank
        if position not in barred:
            members.append(position)
    out = [selection.Quota(CATEGORY, key, per_category, tuple(members), f"quota:category:{key}")
           for key, members in by_category.items()] if per_category else []
    if priority:
        members = [i for i, c in enumerate(candidates) if i not in barred and is_priority(c, regions)]
        out.append(selection.Quota(PRIORITY, None, priority, tuple(members), "quota:priority-region"))
    return out


def _shortlist(board: selection.Board, candidates: Sequence[Candidate], quota_list: list[selection.Quota],
               regions: list[str]) -> Shortlist:
    picks = [Pick(candidates[i].entry_id, n, candidates[i].score, board.chosen[i])
             for n, i in enumerate(sorted(board.chosen), start=1)]
    remaining = [c for i, c in enumerate(candidates) if i not in board.chosen and i not in board.barred]
    return Shortlist(picks, _infeasible(board, quota_list, regions), remaining)


def _infeasible(board: selection.Board, quota_list: list[selection.Quota], regions: list[str]) -> list[dict]:
    out = []
    for quota in quota_list:
        picked = board.count(quota)
        if picked >= quota.needed:
            continue
        item = {"quota": quota.kind, "needed": quota.needed, "available": len(quota.members), "picked": picked}
        if quota.kind == CATEGORY:
            item = {"quota": quota.kind, "category": quota.key, **item}
        if quota.kind == PRIORITY and not regions:
            item["cause"] = "no-priority-regions"
        elif len(quota.members) < quota.needed:
            item["cause"] = "too-few-candidates"
        elif any(board.fits(i) for i in quota.members):
            item.update(cause="too-few-seats", seats=board.seats)
        else:
            item["cause"] = "max-per-province"
        out.append(item)
    return out
