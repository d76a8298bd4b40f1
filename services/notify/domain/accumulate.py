"""Mail that waits: judges' assignment notices (batched per run) and daily digests. No I/O.

Both are accumulator documents: items keyed by a hash of what caused them, a `sent` set of
keys already mailed, and a `flush` marker naming the keys being mailed. Flushing is
(1) mark the keys, (2) queue one delivery whose id derives from those keys, (3) drop the
keys into `sent`. Each step can be repeated after a crash without mailing anything twice.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from shared.events import types
from services.notify.domain.labels import local_day, parse_moment
from services.notify.domain.messages import new_delivery, region_codes, short_hash
from services.notify.domain.recipients import Recipient

ITEM_FACTS = ("entry_id", "title", "agency_name", "region_code", "region_name", "province_code", "category",
              "competition_id", "competition_name")


def item_key(cause_id: str) -> str:
    """A field-name-safe key for an item (ids may hold dots or dollars)."""
    return short_hash(cause_id, 16)


def flush_id(keys: list[str]) -> str:
    return short_hash(",".join(sorted(keys)), 16)


# --- assignment notices: one e-mail per judge per assignment run -----------------------
def batch_id(judge_id: str, competition_id: str, stage: str) -> str:
    return short_hash(f"assignments:{judge_id}:{competition_id}:{stage}", 24)


def assignment_item(event: dict, facts: dict, now: datetime) -> dict:
    """What the notice lists for one assignment."""
    data = event["data"]
    item = {key: facts.get(key) for key in ITEM_FACTS}
    item.update(assignment_id=data["assignment_id"], due_at=data.get("due_at"), judge_email=data["judge_email"],
                judge_name=data.get("judge_name"), language=data.get("language") or "id",
                event_id=event["id"], added_at=now)
    return item


def batch_due(doc: dict, now: datetime, quiet_seconds: float, max_wait_seconds: float) -> bool:
    """A run is over when no assignment came for `quiet_seconds`, or it has waited long enough."""
    added = [item["added_at"] for item in (doc.get("items") or {}).values()]
    if not added:
        return False
    return (now - max(added) >= timedelta(seconds=quiet_seconds)
            or now - min(added) >= timedelta(seconds=max_wait_seconds))


def batch_delivery(doc: dict, keys: list[str], now: datetime) -> dict:
    """The one notice listing every entry of the flushed run."""
    items = sorted((doc["items"][k] for k in keys), key=lambda i: (i.get("title") or "", i["entry_id"]))
    last = max(items, key=lambda i: i["added_at"])
    judge = Recipient(last["judge_email"].strip().lower(), last.get("judge_name") or "", last.get("language", "id"))
    dues = sorted(d for d in (i.get("due_at") for i in items) if d)
    ctx = {"recipient_name": judge.name, "lang": judge.language, "judge_id": doc["judge_id"],
           "competition_id": doc["competition_id"], "competition_name": last.get("competition_name") or "",
           "stage": doc["stage"], "due_at": dues[0] if dues else None,
           "entries": [{k: i.get(k) for k in ("entry_id", "title", "agency_name", "region_name", "category",
                                              "due_at")} for i in items]}
    entry_ids = [i["entry_id"] for i in items]
    codes = region_codes(items)
    source = f"assignments:{doc['_id']}:{flush_id(keys)}"
    return new_delivery(source, types.ASSIGNMENT_CREATED, "assignment", judge, ctx, now, entry_ids, codes,
                        doc["competition_id"], subject=entry_ids[0])


# --- daily digests: one e-mail per contact per day ---------------------------------------
def digest_id(address: str, language: str) -> str:
    return short_hash(f"digest:{address}:{language}", 24)


def digest_item(event: dict, template: str, facts: dict, now: datetime) -> dict:
    """One change (receipt or status) as the digest lists it; its day is the event's WIB day."""
    moment = parse_moment(event.get("time")) or now
    item = {key: facts.get(key) for key in ITEM_FACTS}
    item.update({key: facts.get(key) for key in ("stage", "to_stage", "decision", "reason", "rank", "score",
                                                  "award")})
    item.update(template=template, event_id=event["id"], time=moment, day=local_day(moment))
    return item


def digest_keys_through(doc: dict, day: str) -> list[str]:
    """Keys of the items dated on or before `day` (YYYY-MM-DD)."""
    return sorted(k for k, item in (doc.get("items") or {}).items() if item["day"] <= day)


def digest_delivery(doc: dict, keys: list[str], now: datetime) -> dict:
    """The digest e-mail listing each item, oldest first."""
    items = sorted((doc["items"][k] for k in keys), key=lambda i: (i["time"], i["event_id"]))
    reader = Recipient(doc["recipient"], doc.get("name") or doc["recipient"], doc["language"])
    ctx = {"recipient_name": reader.name, "lang": reader.language, "day": max(i["day"] for i in items),
           "items": [{k: v for k, v in i.items() if k != "time"} | {"time": i["time"].isoformat()} for i in items]}
    entry_ids = list(dict.fromkeys(i["entry_id"] for i in items))
    codes = region_codes(items)
    source = f"digest:{doc['_id']}:{flush_id(keys)}"
    return new_delivery(source, "digest", "digest", reader, ctx, now, entry_ids, codes,
                        items[0].get("competition_id"), subject=entry_ids[0])
