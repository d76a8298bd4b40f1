"""The outbox relay and the token guards, against the real broker and store."""
from __future__ import annotations

import threading
import time

import jwt
import pytest

from services.intake.bootstrap import bootstrap
from services.intake.domain.competitions import published_event
from services.intake.entrypoints.web import create_app
from shared.auth import tokens
from shared.events import types
from shared.events.envelope import new_event
from shared.kafka.producer import EventPublisher, make_producer
from shared.mongo import dedup, outbox
from shared.mongo.outbox import OutboxRelay
from tests import factories
from tests.factories import uid
from tests.support.poll import eventually
from tests.support.procs import service_env, start_worker
from tests.support.topics import TopicReader


def test_relay_publishes_what_was_pending_before_it_started(stack, namespace, keys_dir, settings_for, tmp_path):
    store = bootstrap(settings_for("intake")).store
    definition = factories.competition()
    store.save_competition(definition, published_event(definition, "rid-outbox"))
    assert len(store.competitions.find_one({"_id": definition["id"]})["outbox"]) == 1
    worker = start_worker("intake", service_env(stack, namespace, keys_dir), tmp_path)
    try:
        reader = TopicReader(stack.kafka, f"{namespace}.competitions")
        [event] = reader.wait_for(subject=definition["id"], timeout=30)
        assert event["data"]["name"] == definition["name"] and event["kipprequestid"] == "rid-outbox"
        eventually(lambda: store.competitions.find_one({"_id": definition["id"]})["outbox_pending"] is False,
                   what="the outbox to be cleared")
        assert store.competitions.find_one({"_id": definition["id"]})["outbox"] == []
        reader.close()
    finally:
        worker.stop()


def test_a_documents_events_go_out_in_order_and_only_pending_documents_are_read(stack, namespace, mongo):
    collection = mongo[f"{namespace}_relaytest"][f"order{uid()}"]
    outbox.ensure_indexes(collection)
    entry_id = uid("order-")
    events = [withdrawn_event(entry_id, f"order {n}") for n in range(5)]
    outbox.insert(collection, {"_id": entry_id}, events[:1])
    for event in events[1:]:
        outbox.write(collection, {"_id": entry_id}, {"$inc": {"revision": 1}}, [event])
    collection.insert_many([{"_id": uid("quiet-"), "outbox": [], "outbox_pending": False} for _ in range(50)])
    assert outbox.backlog(collection) == 1
    publisher = EventPublisher(make_producer(stack.kafka), namespace)
    reader = TopicReader(stack.kafka, f"{namespace}.entries")
    try:
        assert OutboxRelay(collection, publisher).relay_once() == 5
        published = reader.wait_for(5, subject=entry_id)
        assert [event["id"] for event in published] == [event["id"] for event in events]
        assert outbox.backlog(collection) == 0 and collection.find_one({"_id": entry_id})["revision"] == 4
    finally:
        reader.close()
        publisher.close()


def test_events_published_again_after_a_crash_are_applied_once(stack, namespace, mongo):
    """The relay dies after the broker acknowledged and before it cleared the outbox: the next round
    publishes the same event again, and a consumer that de-duplicates by event id applies it once."""
    db = mongo[f"{namespace}_relaytest"]
    collection = db[f"crash{uid()}"]
    outbox.ensure_indexes(collection)
    entry_id = uid("crash-")
    event = withdrawn_event(entry_id, "crash")
    outbox.insert(collection, {"_id": entry_id}, [event])
    publisher = EventPublisher(make_producer(stack.kafka), namespace)
    reader = TopicReader(stack.kafka, f"{namespace}.entries")
    try:
        relay = OutboxRelay(collection, publisher)
        pending = list(collection.find(outbox.PENDING, {"outbox": 1}))
        publisher.publish_all([e for doc in pending for e in doc["outbox"]])  # what relay_once does before clearing
        assert relay.relay_once() == 1  # the next round finds the event still pending
        copies = reader.wait_for(2, subject=entry_id)
        assert {copy["id"] for copy in copies} == {event["id"]} and outbox.backlog(collection) == 0
        applied = []
        for copy in copies:
            dedup.apply_once(db, copy, applied.append)
        assert len(applied) == 1
    finally:
        reader.close()
        publisher.close()


@pytest.fixture
def intake_client(settings_for):
    return create_app(settings_for("intake")).test_client()


def _claims(**overrides) -> dict:
    claims = {"iss": "kipp", "aud": "kipp", "sub": "admin-1", "role": "admin", "exp": int(time.time()) + 600}
    claims.update(overrides)
    return claims


def test_tokens_refused_for_wrong_key_audience_expiry_and_role(intake_client, keys_dir, tmp_path):
    private = (keys_dir / "jwt-private.pem").read_bytes()
    tokens.generate_keys(str(tmp_path / "other.pem"), str(tmp_path / "other-pub.pem"))
    other = (tmp_path / "other.pem").read_bytes()
    body = factories.competition()
    cases = {
        "no token": (None, 401),
        "wrong key": (jwt.encode(_claims(), other, algorithm="EdDSA"), 401),
        "wrong audience": (jwt.encode(_claims(aud="siasn"), private, algorithm="EdDSA"), 401),
        "expired": (jwt.encode(_claims(exp=int(time.time()) - 5), private, algorithm="EdDSA"), 401),
        "wrong role": (tokens.issue(private, "ministry", "m-1"), 403),
        "right": (tokens.issue(private, "admin", "a-1"), 200),
    }
    for name, (token, status) in cases.items():
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = intake_client.put(f"/api/v1/competitions/{body['id']}", json=body, headers=headers)
        assert response.status_code == status, name
        if status != 200:
            problem = response.get_json(force=True)
            assert response.mimetype == "application/problem+json" and problem["status"] == status, name
            assert response.headers["X-Request-ID"]


def test_two_relays_on_one_collection_publish_each_event_once_and_hand_over(stack, namespace, mongo):
    """Two workers of one service: one relay holds the lease and publishes; when it stops, the other takes over."""
    collection = mongo[f"{namespace}_relaytest"]["entries"]
    publisher = EventPublisher(make_producer(stack.kafka), namespace)
    first, second = (OutboxRelay(collection, publisher, lease_seconds=3.0) for _ in range(2))
    stops = [threading.Event(), threading.Event()]
    threads = [threading.Thread(target=relay.run, args=(stop,), daemon=True) for relay, stop in zip((first, second), stops)]
    reader = TopicReader(stack.kafka, f"{namespace}.entries")
    try:
        for thread in threads:
            thread.start()
        before = [withdrawn_event(uid("lease-")) for _ in range(40)]
        for event in before:
            outbox.insert(collection, {"_id": event["subject"]}, [event])
        eventually(lambda: len(reader.events(reason="lease")) >= 40, timeout=60, what="the first 40 events")
        holder = mongo[f"{namespace}_relaytest"][outbox.LEASES].find_one({"_id": "entries"})["holder"]
        holding, waiting = (0, 1) if holder == first.lease.holder else (1, 0)
        stops[holding].set()
        threads[holding].join(10)
        after = [withdrawn_event(uid("lease-")) for _ in range(20)]
        for event in after:
            outbox.insert(collection, {"_id": event["subject"]}, [event])
        eventually(lambda: len(reader.events(reason="lease")) >= 60, timeout=60, what="the next 20 events, from the other relay")
        assert mongo[f"{namespace}_relaytest"][outbox.LEASES].find_one({"_id": "entries"})["holder"] == \
            (first, second)[waiting].lease.holder
        stops[waiting].set()  # nothing more can be published: what the topic holds now is all there will be
        threads[waiting].join(10)
        reader.read_to_end()
        published = [event["id"] for event in reader.events(reason="lease")]
        assert sorted(published) == sorted(event["id"] for event in before + after), "an event was published twice or lost"
    finally:
        for stop in stops:
            stop.set()
        reader.close()
        publisher.close()


def withdrawn_event(entry_id: str, reason: str = "lease") -> dict:
    data = {"entry_id": entry_id, "competition_id": "c-1", "reason": reason, "withdrawn_at": "2026-01-01T00:00:00Z"}
    return new_event(types.ENTRY_WITHDRAWN, entry_id, data, "kipp/test")
