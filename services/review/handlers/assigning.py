"""Automatic assignment of a scored stage, and the replacement of a judge who recused."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timezone

from shared.auth.tokens import Principal
from services.review.adapters.store import Store
from services.review.domain import events
from services.review.domain.assignment import Infeasible, Plan, assign
from services.review.domain.assignments import new_assignment
from services.review.domain.competitions import due_at, scored_stage
from services.review.domain.entries import as_entry
from services.review.domain.errors import NoJudgeAvailable, Unassignable
from services.review.domain.judges import as_judge, serves
from services.review.domain.scores import LIVE
from services.review.handlers.common import competition, open_stage, stage_entries


def assign_stage(store: Store, cid: str, stage_key: str, per_entry: int | None, principal: Principal,
                 request_id: str | None, due_days: int) -> dict:
    """Assign every entry of the stage its judges, all or nothing; a re-run only fills gaps."""
    definition = competition(store, cid)
    stage = scored_stage(definition, stage_key)
    open_stage(store, cid, stage_key)
    per_entry = per_entry or int(stage.get("judges_per_entry") or 3)
    entries = stage_entries(store, definition, stage_key)
    judges = _judges_of(store, cid, stage_key)
    run = store.begin_run(cid, stage_key)
    current = store.assignments.of_stage(cid, stage_key)
    existing, excluded = _standing(current, run)
    plan = assign([as_entry(e) for e in entries.values()], list(judges.values()), per_entry, existing, excluded)
    if isinstance(plan, Infeasible):
        _abandon(store, cid, stage_key, run)
        raise _unassignable(plan, per_entry)
    due = due_at(stage, datetime.now(timezone.utc), due_days)
    docs = [new_assignment(cid, stage_key, entry_id, judges[judge_id], due, run, principal.sub,
                           title=entries[entry_id].get("title"))
            for entry_id, judge_id in plan.pairs]
    created = _write(store, docs, current, request_id)
    store.assignments.cancel_leftovers(cid, stage_key, run, {d["_id"] for d in docs})
    store.finish_run(cid, stage_key, run)
    _sweep_withdrawn(store, cid, {entry_id for entry_id, _ in plan.pairs})
    return _summary(cid, stage_key, per_entry, len(entries), plan, created, run)


def replace_judge(store: Store, definition: dict, recused: dict, request_id: str | None, due_days: int) -> dict:
    """A new assignment for the entry a judge recused from: a valid judge of lowest load (409 if none)."""
    cid, stage_key, entry_id = recused["competition_id"], recused["stage"], recused["entry_id"]
    stage = scored_stage(definition, stage_key)
    entry = store.get_entry(entry_id)
    judges = _judges_of(store, cid, stage_key)
    current = store.assignments.of_stage(cid, stage_key)
    live = [a for a in current if a["status"] in LIVE]
    on_entry = [a["judge_id"] for a in live if a["entry_id"] == entry_id]
    excluded = frozenset((entry_id, a["judge_id"]) for a in current if a["status"] == "recused"
                         and a["entry_id"] == entry_id)
    plan = assign([as_entry(entry)], list(judges.values()), len(on_entry) + 1, {entry_id: on_entry}, excluded,
                  loads=Counter(a["judge_id"] for a in live))
    if isinstance(plan, Infeasible) or not plan.pairs:
        reason = plan.entries[0]["reason"] if isinstance(plan, Infeasible) and plan.entries else "no free judge"
        raise NoJudgeAvailable(f"the recusal is recorded, but no other judge can take entry {entry_id}: {reason}",
                               entry_id=entry_id)
    judge = judges[plan.pairs[0][1]]
    doc = new_assignment(cid, stage_key, entry_id, judge, due_at(stage, datetime.now(timezone.utc), due_days),
                         "recusal", recused["judge_id"], replaces=recused["_id"], title=entry.get("title"))
    _write(store, [doc], current, request_id)
    return doc


def _judges_of(store: Store, cid: str, stage_key: str) -> dict:
    """The active judges serving the stage, by id, as assignment sees them."""
    return {j["_id"]: as_judge(j) for j in store.all_judges() if serves(j, cid, stage_key)}


def _standing(current: list[dict], run: int) -> tuple[dict, frozenset]:
    """Judges already on each entry (an unfinished run's work is planned again), and recused pairs."""
    existing = defaultdict(list)
    for a in current:
        if a["status"] in LIVE and a.get("run") != run:
            existing[a["entry_id"]].append(a["judge_id"])
    return existing, frozenset((a["entry_id"], a["judge_id"]) for a in current if a["status"] == "recused")


def _write(store: Store, docs: list[dict], current: list[dict], request_id: str | None) -> int:
    """Insert assignments, each with its kipp.assignment.created in its own outbox; `current` are the
    stage's assignments as read before planning."""
    for doc in docs:
        doc.update(outbox=[events.assignment_created(doc, request_id)], outbox_pending=True)
    return store.assignments.insert_new(docs, {a["_id"]: a["status"] for a in current})


def _abandon(store: Store, cid: str, stage: str, run: int) -> None:
    """An infeasible run writes nothing; what a crashed attempt of it wrote is cancelled."""
    store.assignments.cancel_leftovers(cid, stage, run, set())
    store.finish_run(cid, stage, run)


def _sweep_withdrawn(store: Store, cid: str, entry_ids: set[str]) -> None:
    """An entry withdrawn while the run was writing loses the work just given to it."""
    for entry_id, entry in store.entries_by_id(cid, sorted(entry_ids)).items():
        if entry.get("status") != "submitted":
            store.assignments.withdraw_entry(entry_id)


def _unassignable(plan: Infeasible, per_entry: int) -> Unassignable:
    names = "; ".join(f"{e['entry_id']}: {e['reason']}" for e in plan.entries[:20])
    more = f" (and {len(plan.entries) - 20} more)" if len(plan.entries) > 20 else ""
    detail = (f"no valid assignment of {per_entry} judges per entry exists; nothing was assigned. "
              f"{len(plan.entries)} entries cannot be covered: {names}{more}")
    if plan.judges:
        detail += ". " + "; ".join(f"judge {j['judge_id']}: {j['reason']}" for j in plan.judges[:20])
    return Unassignable(detail, entries=plan.entries, judges=plan.judges)


def _summary(cid: str, stage: str, per_entry: int, entries: int, plan: Plan, created: int, run: int) -> dict:
    loads = list(plan.loads.values()) or [0]
    return {"competition_id": cid, "stage": stage, "judges_per_entry": per_entry, "entries": entries,
            "judges": len(plan.loads), "planned": len(plan.pairs), "created": created, "fresh": plan.fresh,
            "load_min": min(loads), "load_max": max(loads), "expertise_matches": plan.expertise_matches, "run": run}
