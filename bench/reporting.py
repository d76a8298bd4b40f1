"""§9 reporting: consumer throughput, top-100 rankings latency, CSV export time, freshness, memory.

    .venv/bin/python bench/reporting.py [--entries 100000] [--judges 150] [--pages 200] [--fresh 50]

Publishes a competition, `--entries` submitted entries with three assignments and three
scores each through the real broker (as intake and review publish them), runs the
reporting service (gunicorn web + worker) in a fresh namespace, and prints beside the
DESIGN §9 targets:
- consumer throughput: events applied per second (until the worker's lag is zero);
- the first rankings request (the web process loads the competition once);
- GET rankings?limit=100 p50/p99 (and with a province filter) over `--pages` requests;
- the CSV of every row: time, rows and size;
- freshness: a judge's new score published → the entry's new score in the rankings, p50/p99;
- the RSS of the web process.
"""
from __future__ import annotations

import argparse
import random
import sys
import time

import psutil
import requests

from _harness import Bench, percentile
from shared.kafka.lag import consumer_lag
from shared.kafka.producer import EventPublisher, make_producer
from tests import factories
from tests.integration.reporting import events as ev
from tests.support.procs import start_web, wait_ready

STAGE = "evaluasi"
CRITERIA = [{"key": "kebaruan", "weight": 15}, {"key": "signifikansi", "weight": 30}, {"key": "implementasi", "weight": 5}]
REGIONS = ["73.71", "73.15", "33.74", "33.01", "51.71", "11.01", "94.71", "31.71", "52.71", "64.72"]
CATEGORIES = ["kesehatan", "pendidikan", "ekonomi"]


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


def load(publisher: EventPublisher, cid: str, entries: int, judges: int, keep: int) -> tuple[int, list]:
    """Publish the whole stage in chunks; returns how many events and the first `keep` entries' triples."""
    rng, count, kept, pending = random.Random(7), 0, [], []
    for n in range(entries):
        sent, triples = entry_events(cid, n, judges, rng)
        pending += [publisher.send(event) for event in sent]
        count += len(sent)
        if n < keep:
            kept.append(triples)
        if len(pending) >= 20000:
            publisher.producer.flush()
            pending = []
    publisher.producer.flush()
    return count, kept


def timed_get(url: str, headers: dict, **params) -> tuple[float, requests.Response]:
    started = time.perf_counter()
    response = requests.get(url, headers=headers, params=params, timeout=600)
    assert response.status_code == 200, response.text[:500]
    return time.perf_counter() - started, response


def first_load(url: str, headers: dict) -> float:
    """Time until the first page comes back (the web answers 503 + Retry-After while it loads)."""
    started = time.perf_counter()
    while requests.get(url, headers=headers, params={"limit": 100}, timeout=600).status_code == 503:
        time.sleep(1)
    return time.perf_counter() - started


def latencies(url: str, headers: dict, count: int, **params) -> list[float]:
    return [timed_get(url, headers, **params)[0] for _ in range(count)]


def freshness(publisher, url: str, headers: dict, cid: str, kept: list, count: int) -> list[float]:
    """Publish three perfect scores for an entry; time until the top-100 page shows its new raw score."""
    seconds = []
    for n, triples in enumerate(kept[:count]):
        perfect = {c["key"]: 100 for c in CRITERIA}
        events = [ev.scored(cid, STAGE, aid, entry_id, judge, perfect, 100.0, revision=2) for entry_id, judge, aid in triples]
        publisher.publish_all(events)
        started, entry_id = time.perf_counter(), triples[0][0]
        while not any(r["entry_id"] == entry_id and r["raw_score"] == 100.0
                      for r in timed_get(url, headers, limit=100)[1].json()["items"]):
            if time.perf_counter() - started > 120:
                raise SystemExit(f"entry {entry_id} not visible after 120 s")
        seconds.append(time.perf_counter() - started)
    return seconds


def web_rss_mb(service) -> float:
    parent = psutil.Process(service.web.popen.pid)
    return max(p.memory_info().rss for p in [parent] + parent.children(recursive=True)) / 2**20


def report(name: str, values: list[float], target: str) -> None:
    print(f"{name}: p50 {percentile(values, .5) * 1000:.1f} ms, p99 {percentile(values, .99) * 1000:.1f} ms "
          f"over {len(values)} ({target})", flush=True)


def apply_all(bench: Bench, publisher, definition: dict, entries: int, judges: int, keep: int) -> list:
    """Publish the stage and wait until the worker has applied it; prints the consumer throughput."""
    topics = [f"{bench.namespace}.{name}" for name in ("competitions", "entries", "reviews", "notifications")]
    started = time.perf_counter()
    publisher.publish_all([ev.published(definition)])
    events, kept = load(publisher, definition["id"], entries, judges, keep)
    print(f"published {events + 1} events in {time.perf_counter() - started:.1f} s", flush=True)
    while (lag := consumer_lag(bench.stack.kafka, f"{bench.namespace}.reporting", topics)) > 0:
        print(f"  … {lag} records still to apply after {time.perf_counter() - started:.0f} s", flush=True)
        time.sleep(10)
    applied = time.perf_counter() - started
    print(f"consumer: {events + 1} events applied in {applied:.1f} s = {(events + 1) / applied:.0f} events/s", flush=True)
    return kept


def reads(url: str, ministry: dict, pages: int) -> None:
    """Rankings pages, the CSV of every row and the summary, timed."""
    print(f"first rankings request (the web process loads the competition once): "
          f"{first_load(url + '/rankings', ministry):.1f} s", flush=True)
    report("rankings top-100", latencies(url + "/rankings", ministry, pages, limit=100),
           "target p99 < 50 ms at 100,000 entries")
    report("rankings top-100, province 73", latencies(url + "/rankings", ministry, pages, limit=100, province="73"),
           "same target")
    seconds, response = timed_get(url + "/rankings.csv", ministry)
    rows = response.content.count(b"\n") - 1
    print(f"CSV: {rows} rows, {len(response.content) / 2**20:.1f} MiB in {seconds:.2f} s "
          f"(target 100,000 rows < 5 s)", flush=True)
    seconds, response = timed_get(url + "/summary", ministry)
    print(f"summary: {seconds * 1000:.0f} ms ({response.json()['judging'][0]['done']} reviews done)", flush=True)


def restart_web(service, url: str, ministry: dict) -> None:
    """A new web process loads from the checkpoint the first one wrote."""
    service.web.stop()
    service.web = start_web("reporting", service.env, service.log_dir)
    wait_ready(service.url, service.web)
    print(f"first rankings request after a web restart (from the checkpoint): "
          f"{first_load(url + '/rankings', ministry):.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--judges", type=int, default=150)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--fresh", type=int, default=50)
    args = parser.parse_args()
    bench = Bench("rep")
    definition = factories.competition(criteria=CRITERIA)
    publisher = EventPublisher(make_producer(bench.stack.kafka, linger_ms=20, batch_size=512 * 1024), bench.namespace)
    ministry = bench.headers("ministry")
    print(f"reporting bench: {args.entries} entries × 3 reviews, {args.judges} judges, namespace {bench.namespace}",
          flush=True)
    with bench.services("reporting", WEB_CONCURRENCY="1", WEB_THREADS="4") as running:
        service, url = running["reporting"], f"{running['reporting'].url}/api/v1/competitions/{definition['id']}"
        kept = apply_all(bench, publisher, definition, args.entries, args.judges, args.fresh)
        reads(url, ministry, args.pages)
        report("freshness (score published → visible in the top-100 page)",
               freshness(publisher, url + "/rankings", ministry, definition["id"], kept, args.fresh),
               "target p50 < 250 ms, p99 < 1 s")
        print(f"web process RSS: {web_rss_mb(service):.0f} MB (target < 150 MB per web worker)", flush=True)
        restart_web(service, url, ministry)
    publisher.close()


if __name__ == "__main__":
    sys.exit(main())
