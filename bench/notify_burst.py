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
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kafka.admin import KafkaAdminClient  # noqa: E402
from pymongo import MongoClient  # noqa: E402

from shared.events import types  # noqa: E402
from shared.events.envelope import new_event, utc_now_iso  # noqa: E402
from shared.kafka.admin import ensure_topics  # noqa: E402
from shared.kafka.producer import EventPublisher, make_producer  # noqa: E402

KAFKA = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
MONGO = os.environ.get("MONGO_URI", "mongodb://127.0.0.1:27017/")
SECTIONS = ("ringkasan", "latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas",
            "sumber_daya", "keberlanjutan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def wait_port(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"sink did not listen on {port}")


def message_ids(mail_dir: Path) -> Counter:
    """Message-ID of every stored message (headers only are read)."""
    found: Counter = Counter()
    for path in mail_dir.glob("*.eml"):
        with open(path, "rb") as fh:
            for line in fh:
                if line.lower().startswith(b"message-id:"):
                    found[line.split(b":", 1)[1].strip()] += 1
                    break
                if line in (b"\r\n", b"\n"):
                    break
    return found


def options():
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("--events", type=int, default=10000)
    args.add_argument("--workers", type=int, default=1)
    args.add_argument("--threads", type=int, default=4)
    args.add_argument("--timeout", type=float, default=900)
    return args.parse_args()


def start(run: str, work: Path, opts) -> tuple[subprocess.Popen, list[subprocess.Popen], Path]:
    """A fresh sink and the notify workers, on a namespace of their own."""
    mail_dir, port = work / "mail", free_port()
    ensure_topics(KAFKA, run)
    sink = subprocess.Popen([sys.executable, str(ROOT / "deploy/local/smtp_sink.py"), "--port", str(port),
                             "--maildir", str(mail_dir), "--quiet"], cwd=ROOT)
    wait_port(port)
    env = {**os.environ, "KIPP_NAMESPACE": run, "KAFKA_BOOTSTRAP_SERVERS": KAFKA, "MONGO_URI": MONGO,
           "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port), "NOTIFY_SEND_THREADS": str(opts.threads)}
    workers = [subprocess.Popen([sys.executable, "-m", "services.notify.entrypoints.worker"], cwd=ROOT, env=env,
                                stdout=open(work / f"worker-{i}.log", "wb"), stderr=subprocess.STDOUT)
               for i in range(opts.workers)]
    return sink, workers, mail_dir


def clean_up(run: str, processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        process.wait(60)
    MongoClient(MONGO).drop_database(f"{run}_notify")
    admin = KafkaAdminClient(bootstrap_servers=KAFKA.split(","))
    admin.delete_topics([t for t in admin.list_topics() if t.startswith(run + ".")])
    admin.close()


def main() -> int:
    opts = options()
    run = "b" + uuid.uuid4().hex[:8]
    work = Path(tempfile.mkdtemp(prefix="notify-burst-"))
    sink, workers, mail_dir = start(run, work, opts)
    try:
        return measure(opts, run, mail_dir)
    finally:
        clean_up(run, workers + [sink])
        print(f"logs and maildir kept in {work}")


def produce(opts, run: str) -> tuple[float, float]:
    """Publish the burst; returns (start time, seconds it took)."""
    events = [submitted(n, run) for n in range(opts.events)]
    publisher = EventPublisher(make_producer(KAFKA, linger_ms=20, batch_size=262144), run)
    started = time.monotonic()
    publisher.publish_all(events, timeout=120)
    publisher.close()
    return started, time.monotonic() - started


def measure(opts, run: str, mail_dir: Path) -> int:
    started, produced = produce(opts, run)
    first, count = None, 0
    while count < opts.events and time.monotonic() - started < opts.timeout:
        count = sum(1 for _ in mail_dir.glob("*.eml"))
        first = first or (time.monotonic() - started if count else None)
        time.sleep(0.25)
    elapsed = time.monotonic() - started
    store = MongoClient(MONGO)[f"{run}_notify"]
    deadline = time.monotonic() + 60  # let in-flight work finish before counting duplicates
    while store.pending.estimated_document_count() and time.monotonic() < deadline:
        time.sleep(0.5)
    ids = message_ids(mail_dir)
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
