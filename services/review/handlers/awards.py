"""Finals: the secretariat marks award tiers (top45, outstanding, …) after the last scored stage."""
from __future__ import annotations

from shared.auth.tokens import Principal
from shared.events.envelope import utc_now_iso
from services.review.ports import Store
from services.review.domain import audit, events, results
from services.review.domain.entries import in_stage
from services.review.domain.errors import FieldErrors, StageNotClosed
from services.review.handlers.common import competition


def award(store: Store, cid: str, items: list[dict], principal: Principal, request_id: str | None) -> dict:
    """Record each award with its kipp.entry.awarded, all or none; the same award again is a no-op."""
    definition = competition(store, cid)
    final = results.last_scored_stage(definition)
    if final is None or store.get_stage(cid, final["key"]).get("status") != "closed":
        raise StageNotClosed("awards follow the last scored stage; close it first")
    found = store.entries_by_id(cid, [i["entry_id"] for i in items])
    errors = {f"awards.{n}.entry_id": [f"{i['entry_id']}: did not take part in the final stage {final['key']}"]
              for n, i in enumerate(items) if i["entry_id"] not in found
              or not in_stage(definition, found[i["entry_id"]], final["key"])}
    if errors:
        raise FieldErrors(f"{len(errors)} award(s) cannot be given; none was recorded", errors)
    recorded = [i for i in items if _give(store, cid, i, principal, request_id)]
    return {"competition_id": cid, "recorded": len(recorded), "unchanged": len(items) - len(recorded),
            "items": [{"entry_id": i["entry_id"], "award": i["award"],
                       "result": "recorded" if i in recorded else "unchanged"} for i in items]}


def _give(store: Store, cid: str, item: dict, principal: Principal, request_id: str | None) -> bool:
    field = results.award_field(item["award"])
    given = {"award": item["award"], "reason": item.get("reason"), "by": principal.sub, "at": utc_now_iso()}
    event = events.entry_awarded(item["entry_id"], cid, item["award"], request_id, reason=item.get("reason"))
    if not store.update_entry(item["entry_id"], {field: given}, [event], expect={field: {"$exists": False}}):
        return False
    store.add_audit(audit.record("award", cid, principal, item.get("reason"), request_id, entry_id=item["entry_id"],
                                 award=item["award"]))
    return True
