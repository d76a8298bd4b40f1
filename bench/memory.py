"""§9 memory: each web worker < 150 MB RSS, measured after real traffic.

    .venv/bin/python bench/memory.py [--entries 500]

Starts the four services (gunicorn with 2 workers each, as in production) in a fresh
namespace, submits entries, reads rankings, summaries, exports and lists, then prints the
RSS of every gunicorn worker and worker process.
"""
from __future__ import annotations

import argparse
import concurrent.futures as futures

import psutil
import requests

from _harness import Bench
from tests import factories

TARGET_MB = 150


def submit(intake: str, cid: str, headers: dict, n: int) -> None:
    body = factories.entry("73.71", "kota", agency={"name": f"Dinas {n % 50}", "cluster": "kota", "region_code": "73.71"})
    created = requests.post(f"{intake}/api/v1/competitions/{cid}/entries", json=body, headers=headers, timeout=30)
    requests.post(f"{intake}/api/v1/entries/{created.json()['id']}/submit", headers=headers, timeout=30)


def traffic(bench: Bench, urls: dict, entries: int) -> None:
    admin, ministry = bench.headers("admin"), bench.headers("ministry")
    region = bench.headers("region", "73.71")
    definition = factories.competition()
    cid = definition["id"]
    requests.put(f"{urls['intake']}/api/v1/competitions/{cid}", json=definition, headers=admin, timeout=30)
    with futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda n: submit(urls["intake"], cid, region, n), range(entries)))
    for _ in range(50):
        requests.get(f"{urls['reporting']}/api/v1/competitions/{cid}/rankings?limit=100", headers=ministry, timeout=30)
        requests.get(f"{urls['reporting']}/api/v1/competitions/{cid}/summary", headers=ministry, timeout=30)
        requests.get(f"{urls['intake']}/api/v1/competitions/{cid}/entries?limit=100", headers=admin, timeout=30)
        requests.get(f"{urls['review']}/api/v1/judges", headers=admin, timeout=30)
        requests.get(f"{urls['notify']}/api/v1/deliveries", headers=ministry, timeout=30)
    requests.get(f"{urls['reporting']}/api/v1/competitions/{cid}/rankings.csv", headers=ministry, timeout=120)
    requests.get(f"{urls['reporting']}/api/v1/competitions/{cid}/rankings.xlsx", headers=ministry, timeout=120)


def rss_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500)
    args = parser.parse_args()
    bench = Bench("mem")
    with bench.services("intake", "review", "notify", "reporting", WEB_CONCURRENCY="2", WEB_THREADS="4") as running:
        traffic(bench, {name: s.url for name, s in running.items()}, args.entries)
        worst = 0.0
        print(f"{'process':<28}{'RSS MB':>10}")
        for name, service in running.items():
            for child in psutil.Process(service.web.popen.pid).children():
                worst = max(worst, rss_mb(child.pid))
                print(f"{name + ' web worker ' + str(child.pid):<28}{rss_mb(child.pid):>10.1f}")
            print(f"{name + ' web master':<28}{rss_mb(service.web.popen.pid):>10.1f}")
            print(f"{name + ' worker':<28}{rss_mb(service.worker.popen.pid):>10.1f}")
        print(f"largest web worker: {worst:.1f} MB (target < {TARGET_MB} MB): {'met' if worst < TARGET_MB else 'NOT met'}")


if __name__ == "__main__":
    main()
