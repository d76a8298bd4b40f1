"""A closed stage's shortlist: propose Top N under quotas, publish it (advanced/eliminated events)."""
from __future__ import annotations

from shared.auth.tokens import Principal
from shared.events.envelope import utc_now_iso
from services.review.ports import Store
from services.review.domain import audit, events, results
from services.review.domain.competitions import scored_stage
from services.review.domain.errors import NoShortlistProposal, ShortlistPublished, StageNotClosed
from services.review.domain.objections import objection_window
from services.review.handlers.common import competition, stage_entries

SHOWN = ("competition_id", "stage", "status", "seats", "picks", "infeasible", "proposed_at", "proposed_by",
         "published_at", "published_by", "window", "excluded")


def propose(store: Store, cid: str, stage_key: str, principal: Principal) -> dict:
    """Rank the closed stage and propose its Top N under the quotas (not yet public)."""
    definition = competition(store, cid)
    stage = _closed(store, definition, stage_key)
    current = store.results.shortlist(cid, stage_key)
    if current and current.get("status") != "proposed":
        raise ShortlistPublished(f"the shortlist of {stage_key} is already published; objections now change it")
    ranked = ranked_candidates(store, definition, stage_key)
    proposal = results.propose(definition, stage, ranked).as_dict()
    doc = {"status": "proposed", "seats": stage.get("shortlist"), "picks": proposal["picks"],
           "infeasible": proposal["infeasible"], "candidates": len(ranked), "proposed_at": utc_now_iso(),
           "proposed_by": principal.sub}
    if not store.results.save_proposal(cid, stage_key, doc):
        raise ShortlistPublished(f"the shortlist of {stage_key} was published meanwhile")
    return view({"competition_id": cid, "stage": stage_key, **doc})


def publish(store: Store, cid: str, stage_key: str, principal: Principal, request_id: str | None) -> dict:
    """Announce the proposal: kipp.entry.advanced for picks, kipp.entry.eliminated for the rest;
    the objection window opens. Publishing again changes nothing; a crashed publication resumes."""
    definition = competition(store, cid)
    _closed(store, definition, stage_key)
    current = store.results.shortlist(cid, stage_key)
    if current is None:
        raise NoShortlistProposal(f"propose the shortlist of {stage_key} before publishing it")
    if current["status"] == "published":
        return view(current)
    published_at = current.get("published_at") or utc_now_iso()
    window = objection_window(published_at, definition.get("objection_days")).as_dict()
    store.results.mark(cid, stage_key, {"status": "publishing", "published_at": published_at,
                                        "published_by": principal.sub, "window": window},
                       expect={"status": {"$in": ["proposed", "publishing"]}})
    entries = stage_entries(store, definition, stage_key)
    ranked = ranked_candidates(store, definition, stage_key, entries)
    for outcome in results.outcomes(definition, stage_key, current["picks"], ranked, list(entries)):
        record_outcome(store, cid, stage_key, outcome, request_id)
    store.results.mark(cid, stage_key, {"status": "published"}, expect={"status": "publishing"})
    store.add_audit(audit.record("shortlist.published", cid, principal, None, request_id, stage=stage_key,
                                 picks=[p["entry_id"] for p in current["picks"]], window=window))
    return view(store.results.shortlist(cid, stage_key))


def read(store: Store, cid: str, stage_key: str) -> dict:
    scored_stage(competition(store, cid), stage_key)
    found = store.results.shortlist(cid, stage_key)
    if found is None:
        raise NoShortlistProposal(f"no shortlist has been proposed for {stage_key} yet")
    return view(found)


def record_outcome(store: Store, cid: str, stage_key: str, outcome: dict, request_id: str | None) -> bool:
    """Keep an entry's result of the stage with its advanced/eliminated event; the same result again is a no-op."""
    field = results.result_field(stage_key)
    event = events.entry_ranked(outcome["outcome"] == "advanced", outcome["entry_id"], cid, stage_key,
                                outcome["to_stage"], outcome["rank"], outcome["score"], outcome["reason"], request_id)
    return store.update_entry(outcome["entry_id"], {field: outcome}, [event],
                              expect={f"{field}.outcome": {"$ne": outcome["outcome"]}})


def ranked_candidates(store: Store, definition: dict, stage_key: str, entries: dict | None = None) -> list:
    """The stage's candidates in ranking order, from the latest revision of every scored assignment."""
    entries = entries if entries is not None else stage_entries(store, definition, stage_key)
    scored = {a["_id"] for a in store.assignments.of_stage(definition["id"], stage_key) if a["status"] == "scored"}
    revisions = [r for r in store.assignments.latest_of_stage(definition["id"], stage_key)
                 if r["assignment_id"] in scored]
    return results.candidates(definition, entries, revisions)


def view(doc: dict) -> dict:
    return {key: doc.get(key) for key in SHOWN}


def _closed(store: Store, definition: dict, stage_key: str) -> dict:
    stage = scored_stage(definition, stage_key)
    if store.get_stage(definition["id"], stage_key).get("status") != "closed":
        raise StageNotClosed(f"close stage {stage_key} before its shortlist: scores must be final")
    return stage
