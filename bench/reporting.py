"""§9 reporting: consumer throughput, top-100 rankings latency, CSV export time, freshness.

    .venv/bin/python bench/reporting.py [--entries 3500] [--judges 150] [--pages 200] [--fresh 50]

Publishes a competition, `--entries` submitted entries and three assignments and scores
each through the real broker (as intake and review would), runs the reporting service
(web + worker) in a fresh namespace, and prints:
- consumer throughput: events applied per second until the rankings hold every review;
- GET rankings?limit=100 p50/p99 over `--pages` requests;
- the CSV of every row: time and size;
- freshness: a new score published → its entry's new score visible in the rankings, p50/p99.
The design's targets are for 100,000 entries; the default is the real competition's scale.
"""
from __future__ import annotations

import argparse
import random
import sys
import time

import requests

from _harness import Bench, percentile
from shared.kafka.producer import EventPublisher, make_producer
from tests import factories
from tests.integration.reporting import events as ev

STAGE = "evaluasi"
PLACES = [("73.71", "kesehatan"), ("73.15", "pendidikan"), ("33.74", "ekonomi"), ("51.71", "kesehatan"),
          ("11.01", "pendidikan"), ("94.71", "ekonomi")]


def workload(cid: str, entries: int, judges: int) -> tuple[list, list]:
    """The events of a judged stage, and (entry, judge, assignment) triples for later rescoring."""
    random.seed(7)
    sent, triples = [], []
    for n in range(entries):
        entry_id = f"e{n:06d}"
        region, category = PLACES[n % len(PLACES)]
        sent.append(ev.submitted(cid, entry_id, region, category, f"2026-03-{1 + n % 28:02d}T09:00:00Z"))
        for judge in random.sample(range(judges), 3):
            aid, created = ev.assigned(cid, STAGE, entry_id, f"judge-{judge:03d}")
            total = round(random.uniform(40, 95), 2)
            sent += [created, ev.scored(cid, STAGE, aid, entry_id, f"judge-{judge:03d}",
                                        {"kebaruan": total, "signifikansi": total}, total)]
            triples.append((entry_id, f"judge-{judge:03d}", aid))
    return sent, triples


def visible(base: str, headers: dict, entry_id: str, aid: str, revision: int) -> bool:
    """True once the entry's scorecard (computed from the same snapshot as the rankings) shows the revision."""
    card = requests.get(f"{base}/api/v1/entries/{entry_id}/scorecard", headers=headers, timeout=60).json()
    return any(r["assignment_id"] == aid and r["revision"] == revision for s in card.get("stages", []) for r in s["reviews"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=3500)
    parser.add_argument("--judges", type=int, default=150)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--fresh", type=int, default=50)
    args = parser.parse_args()
    bench = Bench("rep")
    definition = factories.competition(criteria=[{"key": "kebaruan", "weight": 1}, {"key": "signifikansi", "weight": 3}])
    cid = definition["id"]
    sent, triples = workload(cid, args.entries, args.judges)
    publisher = EventPublisher(make_producer(bench.stack.kafka, linger_ms=20), bench.namespace)
    ministry = bench.headers("ministry")
    with bench.services("reporting", WEB_CONCURRENCY="2") as running:
        url = f"{running['reporting'].url}/api/v1/competitions/{cid}"
        started = time.perf_counter()
        publisher.publish_all([ev.published(definition)] + sent)
        print(f"published {len(sent) + 1} events in {time.perf_counter() - started:.1f} s", flush=True)
        expected = 3 * args.entries
        while True:
            judging = requests.get(url + "/summary", headers=ministry, timeout=120).json().get("judging", [{}])[0]
            if judging.get("done", 0) >= expected:
                break
            print(f"  … {judging.get('done', 0)}/{expected} reviews applied after {time.perf_counter() - started:.0f} s", flush=True)
            time.sleep(5)
        applied_seconds = time.perf_counter() - started
        print(f"consumer: {len(sent) + 1} events in {applied_seconds:.1f} s = {(len(sent) + 1) / applied_seconds:.0f} events/s")
        latencies = []
        for _ in range(args.pages):
            t = time.perf_counter()
            assert requests.get(url + "/rankings?limit=100", headers=ministry, timeout=60).status_code == 200
            latencies.append(time.perf_counter() - t)
        print(f"rankings top-100: p50 {percentile(latencies, .5) * 1000:.1f} ms, p99 {percentile(latencies, .99) * 1000:.1f} ms "
              f"over {args.pages} requests (target p99 < 50 ms at 100,000 entries)")
        t = time.perf_counter()
        body = requests.get(url + "/rankings.csv", headers=ministry, timeout=600).content
        rows = body.count(b"\n") - 1
        print(f"CSV: {rows} rows, {len(body) / 2**20:.1f} MiB in {time.perf_counter() - t:.2f} s "
              f"(target 100,000 rows < 5 s)")
        freshness = []
        for n in range(args.fresh):
            entry_id, judge, aid = triples[n * 7 % len(triples)]
            total = 99.5 - n * 0.01
            t = time.perf_counter()
            publisher.publish_all([ev.scored(cid, STAGE, aid, entry_id, judge, {"kebaruan": total, "signifikansi": total},
                                             total, revision=2 + n)])
            while not visible(running["reporting"].url, ministry, entry_id, aid, 2 + n):
                time.sleep(0.01)
            freshness.append(time.perf_counter() - t)
        print(f"freshness (score published → visible in the read model): p50 {percentile(freshness, .5) * 1000:.0f} ms, "
              f"p99 {percentile(freshness, .99) * 1000:.0f} ms over {args.fresh} scores (target p50 < 250 ms, p99 < 1 s)")
    publisher.close()


if __name__ == "__main__":
    sys.exit(main())
