"""Bench: a burst of kipp.entry.submitted events, and how long until every receipt is in the sink.

    .venv/bin/python bench/notify_burst.py [--events 10000] [--workers 1] [--threads 4]

Uses a fresh namespace, a fresh SMTP sink process (deploy/local/smtp_sink.py) with its own
maildir, and real notify worker processes. Prints the time from the first event produced
to the last receipt stored, the rate, and the number of duplicate Message-IDs (must be 0).
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pymongo import MongoClient

from _harness import ROOT
from shared.events import types
from shared.events.envelope import new_event, utc_now_iso
from shared.kafka.producer import EventPublisher, make_producer
from tests import factories
from tests.integration.notify.support import published
from tests.support.mail import Sink
from tests.support.stack import from_env
from tests.support.topics import drop_namespace, new_namespace

STACK = from_env()
SECTIONS = ("ringkasan", "latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas",
            "sumber_daya", "keberlanjutan")


def submitted(n: int, run: str) -> dict:
    """One entry as intake publishes it; every entry has its own contact person."""
    entry_id = f"{run}-{n:05d}"
    data = {"entry_id": entry_id, "competition_id": "kipp-bench", "revision": 1, "title": f"Inovasi {n}",
            "group": "umum", "category": "kesehatan", "province_code": "73", "implemented_since": "2021-01-15",
            "agency": {"name": f"Dinas {n}", "cluster": "kota", "region_code": "73.71"}, "sdgs": [3],
            "sections": {k: "Uraian singkat." for k in SECTIONS}, "attachments": [],
            "contact": {"name": f"Kontak {n}", "email": f"kontak-{n}@{run}.example.id"},
            "submitted_at": utc_now_iso()}
    return new_event(types.ENTRY_SUBMITTED, entry_id, data, "kipp/intake")


def options():
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--events", type=int, default=10000)
    args.add_argument("--workers", type=int, default=1)
    args.add_argument("--threads", type=int, default=4)
    args.add_argument("--timeout", type=float, default=900)
    return args.parse_args()


def start_workers(run: str, work: Path, smtp_port: int, opts) -> list[subprocess.Popen]:
    """The notify workers, on a namespace of their own, sending to the bench's sink."""
    env = {**os.environ, "KIPP_NAMESPACE": run, "KAFKA_BOOTSTRAP_SERVERS": STACK.kafka, "MONGO_URI": STACK.mongo_uri,
           "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port), "NOTIFY_SEND_THREADS": str(opts.threads)}
    return [subprocess.Popen([sys.executable, "-m", "services.notify.entrypoints.worker"], cwd=ROOT, env=env,
                             stdout=open(work / f"worker-{i}.log", "wb"), stderr=subprocess.STDOUT)
            for i in range(opts.workers)]


def stop_workers(workers: list[subprocess.Popen]) -> None:
    for process in workers:
        process.send_signal(signal.SIGTERM)
    for process in workers:
        process.wait(60)


def main() -> int:
    opts = options()
    run = new_namespace(STACK.kafka, "b")
    work = Path(tempfile.mkdtemp(prefix="notify-burst-"))
    sink = Sink(work)
    workers = start_workers(run, work, sink.port, opts)
    try:
        return measure(opts, run, sink)
    finally:
        stop_workers(workers)
        sink.close()
        with MongoClient(STACK.mongo_uri) as mongo:
            drop_namespace(STACK, mongo, run)
        print(f"logs and maildir kept in {work}")


def produce(opts, run: str) -> tuple[float, float]:
    """Publish the competition, then the burst; returns (start time, seconds the burst took).
    Notify holds an entry's mail until it knows the entry's competition, so the competition comes first."""
    events = [submitted(n, run) for n in range(opts.events)]
    publisher = EventPublisher(make_producer(STACK.kafka, linger_ms=20, batch_size=262144), run)
    publisher.publish_all([published(factories.competition("kipp-bench"))], timeout=60)
    started = time.monotonic()
    publisher.publish_all(events, timeout=120)
    publisher.close()
    return started, time.monotonic() - started


def measure(opts, run: str, sink: Sink) -> int:
    started, produced = produce(opts, run)
    first, count = None, 0
    while count < opts.events and time.monotonic() - started < opts.timeout:
        count = sum(1 for _ in sink.mail_dir.glob("*.eml"))
        first = first or (time.monotonic() - started if count else None)
        time.sleep(0.25)
    elapsed = time.monotonic() - started
    store = MongoClient(STACK.mongo_uri)[f"{run}_notify"]
    deadline = time.monotonic() + 60  # let in-flight work finish before counting duplicates
    while store.deliveries.count_documents({"status": "queued"}) and time.monotonic() < deadline:
        time.sleep(0.5)
    ids = sink.message_id_counts()
    duplicates = sum(n - 1 for n in ids.values())
    print(f"events produced        {opts.events} in {produced:.1f} s")
    print(f"notify workers         {opts.workers} x {opts.threads} SMTP threads")
    print(f"first receipt stored   {first or 0:.1f} s after the first event")
    print(f"all receipts stored    {elapsed:.1f} s ({count} of {opts.events}; {count / elapsed:.0f} mails/s)")
    print(f"distinct Message-IDs   {len(ids)}")
    print(f"duplicates             {duplicates}")
    print(f"missing                {opts.events - len(ids)}")
    return 0 if duplicates == 0 and len(ids) == opts.events else 1

if __name__ == "__main__":
    sys.exit(main())
