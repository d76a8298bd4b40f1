"""`kipp-reporting rebuild`: replay the topics into a fresh read model and swap it in.

1. A consumer with no group is assigned every partition of the four topics, seeks to the
   beginning, and reads up to the end offsets taken at the start, into a new database
   `<ns>_reporting_rebuild_<time>`, with the worker's own handlers (so the result is
   the live one: every handler is order-independent and idempotent).
2. The catalog document in `<ns>_reporting` is pointed at the new database; web
   processes and the live worker follow it within a second (they re-read the pointer
   at most every second).
3. After that second, a catch-up replay applies what arrived meanwhile, which covers the
   records the live worker wrote into the old database just before it switched.
The old database is left in place (its name is printed) for an operator to drop.
"""
from __future__ import annotations

import argparse
import sys
import time

from kafka import KafkaConsumer, TopicPartition

from shared.events.contracts import validate
from shared.events.envelope import InvalidEvent, decode
from shared.kafka.consumer import TRANSIENT
from services.reporting import config
from services.reporting.handlers import readmodel
from services.reporting.adapters.batch import Batch
from services.reporting.bootstrap import CONSUMED, bootstrap


def _flush(batch: Batch, attempts: int = 8) -> None:
    for attempt in range(attempts):
        try:
            batch.flush()
            return
        except TRANSIENT:
            if attempt == attempts - 1:
                raise
            time.sleep(min(0.5 * 2 ** attempt, 10))


def replay(consumer: KafkaConsumer, batch: Batch, until: dict, report) -> tuple[int, int]:
    """Apply every record before `until` (partition → end offset); returns (records read, records skipped)."""
    read = skipped = 0
    while any(consumer.position(tp) < end for tp, end in until.items()):
        for partition, records in consumer.poll(timeout_ms=500, max_records=2000).items():
            for record in records:
                if record.offset >= until.get(partition, 0):
                    continue
                read += 1
                try:
                    readmodel.on_event(batch, validate(decode(record.value)))
                except InvalidEvent as exc:  # poison: the live worker dead-lettered it; a replay skips it too
                    skipped += 1
                    print(f"rebuild: skipped {partition.topic}/{partition.partition}@{record.offset}: {exc}",
                          file=sys.stderr)
                # any other failure stops the rebuild, as it holds the live worker's partition: a bug is
                # fixed and the rebuild run again, never papered over by skipping what it could not apply
            _flush(batch)
        report(read)
    return read, skipped


def from_the_beginning(settings) -> tuple[KafkaConsumer, list]:
    """A consumer with no group, assigned every partition of the four topics, at their beginning."""
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers.split(","), group_id=None,
                             enable_auto_commit=False, max_partition_fetch_bytes=4 * 1024 * 1024)
    partitions = [TopicPartition(settings.topic(name), p) for name in CONSUMED
                  for p in sorted(consumer.partitions_for_topic(settings.topic(name)) or ())]
    consumer.assign(partitions)
    consumer.seek_to_beginning(*partitions)
    return consumer, partitions


def rebuild(settings, out=sys.stdout) -> str:
    """Rebuild the read model from the topics; returns the name of the new database."""
    deps = bootstrap(settings)
    target = deps.catalog.fresh("rebuild_" + time.strftime("%Y%m%d%H%M%S"))
    batch = Batch(lambda: target)
    consumer, partitions = from_the_beginning(settings)
    started, last = time.monotonic(), [0.0]
    ends = consumer.end_offsets(partitions)
    beginnings = consumer.beginning_offsets(partitions)
    total = sum(ends[tp] - beginnings[tp] for tp in partitions)

    def report(read: int) -> None:
        if time.monotonic() - last[0] >= 2 or read >= total:
            last[0] = time.monotonic()
            print(f"rebuild: {read}/{total} records ({100 * read / max(total, 1):.0f}%) "
                  f"in {time.monotonic() - started:.1f} s", file=out, flush=True)

    print(f"rebuild: replaying {total} records of {len(partitions)} partitions into {target.name}", file=out, flush=True)
    read, skipped = replay(consumer, batch, ends, report)
    previous = deps.catalog.swap(target)
    print(f"rebuild: the live read model is now {target.name} (was {previous}); catching up", file=out, flush=True)
    time.sleep(deps.catalog.cache_seconds + 1.0)  # every process has followed the pointer by now
    more, more_skipped = replay(consumer, batch, consumer.end_offsets(partitions), lambda n: None)
    consumer.close()
    print(f"rebuild: done — {read + more} records ({skipped + more_skipped} undecodable, skipped) in "
          f"{time.monotonic() - started:.1f} s; live read model is now {target.name}; "
          f"the previous one, {previous}, can be dropped", file=out, flush=True)
    return target.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kipp-reporting", description="reporting operator commands")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("rebuild", help="replay every topic into a fresh read model and swap it in")
    parser.parse_args(argv)
    rebuild(config.load())
    return 0


if __name__ == "__main__":
    sys.exit(main())
