"""In-memory stand-ins for notify's adapters (unit tests only)."""
from __future__ import annotations

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
    def __init__(self):
        self.closed_through = ""

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
