"""intake bench (DESIGN §9): durable submissions per second against the raw insert rate of the same store.

Starts intake (gunicorn web and its worker, the outbox relay, as `make up` runs them) in a fresh
namespace on the real store, or targets a running one with --url (then --keys-dir must hold the
key pair that service trusts, and --namespace its namespace). It publishes a competition and
loads `--existing` entries into it (with their title claims and agency slots, as intake's store
holds them after they were submitted), so the new submissions land in a competition of a real
year's size. `--clients` threads then create `--submissions` drafts (entries from every
kabupaten/kota, ~5 per agency) and submit them; a submission counts once intake answered 200,
which it does only after the entry and its event are written in one update. Then the same number
of threads insert as many documents of an entry's size with plain pymongo insert_one into a
collection of the same store holding as many documents. Prints submissions/s, the raw inserts/s
and their ratio (target >= 0.5), latencies, the create rate, and checks that every accepted entry
is stored as submitted.

    .venv/bin/python bench/intake_submit.py [--submissions 5000] [--existing 20000] [--clients 16]
        [--web-workers 2] [--web-threads 8] [--without-worker] [--idempotency]
        [--url URL --keys-dir DIR --namespace NS]
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
from shared.mongo.indexes import ensure_indexes  # noqa: E402
from services.intake.bootstrap import bootstrap  # noqa: E402
from tests import factories  # noqa: E402
from tests.integration.intake import dataset  # noqa: E402
from tests.integration.store.plans import insert  # noqa: E402
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


class Phase:
    """One timed run of requests: wall time, latencies of the successful ones, statuses."""

    def __init__(self, name: str):
        self.name, self.seconds, self.latencies, self.statuses = name, 0.0, [], collections.Counter()

    def timed(self, call, ok: int):
        started = time.perf_counter()
        response = call()
        self.statuses[f"{self.name} {response.status_code}"] += 1
        if response.status_code == ok:
            self.latencies.append(time.perf_counter() - started)
            return response
        return None

    def rate(self) -> float:
        return len(self.latencies) / self.seconds


def drafts_and_submissions(url: str, private: bytes, cid: str, args) -> tuple[Phase, Phase, list[str]]:
    """Create `args.submissions` drafts, then submit them all; both phases and the accepted ids."""
    towns, sessions = kabupaten_kota(), threading.local()
    headers = {code: {"Authorization": "Bearer " + tokens.issue(private, "region", f"bench-{code}", code)}
               for code, _ in towns}
    agencies = max(len(towns), args.submissions // 5)
    created, submitted, drafts, accepted = Phase("create"), Phase("submit"), [None] * args.submissions, []

    def session() -> requests.Session:
        if not hasattr(sessions, "s"):
            sessions.s = requests.Session()
        return sessions.s

    def create(n: int) -> None:
        code, cluster = towns[n % len(towns)]
        agency = {"name": f"Dinas Layanan {n % agencies}", "cluster": cluster, "region_code": code}
        extra = {"Idempotency-Key": uuid.uuid4().hex} if args.idempotency else {}
        response = created.timed(lambda: session().post(
            f"{url}/api/v1/competitions/{cid}/entries", headers={**headers[code], **extra},
            json=factories.entry(code, cluster, agency=agency), timeout=120), 201)
        drafts[n] = (response.json()["id"], code) if response is not None else None

    def submit(n: int) -> None:
        if drafts[n] is None:
            return
        entry_id, code = drafts[n]
        if submitted.timed(lambda: session().post(f"{url}/api/v1/entries/{entry_id}/submit", headers=headers[code],
                                                  timeout=120), 200) is not None:
            accepted.append(entry_id)
    created.seconds = run_clients(args.clients, args.submissions, create)
    submitted.seconds = run_clients(args.clients, args.submissions, submit)
    return created, submitted, accepted


def raw_inserts(mongo_uri: str, clients: int, total: int, existing: int) -> float:
    """Plain insert_one of entry-sized documents from `clients` threads into a collection already holding
    `existing` of them: inserts per second."""
    client = MongoClient(mongo_uri, maxPoolSize=clients + 4)
    collection = client[f"bench_raw_{uuid.uuid4().hex[:6]}"]["entries"]
    body = {**factories.entry(), "status": "submitted", "revision": 1}
    insert(collection, [{**body, "_id": str(uuid.uuid4())} for _ in range(existing)])
    seconds = run_clients(clients, total, lambda n: collection.insert_one({**body, "_id": str(uuid.uuid4())}))
    client.drop_database(collection.database.name)
    return total / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=5000)
    parser.add_argument("--existing", type=int, default=20000, help="entries the competition holds already")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--web-threads", type=int, default=8)
    parser.add_argument("--without-worker", action="store_true", help="do not run the outbox relay meanwhile")
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
    private = (keys / "jwt-private.pem").read_bytes()
    settings = Settings(service="intake", namespace=namespace, mongo_uri=stack.mongo_uri,
                        jwt_public_key_file=str(keys / "jwt-public.pem"))
    deps = bootstrap(settings)
    ensure_indexes(deps)
    processes = []
    try:
        url = args.url or start(stack, namespace, keys, args, processes)
        cid = competition_of(url, private, deps.db, args.existing)
        created, submitted, accepted = drafts_and_submissions(url, private, cid, args)
    finally:
        for process in processes:
            process.stop()
    stored = stored_as_submitted(deps.store, accepted, args.clients)
    raw = raw_inserts(stack.mongo_uri, args.clients, args.submissions, args.existing)
    report(args, created, submitted, len(accepted), stored, raw)


def stored_as_submitted(store, entry_ids: list[str], clients: int) -> int:
    """How many of `entry_ids` the store holds as submitted (each read by id: a count over the competition's
    status would make FerretDB read every submitted entry of it)."""
    found = []
    run_clients(clients, len(entry_ids), lambda n: found.append(
        (store.get_entry(entry_ids[n], {"status": 1}) or {}).get("status") == "submitted"))
    return sum(found)


def competition_of(url: str, private: bytes, db, existing: int) -> str:
    """Publish a competition through intake and load `existing` entries into it; its id."""
    definition = factories.competition()
    admin = {"Authorization": "Bearer " + tokens.issue(private, "admin", "bench-admin")}
    response = requests.put(f"{url}/api/v1/competitions/{definition['id']}", json=definition, headers=admin, timeout=30)
    assert response.status_code == 200, response.text
    started = time.perf_counter()
    dataset.load(db, definition["id"], existing)
    print(f"loaded {existing} entries with their claims into {definition['id']} in {time.perf_counter() - started:.1f} s")
    return definition["id"]


def start(stack, namespace: str, keys: Path, args, processes: list) -> str:
    """intake's gunicorn (and, unless --without-worker, its worker) for this namespace; its URL."""
    ensure_topics(stack.kafka, namespace)
    extra = dict(WEB_CONCURRENCY=args.web_workers, WEB_THREADS=args.web_threads)
    if not args.without_worker:
        service = Service("intake", stack, namespace, keys, keys, **extra)
        processes.extend([service.web, service.worker])
        return service.url
    port = free_port()
    web = start_web("intake", service_env(stack, namespace, keys, port, **extra), keys)
    processes.append(web)
    wait_ready(f"http://127.0.0.1:{port}", web)
    return f"http://127.0.0.1:{port}"


def report(args, created: Phase, submitted: Phase, accepted: int, stored: int, raw: float) -> None:
    rate = submitted.rate()
    relay = "without" if args.without_worker else "with"
    print(f"competition holding {args.existing} entries, {args.clients} clients, {relay} the outbox relay running")
    print(f"create drafts: {len(created.latencies)} of {args.submissions} in {created.seconds:.1f} s -> "
          f"{created.rate():.0f}/s; p50 {percentile(created.latencies, .5) * 1000:.0f} ms, "
          f"p99 {percentile(created.latencies, .99) * 1000:.0f} ms")
    print(f"durable submissions: {accepted} accepted in {submitted.seconds:.1f} s -> {rate:.0f}/s; "
          f"p50 {percentile(submitted.latencies, .5) * 1000:.0f} ms, p99 {percentile(submitted.latencies, .99) * 1000:.0f} ms; "
          f"statuses {dict(created.statuses + submitted.statuses)}")
    print(f"raw pymongo insert_one, same store, {args.clients} threads: {raw:.0f} inserts/s")
    print(f"ratio submissions/raw: {rate / raw:.2f} (target >= 0.5); create+submit/raw: "
          f"{accepted / (created.seconds + submitted.seconds) / raw:.2f}; stored as submitted: {stored} "
          f"({'none lost' if stored == accepted else 'MISMATCH'})")


if __name__ == "__main__":
    main()
