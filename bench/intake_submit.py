"""intake bench (DESIGN §9): durable create+submit throughput against the raw insert rate of the same store.

Starts intake (gunicorn web, and with --with-worker its outbox relay) in a fresh namespace on
the real store, or targets a running one with --url (then --keys-dir must hold the key pair
that service trusts). `--clients` threads each create a draft and submit it, entries from all
kabupaten/kota, ~5 per agency. Then the same number of threads insert documents of the same
size with plain pymongo insert_one into the same store. Prints accepted/s, p50/p99 latency,
the raw insert rate and the ratio, and checks that every accepted entry is stored as submitted.

    .venv/bin/python bench/intake_submit.py [--submissions 2000] [--clients 16] [--web-workers 2]
        [--web-threads 8] [--with-worker] [--idempotency] [--url URL --keys-dir DIR --namespace NS]
"""
from __future__ import annotations

import argparse
import collections
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
from pymongo import MongoClient

from _harness import kabupaten_kota, percentile
from shared.auth import tokens  # noqa: E402
from shared.config import Settings  # noqa: E402
from shared.kafka.admin import ensure_topics  # noqa: E402
from services.intake.bootstrap import bootstrap  # noqa: E402
from tests import factories  # noqa: E402
from tests.support.procs import Service, free_port, service_env, start_web, wait_ready  # noqa: E402
from tests.support.stack import from_env  # noqa: E402


def run_clients(clients: int, total: int, work) -> float:
    """Call work(n) for n in range(total) from `clients` threads; the wall time."""
    counter, lock = iter(range(total)), threading.Lock()

    def loop():
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            work(n)
    threads = [threading.Thread(target=loop) for _ in range(clients)]
    started = time.perf_counter()
    [t.start() for t in threads]
    [t.join() for t in threads]
    return time.perf_counter() - started


def submissions(url: str, private: bytes, args) -> tuple[float, list[float], collections.Counter, str]:
    """Create and submit `args.submissions` entries; wall time, latencies of accepted ones, statuses, competition."""
    definition = factories.competition()
    admin = {"Authorization": "Bearer " + tokens.issue(private, "admin", "bench-admin")}
    assert requests.put(f"{url}/api/v1/competitions/{definition['id']}", json=definition, headers=admin,
                        timeout=30).status_code == 200
    towns, sessions = kabupaten_kota(), threading.local()
    headers = {code: {"Authorization": "Bearer " + tokens.issue(private, "region", f"bench-{code}", code)}
               for code, _ in towns}
    agencies = max(len(towns), args.submissions // 5)
    latencies, statuses = [], collections.Counter()

    def one(n: int) -> None:
        session = getattr(sessions, "s", None) or setattr(sessions, "s", requests.Session()) or sessions.s
        code, cluster = towns[n % len(towns)]
        agency = {"name": f"Dinas Inovasi {n % agencies}", "cluster": cluster, "region_code": code}
        extra = {"Idempotency-Key": uuid.uuid4().hex} if args.idempotency else {}
        started = time.perf_counter()
        created = session.post(f"{url}/api/v1/competitions/{definition['id']}/entries", headers={**headers[code], **extra},
                               json=factories.entry(code, cluster, agency=agency), timeout=120)
        if created.status_code != 201:
            statuses[f"create {created.status_code}"] += 1
            return
        submitted = session.post(f"{url}/api/v1/entries/{created.json()['id']}/submit", headers=headers[code], timeout=120)
        statuses[f"submit {submitted.status_code}"] += 1
        if submitted.status_code == 200:
            latencies.append(time.perf_counter() - started)
    return run_clients(args.clients, args.submissions, one), latencies, statuses, definition["id"]


def raw_inserts(mongo_uri: str, clients: int, total: int) -> float:
    """Plain insert_one of entry-sized documents from `clients` threads: inserts per second."""
    client = MongoClient(mongo_uri, maxPoolSize=clients + 4)
    collection = client[f"bench_raw_{uuid.uuid4().hex[:6]}"]["entries"]
    body = {**factories.entry(), "status": "submitted", "revision": 1}
    seconds = run_clients(clients, total, lambda n: collection.insert_one({**body, "_id": str(uuid.uuid4())}))
    client.drop_database(collection.database.name)
    return total / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--web-threads", type=int, default=8)
    parser.add_argument("--with-worker", action="store_true", help="also run the outbox relay during the run")
    parser.add_argument("--idempotency", action="store_true", help="send an Idempotency-Key with each create")
    parser.add_argument("--url", help="a running intake to target instead of starting one")
    parser.add_argument("--keys-dir", help="with --url: the folder with jwt-private.pem that intake trusts")
    parser.add_argument("--namespace", help="with --url: the namespace that intake runs in")
    args = parser.parse_args()
    stack = from_env()
    namespace = args.namespace or f"bench{uuid.uuid4().hex[:6]}"
    keys = Path(args.keys_dir or tempfile.mkdtemp(prefix=namespace + "-"))
    if not args.keys_dir:
        tokens.generate_keys(str(keys / "jwt-private.pem"), str(keys / "jwt-public.pem"))
    settings = Settings(service="intake", namespace=namespace, mongo_uri=stack.mongo_uri,
                        jwt_public_key_file=str(keys / "jwt-public.pem"))
    bootstrap(settings).ensure_indexes()
    processes = []
    try:
        url = args.url or start(stack, namespace, keys, args, processes)
        seconds, latencies, statuses, cid = submissions(url, (keys / "jwt-private.pem").read_bytes(), args)
    finally:
        for process in processes:
            process.stop()
    report(stack, namespace, cid, args, seconds, latencies, statuses)


def start(stack, namespace: str, keys: Path, args, processes: list) -> str:
    """intake's gunicorn (and its worker with --with-worker) for this namespace; its URL."""
    ensure_topics(stack.kafka, namespace)
    extra = dict(WEB_CONCURRENCY=args.web_workers, WEB_THREADS=args.web_threads)
    if args.with_worker:
        service = Service("intake", stack, namespace, keys, keys, **extra)
        processes.extend([service.web, service.worker])
        return service.url
    port = free_port()
    web = start_web("intake", service_env(stack, namespace, keys, port, **extra), keys)
    processes.append(web)
    wait_ready(f"http://127.0.0.1:{port}", web)
    return f"http://127.0.0.1:{port}"


def report(stack, namespace: str, cid: str, args, seconds: float, latencies: list[float], statuses) -> None:
    accepted = len(latencies)
    stored = MongoClient(stack.mongo_uri)[f"{namespace}_intake"].entries.count_documents(
        {"competition_id": cid, "status": "submitted"})
    raw = raw_inserts(stack.mongo_uri, args.clients, args.submissions)
    rate = accepted / seconds
    print(f"intake create+submit: {accepted} accepted of {args.submissions} in {seconds:.1f} s from {args.clients} "
          f"clients -> {rate:.0f} accepted/s; statuses {dict(statuses)}")
    print(f"latency create+submit: p50 {percentile(latencies, .5) * 1000:.0f} ms, "
          f"p99 {percentile(latencies, .99) * 1000:.0f} ms")
    print(f"raw pymongo insert_one, same store, {args.clients} threads: {raw:.0f} inserts/s")
    print(f"ratio accepted/raw: {rate / raw:.2f} (target >= 0.5); stored as submitted: {stored} "
          f"({'none lost' if stored == accepted else 'MISMATCH'})")


if __name__ == "__main__":
    main()
