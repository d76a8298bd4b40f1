"""`kipp-reporting rebuild`: replay the topics into a fresh read model and swap it in.

The replay reads every topic from the beginning up to its end at the start, into a new
database; then the catalog points at it, and a catch-up replay applies what arrived
meanwhile (handlers are idempotent, so what the live worker also applies is harmless).
"""
from __future__ import annotations

import argparse
import sys
import time

from kafka import KafkaConsumer, TopicPartition

from shared.events.contracts import validate
from shared.events.envelope import InvalidEvent, decode
from services.reporting import config, handlers
from services.reporting.bootstrap import bootstrap


def replay(consumer: KafkaConsumer, partitions: list, store, until: dict, progress) -> int:
    """Apply every record before `until` (partition → end offset); returns how many were read."""
    read = 0
    while any(consumer.position(tp) < end for tp, end in until.items()):
        for records in consumer.poll(timeout_ms=500, max_records=2000).values():
            for record in records:
                if record.offset >= until.get(TopicPartition(record.topic, record.partition), 0):
                    continue
                read += 1
                try:
                    handlers.on_event(store, validate(decode(record.value)))
                except InvalidEvent:
                    pass  # the live worker dead-lettered it; a replay skips it the same way
                if read % 5000 == 0:
                    progress(read)
    return read


def rebuild(settings, out=sys.stdout) -> str:
    """Rebuild the read model from the topics; returns the name of the new database."""
    deps = bootstrap(settings)
    target = deps.catalog.fresh("rebuild_" + time.strftime("%Y%m%d%H%M%S"))
    target.db.entries.create_index("competition_id")
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers.split(","), enable_auto_commit=False)
    partitions = [TopicPartition(settings.topic(name), p) for name in config.CONSUMED
                  for p in sorted(consumer.partitions_for_topic(settings.topic(name)) or ())]
    consumer.assign(partitions)
    consumer.seek_to_beginning(*partitions)
    started = time.monotonic()
    ends = consumer.end_offsets(partitions)
    print(f"rebuild: replaying {sum(ends.values())} records of {len(partitions)} partitions into {target.name}", file=out)
    read = replay(consumer, partitions, target, ends, lambda n: print(f"rebuild: {n} records", file=out))
    previous = deps.catalog.swap(target)
    read += replay(consumer, partitions, target, consumer.end_offsets(partitions), lambda n: None)
    consumer.close()
    print(f"rebuild: {read} records in {time.monotonic() - started:.1f} s; live read model is now {target.name} "
          f"(was {previous})", file=out)
    return target.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kipp-reporting", description="reporting operator commands")
    parser.add_argument("command", choices=["rebuild"], help="rebuild: replay the topics into a fresh read model")
    parser.parse_args(argv)
    rebuild(config.load())
    return 0


if __name__ == "__main__":
    sys.exit(main())
