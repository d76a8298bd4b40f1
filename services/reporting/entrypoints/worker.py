"""reporting's worker: keeps the read model current from every <ns>.* topic."""
from __future__ import annotations

from shared.events.dispatch import dispatcher
from shared.kafka.consumer import ConsumerLoop, DeadLetters
from shared.worker import configure_logging, serve
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
    serve(settings, deps, CONSUMED, EVENTS, [], max_poll_records=2000,
          consuming=lambda consumer, dead_letters, status: BatchLoop(consumer, Batch(deps.store), dead_letters,
                                                                     deps.db, status=status))


if __name__ == "__main__":
    main()
