"""Automatic assignment of a scored stage, and the replacement of a judge who recused."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timezone

from shared.auth.tokens import Principal
from shared.events.envelope import utc_now_iso
from services.review.ports import Store
from services.review.domain import events, panels
from services.review.domain.assignment import Infeasible, Plan, assign
from services.review.domain.assignments import new_assignment
from services.review.domain.competitions import due_at, scored_stage
from services.review.domain.entries import as_entry
from services.review.domain.errors import NoJudgeAvailable, AssignmentInfeasible
from services.review.domain.judges import as_judge
from services.review.domain.scores import LIVE
from services.review.handlers.common import competition, open_stage, stage_entries


def assign_stage(store: Store, cid: str, stage_key: str, per_entry: int | None, principal: Principal,
                 request_id: str | None, due_days: int, progress=None) -> dict:
    """Assign every entry of the stage judges of its panel, all or nothing; a re-run only fills gaps.
    `progress(done, total)`, when given, hears how many assignments are written."""
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
    created = _write(store, docs, current, request_id, progress)
    store.assignments.cancel_leftovers(cid, stage_key, run, {d["_id"] for d in docs})
    store.finish_run(cid, stage_key, run)
    _sweep_withdrawn(store, cid, {entry_id for entry_id, _ in plan.pairs})
    return _summary(cid, stage_key, per_entry, len(entries), plan, created, run)


def replace_judge(store: Store, definition: dict, recused: dict, request_id: str | None, due_days: int) -> dict:
    """A new assignment for the entry a judge recused from: a valid judge of lowest load (409 if none)."""
    cid, stage_key = recused["competition_id"], recused["stage"]
    current = store.assignments.of_stage(cid, stage_key)
    doc = _replacement(definition, recused, store.get_entry(recused["entry_id"]), _judges_of(store, cid, stage_key),
                       current, recused["judge_id"], due_days)
    _write(store, [doc], current, request_id)
    return doc


def hand_over(store: Store, definition: dict, stage_key: str, judge_id: str, by: str, request_id: str | None,
              due_days: int, progress=None) -> dict:
    """A judge left the panel: each of their pending assignments in the stage is recused on their behalf and
    given to the panel's free judge of lowest load; entries no one can take are listed (a later run fills them)."""
    cid = definition["id"]
    current = store.assignments.of_stage(cid, stage_key)
    stored = [dict(a) for a in current]
    pending = [a for a in current if a["judge_id"] == judge_id and a["status"] == "pending"]
    entries = store.entries_by_id(cid, [a["entry_id"] for a in pending])
    judges, docs, unassigned = _judges_of(store, cid, stage_key), [], []
    recusal = {"reason": "released from the stage's panel", "at": utc_now_iso(), "by": by}
    for n, a in enumerate(pending, start=1):
        if store.assignments.recuse(a, recusal):  # else scored or withdrawn meanwhile: no pending work any more
            a["status"] = "recused"
            try:
                doc = _replacement(definition, {**a, "competition_id": cid, "stage": stage_key},
                                   entries.get(a["entry_id"]), judges, current, by, due_days)
                docs.append(doc)
                current.append({key: doc[key] for key in ("_id", "entry_id", "judge_id", "status", "run")})
            except NoJudgeAvailable as exc:
                unassigned.append({"entry_id": a["entry_id"], "reason": exc.detail})
        if progress:
            progress(n, len(pending))
    _write(store, docs, stored, request_id)
    return {"reassigned": [{"entry_id": d["entry_id"], "judge_id": d["judge_id"]} for d in docs],
            "unassigned": unassigned}


def _replacement(definition: dict, recused: dict, entry: dict | None, judges: dict, current: list[dict], by: str,
                 due_days: int) -> dict:
    """The assignment replacing `recused`, planned against the stage's assignments `current` (NoJudgeAvailable
    when no judge of the panel is free for the entry)."""
    cid, stage_key, entry_id = recused["competition_id"], recused["stage"], recused["entry_id"]
    live = [a for a in current if a["status"] in LIVE]
    on_entry = [a["judge_id"] for a in live if a["entry_id"] == entry_id]
    excluded = frozenset((entry_id, a["judge_id"]) for a in current if a["status"] == "recused"
                         and a["entry_id"] == entry_id)
    plan = assign([as_entry(entry or {"_id": entry_id})], list(judges.values()), len(on_entry) + 1,
                  {entry_id: on_entry}, excluded, loads=Counter(a["judge_id"] for a in live))
    if isinstance(plan, Infeasible) or not plan.pairs:
        reason = plan.entries[0]["reason"] if isinstance(plan, Infeasible) and plan.entries else "no free judge"
        raise NoJudgeAvailable(f"the recusal is recorded, but no other judge can take entry {entry_id}: {reason}",
                               entry_id=entry_id)
    stage = scored_stage(definition, stage_key)
    return new_assignment(cid, stage_key, entry_id, judges[plan.pairs[0][1]],
                          due_at(stage, datetime.now(timezone.utc), due_days), "recusal", by,
                          replaces=recused["_id"], title=(entry or {}).get("title"))


def _judges_of(store: Store, cid: str, stage_key: str) -> dict:
    """The active judges on the stage's panel, by id, as assignment sees them: nobody else is ever drawn."""
    panel = panels.members(store.panels.of_stage(cid, stage_key))
    return {j["_id"]: as_judge(j) for j in panels.drawn_from(store.all_judges(), panel)}


def _standing(current: list[dict], run: int) -> tuple[dict, frozenset]:
    """Judges already on each entry (an unfinished run's work is planned again), and recused pairs."""
    existing = defaultdict(list)
    for a in current:
        if a["status"] in LIVE and a.get("run") != run:
            existing[a["entry_id"]].append(a["judge_id"])
    return existing, frozenset((a["entry_id"], a["judge_id"]) for a in current if a["status"] == "recused")


def _write(store: Store, docs: list[dict], current, request_id: str | None, progress=None) -> int:
    """Insert assignments, each with its kipp.assignment.created in its own outbox; `current` are the
    stage's assignments as read before planning."""
    for doc in docs:
        doc.update(outbox=[events.assignment_created(doc, request_id)], outbox_pending=True)
    return store.assignments.insert_new(docs, {a["_id"]: a["status"] for a in current}, progress)


def _abandon(store: Store, cid: str, stage: str, run: int) -> None:
    """An infeasible run writes nothing; what a crashed attempt of it wrote is cancelled."""
    store.assignments.cancel_leftovers(cid, stage, run, set())
    store.finish_run(cid, stage, run)


def _sweep_withdrawn(store: Store, cid: str, entry_ids: set[str]) -> None:
    """An entry withdrawn while the run was writing loses the work just given to it."""
    for entry_id, entry in store.entries_by_id(cid, sorted(entry_ids)).items():
        if entry.get("status") != "submitted":
            store.assignments.withdraw_entry(entry_id)


def _unassignable(plan: Infeasible, per_entry: int) -> AssignmentInfeasible:
    names = "; ".join(f"{e['entry_id']}: {e['reason']}" for e in plan.entries[:20])
    more = f" (and {len(plan.entries) - 20} more)" if len(plan.entries) > 20 else ""
    detail = (f"no valid assignment of {per_entry} judges per entry exists; nothing was assigned. "
              f"{len(plan.entries)} entries cannot be covered: {names}{more}")
    if plan.judges:
        detail += ". " + "; ".join(f"judge {j['judge_id']}: {j['reason']}" for j in plan.judges[:20])
    return AssignmentInfeasible(detail, entries=plan.entries, judges=plan.judges)


def _summary(cid: str, stage: str, per_entry: int, entries: int, plan: Plan, created: int, run: int) -> dict:
    loads = list(plan.loads.values()) or [0]
    return {"competition_id": cid, "stage": stage, "judges_per_entry": per_entry, "entries": entries,
            "judges": len(plan.loads), "planned": len(plan.pairs), "created": created, "fresh": plan.fresh,
            "load_min": min(loads), "load_max": max(loads), "expertise_matches": plan.expertise_matches, "run": run}
