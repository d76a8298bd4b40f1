"""The outbox relay over fakes of the store and the broker: events go out in order, nothing queued is lost
when a step fails, and what a crash publishes twice is absorbed by an idempotent consumer."""
from __future__ import annotations

import copy
import threading
import time

import pytest
from kafka.errors import KafkaTimeoutError
from pymongo.errors import DuplicateKeyError

from shared.events import types
from shared.events.envelope import new_event
from shared import worker
from shared.kafka.producer import EventPublisher
from shared.mongo import dedup, outbox
from shared.mongo.outbox import OutboxRelay

MISSING = object()


class FakeCollection:
    """The few collection calls the outbox and dedup make, with equality filters only."""

    def __init__(self, name: str = "entries", database=None):
        self.name, self.database, self.docs = name, database, {}

    def _matches(self, doc: dict, query: dict) -> bool:
        return all(doc.get(key, None if value is None else MISSING) == value for key, value in query.items())

    def insert_one(self, doc: dict):
        if doc["_id"] in self.docs:
            raise DuplicateKeyError("E11000")
        self.docs[doc["_id"]] = copy.deepcopy(doc)

    def find(self, query: dict, projection: dict | None = None):
        found = [copy.deepcopy(d) for d in self.docs.values() if self._matches(d, query)]
        return FakeCursor(found)

    def find_one(self, query: dict, projection: dict | None = None):
        return next(iter(self.find(query)), None)

    def count_documents(self, query: dict) -> int:
        return len(list(self.find(query)))

    def update_one(self, query: dict, update: dict, upsert: bool = False):
        doc = next((d for d in self.docs.values() if self._matches(d, query)), None)
        if doc is not None:
            doc.update(copy.deepcopy(update.get("$set", {})))
            for field, spec in update.get("$push", {}).items():
                doc.setdefault(field, []).extend(copy.deepcopy(spec["$each"]))
            for field, values in update.get("$pullAll", {}).items():
                doc[field] = [v for v in doc.get(field, []) if v not in values]
        return type("Result", (), {"matched_count": int(doc is not None), "upserted_id": None})()


class FakeCursor(list):
    def limit(self, n: int):
        return FakeCursor(self[:n])


class FakeDatabase(dict):
    def __missing__(self, name):
        self[name] = FakeCollection(name, self)
        return self[name]


class HeldLease:
    holder = "test"

    def held(self) -> bool:
        return True

    def release(self) -> None:
        pass


class FakePublisher:
    """Records what the broker acknowledged; `failures` sends fail first (the broker is down)."""

    def __init__(self, failures: int = 0, during=None, stuck: bool = False):
        self.published, self.failures, self.during, self.stuck, self.renewed = [], failures, during, stuck, 0

    def publish_all(self, events: list[dict]) -> None:
        if self.stuck:  # a producer that never sends again (until renewed)
            raise KafkaTimeoutError("Timeout after waiting for 12.0 secs.")
        if self.failures:
            self.failures -= 1
            raise ConnectionError("broker down")
        if self.during:
            self.during()
        self.published.extend(copy.deepcopy(events))


    def renew(self) -> None:
        self.renewed += 1
        self.stuck = False


def withdrawn(entry_id: str, n: int = 0) -> dict:
    data = {"entry_id": entry_id, "competition_id": "c-1", "reason": f"uji {n}", "withdrawn_at": "2026-01-01T00:00:00Z"}
    return new_event(types.ENTRY_WITHDRAWN, entry_id, data, "kipp/test")


def relay_over(publisher) -> tuple[OutboxRelay, FakeCollection]:
    collection = FakeDatabase()["entries"]
    relay = OutboxRelay(collection, publisher)
    relay.lease = HeldLease()
    return relay, collection


def test_pending_events_go_out_in_order_and_the_document_is_cleared():
    publisher = FakePublisher()
    relay, entries = relay_over(publisher)
    first = [withdrawn("e-1", n) for n in range(3)]
    outbox.insert(entries, {"_id": "e-1"}, first[:1])
    outbox.write(entries, {"_id": "e-1"}, {"$set": {"status": "withdrawn"}}, first[1:])
    outbox.insert(entries, {"_id": "e-2"}, [withdrawn("e-2")])
    outbox.insert(entries, {"_id": "e-3"}, [])
    assert outbox.backlog(entries) == 2
    assert relay.relay_once() == 4
    assert [e["id"] for e in publisher.published if e["subject"] == "e-1"] == [e["id"] for e in first]
    assert all(doc["outbox"] == [] and doc["outbox_pending"] is False for doc in entries.docs.values())
    assert outbox.backlog(entries) == 0 and relay.relay_once() == 0


def test_one_subjects_events_kept_in_several_documents_go_out_in_the_order_they_happened():
    """An assignment's score revisions are documents of their own; the store hands pending documents
    back in any order, and a consumer must still see revision 1 before revision 2."""
    publisher = FakePublisher()
    relay, revisions = relay_over(publisher)
    first, second = withdrawn("a-1", 1), withdrawn("a-1", 2)
    first["time"], second["time"] = "2026-05-01T08:00:00.100Z", "2026-05-01T08:00:00.250Z"
    outbox.insert(revisions, {"_id": "a-1:2"}, [second])  # listed first, as a store may return it
    outbox.insert(revisions, {"_id": "a-1:1"}, [first])
    assert relay.relay_once() == 2
    assert [e["id"] for e in publisher.published] == [first["id"], second["id"]]


def test_an_event_queued_while_publishing_waits_for_the_next_round():
    late = withdrawn("e-1", 9)
    publisher = FakePublisher(during=lambda: outbox.write(entries, {"_id": "e-1"}, {}, [late]))
    relay, entries = relay_over(publisher)
    early = withdrawn("e-1", 1)
    outbox.insert(entries, {"_id": "e-1"}, [early])
    relay.relay_once()
    assert entries.docs["e-1"]["outbox"] == [late] and entries.docs["e-1"]["outbox_pending"] is True
    publisher.during = None
    relay.relay_once()
    assert [e["id"] for e in publisher.published] == [early["id"], late["id"]]
    assert entries.docs["e-1"]["outbox"] == [] and entries.docs["e-1"]["outbox_pending"] is False


def test_a_crash_between_the_update_and_publishing_only_delays_the_event():
    publisher = FakePublisher(failures=2)
    relay, entries = relay_over(publisher)
    event = withdrawn("e-1")
    outbox.insert(entries, {"_id": "e-1"}, [event])
    for _ in range(2):
        with pytest.raises(ConnectionError):
            relay.relay_once()
        assert entries.docs["e-1"]["outbox"] == [event] and outbox.backlog(entries) == 1
    assert relay.relay_once() == 1
    assert [e["id"] for e in publisher.published] == [event["id"]] and outbox.backlog(entries) == 0


def test_a_crash_after_publishing_publishes_again_and_the_consumer_applies_it_once():
    publisher = FakePublisher()
    relay, entries = relay_over(publisher)
    event = withdrawn("e-1")
    outbox.insert(entries, {"_id": "e-1"}, [event])
    real_update = entries.update_one

    def killed(*args, **kwargs):
        raise ConnectionError("killed before clearing")
    entries.update_one = killed
    with pytest.raises(ConnectionError):
        relay.relay_once()
    entries.update_one = real_update
    assert relay.relay_once() == 1
    assert [e["id"] for e in publisher.published] == [event["id"], event["id"]]
    consumer_db, applied = FakeDatabase(), []
    for copy_of_event in publisher.published:
        dedup.apply_once(consumer_db, copy_of_event, applied.append)
    assert [e["id"] for e in applied] == [event["id"]]


def test_a_producer_stuck_after_a_broker_outage_is_renewed_and_the_events_go_out():
    publisher = FakePublisher(stuck=True)
    relay, collection = relay_over(publisher)
    event = withdrawn("e-1")
    outbox.insert(collection, {"_id": "e-1"}, [event])
    stop = threading.Event()
    runner = threading.Thread(target=relay.run, args=(stop,), kwargs={"idle_wait": 0.01})
    runner.start()
    try:
        deadline = time.monotonic() + 5
        while not publisher.published and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        runner.join(5)
    assert publisher.renewed == 1 and [e["id"] for e in publisher.published] == [event["id"]]


class Producer:
    def __init__(self):
        self.closed = False

    def close(self, timeout=None):
        self.closed = True


def test_renewing_while_the_broker_is_still_away_keeps_the_producer_and_the_relay_alive():
    """A renewal that cannot reach the broker (kafka-python raises after its bootstrap timeout) keeps the
    old producer and says nothing to the relay: its loop dying would stop the whole worker."""
    attempts, old = [], Producer()

    def make():
        attempts.append(1)
        if len(attempts) == 1:
            raise KafkaTimeoutError("Unable to bootstrap from ['127.0.0.1:9092']")
        return Producer()
    publisher = EventPublisher(old, "ns", make)
    publisher.renew()
    assert publisher.producer is old and not old.closed
    publisher.renew()  # the broker is back
    assert publisher.producer is not old and old.closed and len(attempts) == 2


def test_a_worker_ends_within_its_stop_deadline_even_with_a_loop_stuck(monkeypatch):
    monkeypatch.setattr(worker, "STOP_SECONDS", 0.3)
    release = threading.Event()

    def stuck(stop):  # e.g. waiting on a part that is down, deaf to `stop`
        release.wait(30)

    def dies(stop):  # a loop that returned (its exception went to the log) has died
        return None
    started = time.monotonic()
    worker.run_all([stuck, dies], threading.Event())
    assert time.monotonic() - started < 3
    release.set()
