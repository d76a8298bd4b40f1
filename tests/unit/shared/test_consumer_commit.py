"""A commit refused after a rebalance is not an error: the records come again (fakes for the broker)."""
from __future__ import annotations

from kafka.errors import CommitFailedError

from services.reporting.entrypoints.worker import BatchLoop
from shared.kafka.consumer import ConsumerLoop
from tests.unit.shared.kafka_fakes import FakeConsumer, withdrawn


class RebalancedConsumer(FakeConsumer):
    """Hands out its records, then refuses every commit as a group that rebalanced meanwhile."""

    def __init__(self, records):
        super().__init__(*records)
        self.commits = 0

    def commit(self, offsets, timeout_ms=None):
        self.commits += 1
        raise CommitFailedError("the group rebalanced")


class NoDeadLetters:
    def send(self, record, error):
        raise AssertionError(f"nothing here is a dead letter: {error}")


class CountingBatch:
    def __init__(self):
        self.flushes = 0

    def flush(self):
        self.flushes += 1


def test_the_shared_loop_carries_on_after_a_refused_commit():
    handled = []
    consumer = RebalancedConsumer([withdrawn(n) for n in range(3)])
    loop = ConsumerLoop(consumer, lambda event: handled.append(event["subject"]), NoDeadLetters())
    loop.run_once()
    assert handled == ["e-0", "e-1", "e-2"] and consumer.commits == 1
    loop.run_once()  # the loop is still usable


def test_reporting_s_batch_loop_writes_its_batch_and_carries_on_after_a_refused_commit():
    consumer, batch = RebalancedConsumer([withdrawn(n) for n in range(3)]), CountingBatch()
    loop = BatchLoop(consumer, batch, NoDeadLetters())
    loop.handle = lambda event: None  # the records' effect on the read model is not what this is about
    loop.run_once()
    assert batch.flushes == 1 and consumer.commits == 1
