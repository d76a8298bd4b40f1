"""In-memory stand-ins for notify's adapters (unit tests only)."""
from __future__ import annotations

from collections import Counter
from datetime import timedelta
from types import SimpleNamespace

from services.notify.adapters.templates import Templates
from services.notify.config import Tuning
from services.notify.domain.sending import Outcome


class FakeAccumulator:
    def __init__(self):
        self.docs: dict[str, dict] = {}

    def add(self, doc_id, key, item, header):
        doc = self.docs.setdefault(doc_id, {"_id": doc_id, **header, "items": {}, "sent": {}, "flush": None})
        if key in doc["sent"]:
            return False
        doc["items"][key] = item
        return True

    def with_items(self):
        return [dict(d, items=dict(d["items"])) for d in self.docs.values() if d["items"] or d["flush"]]

    def claim(self, doc_id, flush):
        if self.docs[doc_id]["flush"]:
            return False
        self.docs[doc_id]["flush"] = flush
        return True

    def clear(self, doc_id, flush):
        doc = self.docs[doc_id]
        if (doc["flush"] or {}).get("id") != flush["id"]:
            return
        for key in flush["keys"]:
            doc["items"].pop(key, None)
            doc["sent"][key] = True
        doc["flush"] = None


class FakeDeliveries:
    """Deliveries by id, with the same states and conditions as the MongoDB adapter."""

    def __init__(self):
        self.docs: dict[str, dict] = {}
        self.outbox: list[dict] = []

    def enqueue(self, deliveries):
        from services.notify.adapters.deliveries import stored
        fresh = [d["_id"] for d in deliveries if d["_id"] not in self.docs]
        for delivery in deliveries:
            self.docs.setdefault(delivery["_id"], stored(delivery))
        return fresh

    def queued(self) -> list[dict]:
        return [d for d in self.docs.values() if d["status"] == "queued"]

    def claim(self, delivery_id, now, lease_seconds):
        doc = self.docs.get(delivery_id)
        if doc is None or doc["status"] != "queued" or doc["available_at"] > now:
            return None
        doc.update(claim=f"claim-{len(self.outbox)}-{doc['attempts']}", available_at=now + timedelta(seconds=lease_seconds))
        return dict(doc)

    def renew(self, claimed, now, lease_seconds):
        doc = self._held(claimed)
        if doc and doc["status"] == "queued":
            doc["available_at"] = now + timedelta(seconds=lease_seconds)
        return bool(doc and doc["status"] == "queued")

    def _held(self, claimed) -> dict | None:
        doc = self.docs[claimed["_id"]]
        return doc if doc["claim"] == claimed["claim"] else None

    def reschedule(self, claimed, error, at, now):
        doc = self._held(claimed)
        if doc:
            doc.update(claim=None, available_at=at, next_attempt_at=at, error=error, attempts=doc["attempts"] + 1)
        return doc is not None

    def finish(self, claimed, status, reply, error, event, now):
        doc = self._held(claimed)
        if doc:
            doc.update(status=status, claim=None, available_at=None, smtp_reply=reply, error=error,
                       attempts=doc["attempts"] + 1)
            self.outbox.append(event)
        return doc is not None


class FakeStore:
    """Entries, competitions, parked and held events and contacts in dicts, with the adapter's rules."""

    def __init__(self, contacts: dict[str, dict] | None = None):
        self.closed_through = ""
        self.contacts = contacts or {}
        self.entries: dict[str, dict] = {}
        self.names: dict[str, str] = {}
        self.waiting: dict[str, dict] = {}
        self.held: dict[str, tuple[dict, dict]] = {}

    def contacts_for(self, codes):
        return {code: self.contacts[code] for code in codes if code in self.contacts}

    def save_entry(self, entry_id, copy):
        kept = self.entries.get(entry_id)
        if kept and not kept.get("placeholder") and kept["revision"] >= copy["revision"]:
            return kept, False
        self.entries[entry_id] = {"_id": entry_id, **copy}
        return self.entries[entry_id], kept is None

    def get_entry(self, entry_id):
        found = self.entries.get(entry_id)
        return None if found is None or found.get("placeholder") else found

    def park(self, event, now):
        self.waiting.setdefault(event["id"], event)
        self.entries.setdefault(event["data"]["entry_id"], {"_id": event["data"]["entry_id"], "placeholder": True})

    def parked(self, entry_id):
        return [e for e in self.waiting.values() if e["data"]["entry_id"] == entry_id]

    def unpark(self, event_id):
        self.waiting.pop(event_id, None)

    def save_competition(self, definition):
        self.names[definition["id"]] = definition["name"]

    def competition_name(self, cid):
        return self.names.get(cid)

    def hold(self, event, entry, now):
        self.held.setdefault(event["id"], (event, entry))

    def held_for(self, cid):
        return [pair for pair in self.held.values() if pair[1]["competition_id"] == cid]

    def unhold(self, event_id):
        self.held.pop(event_id, None)

    def held_count(self):
        return dict(Counter(entry["competition_id"] for _, entry in self.held.values()))

    def digests_closed_through(self):
        return self.closed_through

    def set_digests_closed_through(self, day):
        self.closed_through = max(self.closed_through, day)


class FakeSmtp:
    """Answers each send with the next scripted reply and keeps what it was given."""

    def __init__(self, *replies: Outcome):
        self.replies = list(replies)
        self.sent = []

    def send(self, message, sender, recipient):
        self.sent.append((recipient, message))
        return self.replies.pop(0) if self.replies else Outcome(250, "2.0.0 ok")


def fake_deps(**tuning) -> SimpleNamespace:
    settings = SimpleNamespace(mail_from="KIPP <noreply@kipp.local>")
    return SimpleNamespace(settings=settings, tuning=Tuning(**tuning), deliveries=FakeDeliveries(),
                           batches=FakeAccumulator(), digests=FakeAccumulator(), store=FakeStore(),
                           templates=Templates(), hint=None)
