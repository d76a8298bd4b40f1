"""Only poison goes to the DLQ; any other failure holds its record, is counted, and is tried again
with backoff, without holding up the other partitions (fakes for the broker and the store)."""
from __future__ import annotations

import threading
import time

import pytest
from kafka import TopicPartition
from kafka.errors import KafkaTimeoutError
from pymongo.errors import ServerSelectionTimeoutError

from services.reporting.entrypoints.worker import BatchLoop
from shared.kafka.consumer import ConsumerLoop
from shared.kafka.retries import Retries
from tests.support.poll import eventually
from tests.unit.shared.kafka_fakes import (TOPIC, Clock, FakeConsumer, FakeDeadLetters, FakeStatus, poison,
                                           withdrawn)

P0, P1 = TopicPartition(TOPIC, 0), TopicPartition(TOPIC, 1)


def loop_over(consumer, handle, clock=None):
    dead, status = FakeDeadLetters(), FakeStatus()
    loop = ConsumerLoop(consumer, handle, dead, status=status)
    if clock is not None:
        loop.retries = Retries(0.2, 5.0, clock=clock)
    return loop, dead, status


class FailingFor:
    """A handler that raises `error` for entry `subject` until `times` attempts have failed."""

    def __init__(self, subject: str, times: int, error: Exception):
        self.subject, self.left, self.error = subject, times, error
        self.handled: list[str] = []
        self.attempts = 0

    def __call__(self, event):
        if event["subject"] == self.subject:
            self.attempts += 1
            if self.left:
                self.left -= 1
                raise self.error
        self.handled.append(event["subject"])


def test_poison_goes_to_the_dlq_and_the_partition_moves_on():
    consumer = FakeConsumer(poison(0), withdrawn(1))
    handled = []
    loop, dead, status = loop_over(consumer, lambda event: handled.append(event["subject"]))
    loop.run_once()
    assert [record.offset for record, _error in dead.sent] == [0]
    assert handled == ["e-1"] and consumer.committed == {P0: 2}
    assert status.calls == [("dead_lettered", TOPIC)]


def test_a_handler_bug_is_not_dead_lettered_holds_its_offset_and_is_counted():
    consumer = FakeConsumer(withdrawn(0), withdrawn(1), withdrawn(2))
    handler = FailingFor("e-1", times=99, error=KeyError("bug"))
    loop, dead, status = loop_over(consumer, handler, Clock())
    loop.run_once()
    assert dead.sent == []
    assert handler.handled == ["e-0"], "a record after the failing one was handled out of order"
    assert consumer.committed == {P0: 1}, "the offset was committed past the failing record"
    assert P0 in consumer.paused and consumer.positions[P0] == 1
    assert status.calls == [("failing", 0, 1, 1, "KeyError")]


def test_a_failing_record_is_tried_again_after_its_backoff_and_handled_once():
    clock = Clock()
    consumer = FakeConsumer(withdrawn(0), withdrawn(1))
    handler = FailingFor("e-0", times=2, error=ServerSelectionTimeoutError("store down"))
    loop, dead, status = loop_over(consumer, handler, clock)
    loop.run_once()
    loop.run_once()  # before the backoff is over: nothing is tried
    assert handler.attempts == 1
    assert consumer.poll_timeouts[-1] <= 200, "the poll outlasted the retry that was due"
    clock.now += 0.2
    loop.run_once()  # second attempt fails: the wait doubles
    clock.now += 0.3
    loop.run_once()
    assert handler.attempts == 2
    clock.now += 0.1
    loop.run_once()  # third attempt succeeds
    assert handler.handled == ["e-0", "e-1"] and consumer.committed == {P0: 2} and dead.sent == []
    assert [call[0] for call in status.calls] == ["failing", "failing", "recovered"]
    assert status.calls[1][3] == 2, "the second failure was not counted as the record's second attempt"


def test_a_held_partition_does_not_hold_up_the_others():
    consumer = FakeConsumer(withdrawn(0, partition=0, offset=0), withdrawn(1, partition=1, offset=0),
                            withdrawn(2, partition=1, offset=1))
    handler = FailingFor("e-0", times=99, error=RuntimeError("bug"))
    loop, _dead, _status = loop_over(consumer, handler, Clock())
    loop.run_once()
    assert handler.handled == ["e-1", "e-2"] and consumer.committed == {P1: 2}


def test_a_dead_letter_the_broker_refuses_keeps_the_poison_where_it_is():
    consumer = FakeConsumer(poison(0), withdrawn(1))
    loop, _dead, status = loop_over(consumer, lambda event: None, Clock())

    def broker_down(record, error):
        raise TimeoutError("the broker did not answer")
    loop.dead_letters.send = broker_down
    loop.run_once()
    assert consumer.committed == {} and P0 in consumer.paused
    assert status.calls == [("failing", 0, 0, 1, "TimeoutError")]


def test_retries_back_off_instead_of_spinning_and_stop_ends_them():
    consumer = FakeConsumer(withdrawn(0))
    handler = FailingFor("e-0", times=10**9, error=RuntimeError("bug"))
    loop, _dead, _status = loop_over(consumer, handler)
    stop = threading.Event()
    thread = threading.Thread(target=loop.run, args=(stop,), daemon=True)
    started = time.monotonic()
    thread.start()
    eventually(lambda: handler.attempts >= 3, timeout=5, what="three attempts")
    assert time.monotonic() - started >= 0.6, "three attempts came sooner than the backoff allows (0.2 + 0.4 s)"
    stop.set()
    stopping = time.monotonic()
    thread.join(3)
    assert not thread.is_alive() and time.monotonic() - stopping < 1.5


def test_backoff_doubles_to_its_cap_and_a_new_record_starts_afresh():
    clock = Clock()
    retries = Retries(0.2, 1.0, clock=clock)
    waits = [retries.failed(P0, 7).due - clock.now for _ in range(5)]
    assert waits == pytest.approx([0.2, 0.4, 0.8, 1.0, 1.0])
    assert retries.failed(P0, 8).attempts == 1
    assert retries.take_due() == [] and retries.seconds_to_next() == pytest.approx(0.2)
    clock.now += 0.2
    assert retries.take_due() == [P0] and retries.take_due() == [] and retries.seconds_to_next() is None
    assert retries.succeeded(P0) and not retries.succeeded(P0)


def test_reporting_s_batch_loop_holds_a_failing_record_and_tries_it_again():
    clock, flushes = Clock(), []
    consumer = FakeConsumer(withdrawn(0), withdrawn(1))
    handler = FailingFor("e-1", times=1, error=RuntimeError("bug"))
    loop = BatchLoop(consumer, type("Batch", (), {"flush": lambda self: flushes.append(1)})(), FakeDeadLetters())
    loop.handle, loop.retries = handler, Retries(0.2, 5.0, clock=clock)
    loop.run_once()
    assert handler.handled == ["e-0"] and consumer.committed == {P0: 1} and P0 in consumer.paused
    clock.now += 0.2
    loop.run_once()
    assert handler.handled == ["e-0", "e-1"] and consumer.committed == {P0: 2} and len(flushes) == 2


def test_a_refused_commit_does_not_skip_the_other_partitions_of_the_poll():
    consumer = FakeConsumer(withdrawn(0, partition=0, offset=0), withdrawn(1, partition=1, offset=0))
    handled = []
    loop, _dead, _status = loop_over(consumer, lambda event: handled.append(event["subject"]))

    def broker_gone(offsets, timeout_ms=None):
        raise KafkaTimeoutError("the coordinator did not answer")
    consumer.commit = broker_gone
    loop.run_once()
    assert handled == ["e-0", "e-1"]
