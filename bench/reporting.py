"""§9 reporting: consumer throughput, top-100 rankings latency, CSV export time, freshness, memory, restart.

    .venv/bin/python bench/reporting.py [--entries 100000] [--through-broker 5000] [--judges 150]
                                        [--pages 200] [--fresh 50]

Runs the reporting service (gunicorn web + worker) in a fresh namespace and builds a stage of
`--entries` submitted entries with three assignments and three scores each:
- the first `--through-broker` entries are published through the real broker, as intake and
  review publish them, and applied by the worker: that gives the consumer throughput;
- the others are written into the read model by the worker's own unit of work
  (adapters/batch.py: the same merges, the same documents, the same batch markers) from
  the bench process, because applying 700,000 events one poll at a time through this
  machine's FerretDB would take most of an hour and measures nothing the first part does not.
Then it prints, beside the DESIGN §9 targets:
- the first rankings request (the web process loads the competition once);
- GET rankings?limit=100 p50/p99 (and with a province filter) over `--pages` requests;
- the CSV of every row: time, rows and size; the summary;
- freshness: three new scores for an entry published → its new score in the top-100 page, p50/p99;
- the RSS of the web worker;
- the first rankings request after the web process restarts.
"""
from __future__ import annotations

import argparse
import random
import sys
import threading
import time

import psutil
import requests

from _harness import Bench, percentile
from shared.kafka.lag import consumer_lag
from shared.kafka.producer import EventPublisher, make_producer
from shared.mongo.client import connect
from services.reporting.handlers import readmodel
from services.reporting.adapters.batch import Batch
from services.reporting.adapters.store import Store
from tests import factories
from tests.integration.reporting import events as ev
from tests.support.procs import start_web, wait_ready

STAGE = "evaluasi"
CRITERIA = [{"key": "kebaruan", "weight": 15}, {"key": "signifikansi", "weight": 30}, {"key": "implementasi", "weight": 5}]
REGIONS = ["73.71", "73.15", "33.74", "33.01", "51.71", "11.01", "94.71", "31.71", "52.71", "64.72"]
CATEGORIES = ["kesehatan", "pendidikan", "ekonomi"]
SEED_THREADS = 2
SEED_BATCH = 400  # entries per flush when seeding


def entry_events(cid: str, n: int, judges: int, rng: random.Random) -> tuple[list, list]:
    """One entry's events (submitted, 3 × assigned and scored) and its (entry, judge, assignment) triples."""
    entry_id, region = f"e{n:06d}", REGIONS[n % len(REGIONS)]
    sent = [ev.submitted(cid, entry_id, region, CATEGORIES[n % 3], f"2026-03-{1 + n % 28:02d}T{n % 24:02d}:00:00Z",
                         "kota" if region.split(".")[1] >= "70" else "kabupaten")]
    triples = []
    for judge in (f"judge-{j:03d}" for j in rng.sample(range(judges), 3)):
        aid, created = ev.assigned(cid, STAGE, entry_id, judge)
        scores = {c["key"]: rng.randint(40, 95) for c in CRITERIA}
        total = sum(c["weight"] * scores[c["key"]] for c in CRITERIA) / 50
        sent += [created, ev.scored(cid, STAGE, aid, entry_id, judge, scores, total)]
        triples.append((entry_id, judge, aid))
    return sent, triples


def through_broker(bench: Bench, publisher: EventPublisher, definition: dict, count: int, judges: int) -> list:
    """Publish the competition and `count` entries, wait until the worker has applied them; prints the throughput."""
    topics = [f"{bench.namespace}.{name}" for name in ("competitions", "entries", "reviews", "notifications")]
    rng, kept, events, started = random.Random(7), [], 1, time.perf_counter()
    publisher.publish_all([ev.published(definition)])
    for n in range(count):
        sent, triples = entry_events(definition["id"], n, judges, rng)
        for event in sent:
            publisher.send(event)
        events += len(sent)
        kept.append(triples)
    publisher.producer.flush()
    while (lag := consumer_lag(bench.stack.kafka, f"{bench.namespace}.reporting", topics)) > 0:
        print(f"  … {lag} records still to apply after {time.perf_counter() - started:.0f} s", flush=True)
        time.sleep(10)
    applied = time.perf_counter() - started
    print(f"consumer: {events} events ({count} entries) applied in {applied:.1f} s = {events / applied:.0f} events/s",
          flush=True)
    return kept


def seed(store: Store, cid: str, first: int, last: int, judges: int) -> list:
    """Write entries first..last-1 into the read model with the worker's unit of work; their triples."""
    kept, batch, rng = [], Batch(lambda: store), random.Random(first)
    for n in range(first, last):
        sent, triples = entry_events(cid, n, judges, rng)
        for event in sent:
            readmodel.on_event(batch, event)
        kept.append(triples)
        if (n - first + 1) % SEED_BATCH == 0:
            batch.flush()
    batch.flush()
    return kept


def seed_rest(store: Store, cid: str, start: int, entries: int, judges: int) -> list:
    """Seed the entries after the broker's in SEED_THREADS threads; prints the rate."""
    if start >= entries:
        return []
    started, found = time.perf_counter(), {}
    bounds = [start + (entries - start) * i // SEED_THREADS for i in range(SEED_THREADS + 1)]

    def run(i: int) -> None:
        found[i] = seed(store, cid, bounds[i], bounds[i + 1], judges)
    threads = [threading.Thread(target=run, args=(i,)) for i in range(SEED_THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    print(f"seeded {entries - start} entries through the worker's unit of work in {seconds:.0f} s "
          f"({(entries - start) / seconds:.0f} entries/s)", flush=True)
    return [triples for i in range(SEED_THREADS) for triples in found.get(i, [])]


def timed_get(url: str, headers: dict, **params) -> tuple[float, requests.Response]:
    started = time.perf_counter()
    response = requests.get(url, headers=headers, params=params, timeout=600)
    assert response.status_code == 200, response.text[:500]
    return time.perf_counter() - started, response


def first_load(url: str, headers: dict) -> float:
    """Time until the first page comes back (the web answers 503 + Retry-After while it loads)."""
    started = time.perf_counter()
    while requests.get(url, headers=headers, params={"limit": 100}, timeout=600).status_code == 503:
        time.sleep(0.2)
    return time.perf_counter() - started


def report(name: str, values: list[float], target: str) -> None:
    print(f"{name}: p50 {percentile(values, .5) * 1000:.1f} ms, p99 {percentile(values, .99) * 1000:.1f} ms "
          f"over {len(values)} ({target})", flush=True)


def reads(url: str, ministry: dict, pages: int) -> None:
    """The first load, rankings pages, the CSV of every row and the summary, timed."""
    print(f"first rankings request (the web process loads the competition): "
          f"{first_load(url + '/rankings', ministry):.1f} s", flush=True)
    report("rankings top-100", [timed_get(url + "/rankings", ministry, limit=100)[0] for _ in range(pages)],
           "target p99 < 50 ms at 100,000 entries")
    report("rankings top-100, province 73",
           [timed_get(url + "/rankings", ministry, limit=100, province="73")[0] for _ in range(pages)], "same target")
    seconds, response = timed_get(url + "/rankings.csv", ministry)
    rows = response.content.count(b"\n") - 1
    print(f"CSV: {rows} rows, {len(response.content) / 2**20:.1f} MiB in {seconds:.2f} s "
          f"(target 100,000 rows < 5 s)", flush=True)
    seconds, response = timed_get(url + "/summary", ministry)
    print(f"summary: {seconds * 1000:.0f} ms ({response.json()['judging'][0]['done']} reviews done)", flush=True)


def freshness(publisher, url: str, headers: dict, cid: str, kept: list, count: int) -> list[float]:
    """Publish three perfect scores for an entry; time until the top-100 page shows its new raw score."""
    seconds = []
    for triples in random.Random(3).sample(kept, min(count, len(kept))):
        perfect = {c["key"]: 100 for c in CRITERIA}
        publisher.publish_all([ev.scored(cid, STAGE, aid, entry_id, judge, perfect, 100.0, revision=2)
                               for entry_id, judge, aid in triples])
        started, entry_id = time.perf_counter(), triples[0][0]
        while not any(r["entry_id"] == entry_id and r["raw_score"] == 100.0
                      for r in timed_get(url, headers, limit=100)[1].json()["items"]):
            if time.perf_counter() - started > 120:
                raise SystemExit(f"entry {entry_id} not visible after 120 s")
        seconds.append(time.perf_counter() - started)
    return seconds


def web_rss_mb(service) -> float:
    """The largest RSS among the gunicorn processes (the master and its worker)."""
    parent = psutil.Process(service.web.popen.pid)
    return max(p.memory_info().rss for p in [parent] + parent.children(recursive=True)) / 2**20


def restart_web(service, url: str, ministry: dict) -> None:
    service.web.stop()
    service.web = start_web("reporting", service.env, service.log_dir)
    wait_ready(service.url, service.web)
    print(f"first rankings request after a web restart: {first_load(url + '/rankings', ministry):.1f} s "
          f"(target < 5 s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--through-broker", type=int, default=5_000)
    parser.add_argument("--judges", type=int, default=150)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--fresh", type=int, default=50)
    args = parser.parse_args()
    bench = Bench("rep")
    definition = factories.competition(criteria=CRITERIA)
    publisher = EventPublisher(make_producer(bench.stack.kafka, linger_ms=20, batch_size=512 * 1024), bench.namespace)
    ministry = bench.headers("ministry")
    broker = min(args.through_broker, args.entries)
    print(f"reporting bench: {args.entries} entries × 3 reviews ({broker} through the broker), {args.judges} judges, "
          f"namespace {bench.namespace}", flush=True)
    with bench.services("reporting", WEB_CONCURRENCY="1", WEB_THREADS="4") as running:
        service, url = running["reporting"], f"{running['reporting'].url}/api/v1/competitions/{definition['id']}"
        kept = through_broker(bench, publisher, definition, broker, args.judges)
        client = connect(bench.stack.mongo_uri, timeout_ms=10_000)
        kept += seed_rest(Store(client[f"{bench.namespace}_reporting"]), definition["id"], broker, args.entries,
                          args.judges)
        reads(url, ministry, args.pages)
        report("freshness (score published → visible in the top-100 page)",
               freshness(publisher, url + "/rankings", ministry, definition["id"], kept, args.fresh),
               "target p50 < 250 ms, p99 < 1 s")
        print(f"web process RSS: {web_rss_mb(service):.0f} MB (target < 150 MB per web worker)", flush=True)
        restart_web(service, url, ministry)
        client.close()
    publisher.close()


if __name__ == "__main__":
    sys.exit(main())
