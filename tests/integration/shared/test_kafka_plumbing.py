"""The shared Kafka plumbing against the real broker and store."""
from __future__ import annotations

import os
import signal
import sys
import threading

from kafka import KafkaAdminClient, KafkaProducer

from shared.events import types
from shared.events.envelope import encode, new_event
from shared.kafka.admin import ensure_topics
from shared.kafka.consumer import ConsumerLoop, DeadLetters, make_consumer
from shared.kafka.producer import EventPublisher, make_producer
from tests.factories import uid
from tests.support.cloudevents_sdk import sdk_event
from tests.support.poll import eventually
from tests.support.procs import Process
from tests.support.topics import TopicReader


def withdrawn(entry_id: str) -> dict:
    data = {"entry_id": entry_id, "competition_id": "c-1", "reason": "uji", "withdrawn_at": "2026-01-01T00:00:00Z"}
    return new_event(types.ENTRY_WITHDRAWN, entry_id, data, "kipp/test", request_id="rid-" + entry_id)


def test_event_round_trips_through_kafka_and_the_cloudevents_sdk(stack, namespace):
    publisher = EventPublisher(make_producer(stack.kafka), namespace)
    event = withdrawn(uid("e-"))
    publisher.publish_all([event])
    reader = TopicReader(stack.kafka, f"{namespace}.entries")
    record = eventually(lambda: [r for r in reader.poll() if r.key == event["subject"].encode()], what="the record")[0]
    parsed = sdk_event(record)
    assert (parsed.get_id(), parsed.get_type(), parsed.get_subject()) == (event["id"], event["type"], event["subject"])
    assert parsed.get_data() == event["data"]
    assert parsed.get_extension("kipprequestid") == event["kipprequestid"]
    assert dict(record.headers)["content-type"] == b"application/cloudevents+json"
    reader.close()
    publisher.close()


def test_garbage_goes_to_the_dlq_and_the_consumer_carries_on(stack, mongo):
    # topics of its own: the session's carry other tests' records (replays among them) ahead of these
    namespace = uid("dlq")
    ensure_topics(stack.kafka, namespace)
    topic, group = f"{namespace}.notifications", f"{namespace}.dlq-test"
    db = mongo[f"{namespace}_dlqtest"]
    raw = KafkaProducer(bootstrap_servers=stack.kafka)
    raw.send(topic, key=b"bad-1", value=b"\x00not json")
    raw.send(topic, key=b"bad-2", value=b'{"specversion":"1.0","id":"x","source":"s","type":"kipp.notification.sent","data":{}}')
    good = new_event(types.NOTIFICATION_SENT, "e-1", {"delivery_id": "d", "event_id": "x", "template": "receipt",
                                                     "recipients": ["a@b.id"], "message_id": "<m>", "error": None}, "t")
    raw.send(topic, key=b"e-1", value=encode(good))
    raw.flush()
    stop = threading.Event()
    handled = lambda e: db.seen.update_one({"_id": e["id"]}, {"$inc": {"times": 1}}, upsert=True)  # noqa: E731
    loop = ConsumerLoop(make_consumer(stack.kafka, group, [topic]), handled,
                        DeadLetters(make_producer(stack.kafka), group), stop)
    thread = threading.Thread(target=loop.run, daemon=True)
    thread.start()
    try:
        eventually(lambda: db.seen.find_one({"_id": good["id"]}), what="the good event handled after the garbage")
        assert [d["_id"] for d in db.seen.find()] == [good["id"]], "only the good record reaches the handler"
        dlq = TopicReader(stack.kafka, topic + ".dlq")
        def dead_records():
            found = [r for r in dlq.poll() if r.key in (b"bad-1", b"bad-2")]
            return found if len(found) == 2 else None
        dead = eventually(dead_records, what="both bad records on the DLQ")
        headers = dict(dead[0].headers)
        assert headers["error"].startswith(b"not UTF-8 JSON")
        assert headers["original-topic"] == topic.encode() and headers["consumer-group"] == group.encode()
        assert b"message_id" in dict(dead[1].headers)["error"]
        dlq.close()
    finally:
        stop.set()
        thread.join(10)


def committed_total(stack, group: str) -> int:
    admin = KafkaAdminClient(bootstrap_servers=stack.kafka)
    try:
        return sum(meta.offset for meta in admin.list_group_offsets(group).get(group, {}).values())
    finally:
        admin.close()


def test_worker_killed_mid_batch_redelivers_and_applies_once(stack, mongo, tmp_path):
    namespace = uid("tally")  # a topic of its own: the session's topics carry other tests' records
    ensure_topics(stack.kafka, namespace)
    db = mongo[f"{namespace}_tally"]
    events = [withdrawn(uid("k-")) for _ in range(100)]
    EventPublisher(make_producer(stack.kafka), namespace).publish_all(events)
    argv = [sys.executable, "-m", "tests.support.tally_worker", namespace, stack.kafka, stack.mongo_uri]
    first = Process("tally-1", argv, dict(os.environ), tmp_path)
    eventually(lambda: db.effects.count_documents({}) >= 30, timeout=120, what="the first worker to get going")
    first.stop(signal.SIGKILL)
    applied_before_kill = db.effects.count_documents({})
    assert applied_before_kill > committed_total(stack, f"{namespace}.tally"), "the kill did not land mid-batch"
    second = Process("tally-2", argv, dict(os.environ), tmp_path)
    try:
        eventually(lambda: db.effects.count_documents({}) >= 100 and committed_total(stack, f"{namespace}.tally") == 100,
                   timeout=180, what="every event applied and committed")
        applied = [doc["event_id"] for doc in db.effects.find({}, {"event_id": 1})]
        assert sorted(applied) == sorted(e["id"] for e in events), "an event was lost or applied under another id"
        redelivered = db.skips.count_documents({}) + db.reapplied.count_documents({})
        assert redelivered >= 1, "the records processed but not committed were not redelivered"
        # The kill leaves at most one record between applying and marking.
        assert db.reapplied.count_documents({}) <= 1
    finally:
        second.stop()
