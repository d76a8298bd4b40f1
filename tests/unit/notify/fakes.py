"""In-memory stand-ins for notify's adapters (unit tests only)."""
from __future__ import annotations

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
    def __init__(self):
        self.pending: dict[str, dict] = {}
        self.claims: set[str] = set()
        self.final_records: dict[str, dict] = {}
        self.retries: list[dict] = []

    def enqueue(self, deliveries, scan_after):
        from services.notify.adapters.deliveries import work_item
        items = [work_item(d, 0, d["created_at"], scan_after) for d in deliveries]
        for item in items:
            self.pending.setdefault(item["_id"], item)
        return items

    def claim(self, item, now, lease_seconds):
        if item["delivery_id"] in self.final_records:
            return "settled"
        if item["_id"] in self.claims:
            return "held"
        self.claims.add(item["_id"])
        return "claimed"

    def finish(self, item, status, reply, error, event, now):
        if item["delivery_id"] in self.final_records:
            return False
        self.final_records[item["delivery_id"]] = {"status": status, "smtp_reply": reply, "error": error,
                                                   "outbox": [event]}
        return True

    def final(self, delivery_id):
        return self.final_records.get(delivery_id)

    def retry(self, item, error, at):
        self.retries.append({"item": item["_id"], "error": error, "at": at})

    def done(self, ids):
        for ident in ids:
            self.pending.pop(ident, None)


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
