"""Only poison goes to the DLQ, on the real broker and store: a record whose handler fails is tried again
until it succeeds, handled once, never dead-lettered, and shown meanwhile; other partitions go on."""
from __future__ import annotations

import threading

from kafka import KafkaProducer

from shared.events.envelope import encode
from shared.kafka.consumer import ConsumerLoop, DeadLetters, make_consumer
from shared.kafka.producer import make_producer
from shared.kafka.status import ConsumerStatus, summary
from tests.factories import uid
from tests.integration.shared.test_kafka_plumbing import committed_total, withdrawn
from tests.support.poll import eventually
from tests.support.topics import TopicReader, new_namespace


class Flaky:
    """Records each event handled in the store; raises for the events in `failures` while any are left."""

    def __init__(self, db, failures: dict):
        self.db, self.failures, self.attempts = db, failures, {}

    def __call__(self, event):
        self.attempts[event["id"]] = self.attempts.get(event["id"], 0) + 1
        if self.failures.get(event["id"], 0) > 0:
            self.failures[event["id"]] -= 1
            raise RuntimeError("handler bug, or the store refusing")
        self.db.seen.insert_one({"_id": event["id"]})


def running(loop: ConsumerLoop):
    stop = threading.Event()
    thread = threading.Thread(target=loop.run, args=(stop,), daemon=True)
    thread.start()
    return stop, thread


def test_poison_is_dead_lettered_and_a_failing_record_is_retried_handled_once_and_kept_out_of_the_dlq(stack, mongo):
    namespace = new_namespace(stack.kafka, "retry")  # topics of its own: committed offsets are counted below
    topic, group = f"{namespace}.entries", f"{namespace}.retry-test"
    db = mongo[f"{namespace}_retry"]
    flaky, after = withdrawn(uid("e-")), withdrawn(uid("e-"))
    raw = KafkaProducer(bootstrap_servers=stack.kafka)
    for value in (b"\x00not json", encode(flaky), encode(after)):
        raw.send(topic, key=b"same-subject", value=value, partition=0)
    raw.flush()
    handler = Flaky(db, {flaky["id"]: 2})
    loop = ConsumerLoop(make_consumer(stack.kafka, group, [topic]), handler,
                        DeadLetters(make_producer(stack.kafka), group), status=ConsumerStatus(db))
    stop, thread = running(loop)
    try:
        eventually(lambda: db.seen.find_one({"_id": after["id"]}), timeout=30, what="the record after the flaky one")
        eventually(lambda: committed_total(stack, group) == 3, what="every offset committed")
        assert handler.attempts[flaky["id"]] == 3 and db.seen.count_documents({"_id": flaky["id"]}) == 1
        dlq = TopicReader(stack.kafka, topic + ".dlq")
        dead = eventually(dlq.poll, what="the poison on the DLQ")
        assert [record.value for record in dead] == [b"\x00not json"], "only the poison belongs on the DLQ"
        dlq.close()
        status = db.consumer_status.find_one({"_id": topic})
        assert status["failures"] == 2 and status["dead_letters"] == 1 and status["failing"]["0"] is None
    finally:
        stop.set()
        thread.join(10)


def test_a_failing_record_holds_only_its_partition_and_shows_until_it_succeeds(stack, mongo):
    namespace = new_namespace(stack.kafka, "hold")
    topic, group = f"{namespace}.entries", f"{namespace}.hold-test"
    db = mongo[f"{namespace}_hold"]
    stuck, elsewhere = withdrawn(uid("e-")), withdrawn(uid("e-"))
    raw = KafkaProducer(bootstrap_servers=stack.kafka)
    raw.send(topic, key=b"a", value=encode(stuck), partition=0)
    raw.send(topic, key=b"b", value=encode(elsewhere), partition=1)
    raw.flush()
    handler = Flaky(db, {stuck["id"]: 10**6})
    status = ConsumerStatus(db)
    loop = ConsumerLoop(make_consumer(stack.kafka, group, [topic]), handler,
                        DeadLetters(make_producer(stack.kafka), group), status=status)
    stop, thread = running(loop)
    try:
        eventually(lambda: db.seen.find_one({"_id": elsewhere["id"]}), timeout=30,
                   what="the other partition's record, while the first is failing")
        shown = eventually(lambda: (lambda s: s if s["failing_events"] == 1 else None)(summary(status.topics())),
                           what="the failing record in the consumer status")
        assert shown["last_error"]["event_id"] == stuck["id"] and shown["last_error"]["partition"] == 0
        assert "RuntimeError" in shown["last_error"]["error"]
        handler.failures[stuck["id"]] = 0  # the fix is deployed
        eventually(lambda: db.seen.find_one({"_id": stuck["id"]}), timeout=15, what="the held record, once mended")
        eventually(lambda: summary(status.topics())["failing_events"] == 0, what="the failure to clear")
        eventually(lambda: committed_total(stack, group) == 2, what="both offsets committed")
    finally:
        stop.set()
        thread.join(10)
