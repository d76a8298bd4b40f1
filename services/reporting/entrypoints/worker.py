"""reporting's worker: keeps the read model current from every <ns>.* topic."""
from __future__ import annotations

import threading

from shared.events.dispatch import dispatcher
from shared.kafka.consumer import ConsumerLoop, DeadLetters, make_consumer
from shared.kafka.producer import make_producer
from shared.kafka.status import ConsumerStatus
from shared.worker import configure_logging, install_stop_signals, run_all
from services.reporting import config
from services.reporting.adapters.batch import Batch
from services.reporting.bootstrap import CONSUMED, bootstrap
from services.reporting.handlers import EVENTS


class BatchLoop(ConsumerLoop):
    """The shared consumer loop, writing each poll's records as one batch before committing them.

    Records are decoded, validated, dead-lettered and held for retry exactly as in ConsumerLoop;
    their changes are merged in memory, written by `batch.flush()` once per poll (each
    touched entry written once), and only then are the partitions' offsets committed (a
    rebalance that refuses the commit brings the records again; they merge to no change).
    """

    def __init__(self, consumer, batch: Batch, dead_letters: DeadLetters, db=None, **options):
        self.batch, self.db = batch, db  # what the handlers of EVENTS are given: the batch, reporting's database
        super().__init__(consumer, dispatcher(EVENTS, self), dead_letters, **options)

    def run_once(self, timeout_ms: int = 1000) -> None:
        done = {}
        for partition, records in self.poll(timeout_ms).items():
            for record in records:
                if not self._process(record):
                    break
                done[partition] = record
            if self.stop.is_set():
                break
        if done and self.retrying(self.batch.flush, "writing a batch"):
            self.commit(done)


def main() -> None:
    configure_logging()
    settings = config.load()
    deps = bootstrap(settings)
    producer = make_producer(settings.kafka_bootstrap_servers)
    consumer = make_consumer(settings.kafka_bootstrap_servers, settings.consumer_group,
                             [settings.topic(name) for name in CONSUMED], max_poll_records=2000)
    loop = BatchLoop(consumer, Batch(deps.store), DeadLetters(producer, settings.consumer_group), deps.db,
                     status=ConsumerStatus(deps.db))
    stop = threading.Event()
    install_stop_signals(stop)
    try:
        run_all([loop.run], stop)
    finally:  # each within seconds, even with the broker away (as shared.worker.serve)
        consumer.close(timeout_ms=5000)
        producer.close(timeout=5.0)


if __name__ == "__main__":
    main()
