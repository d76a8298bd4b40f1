"""§9 deadline surge: 10,000 submissions in 5 minutes from 200 concurrent clients.

    .venv/bin/python bench/deadline_surge.py [--entries 10000] [--clients 200]

Starts intake, notify and reporting in a fresh namespace with an SMTP sink of its own,
has `--clients` threads create and submit `--entries` entries from kabupaten/kota all
over Indonesia, then waits until every entry is in the rankings and every receipt is in
the sink. Prints the submit time, errors by status (only designed 409/422 are allowed),
entries lost, and duplicate e-mails (by Message-ID).
"""
from __future__ import annotations

import argparse
import collections
import concurrent.futures as futures
import threading
import time

import requests

from _harness import Bench, kabupaten_kota, percentile
from tests import factories
from tests.support.mail import Sink


def receipts(sink: Sink, contacts: set[str]) -> collections.Counter:
    """Message-IDs of receipts to the entries' contact people."""
    return collections.Counter(str(m["Message-ID"]) for m in sink.messages()
                               if str(m["X-Sink-Rcpt-To"]).strip().strip("<>").lower() in contacts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--clients", type=int, default=200)
    args = parser.parse_args()
    bench = Bench("surge")
    sink = Sink(bench.dir)
    places = kabupaten_kota()
    definition = factories.competition()
    cid = definition["id"]
    statuses, latencies, accepted, contacts = collections.Counter(), [], [], set()
    lock = threading.Lock()
    try:
        with bench.services("intake", "notify", "reporting", SMTP_PORT=sink.port, WEB_CONCURRENCY="2") as running:
            intake, reporting = running["intake"].url, running["reporting"].url
            requests.put(f"{intake}/api/v1/competitions/{cid}", json=definition, headers=bench.headers("admin"), timeout=30)
            headers = {code: bench.headers("region", code) for code, _ in places}

            def one(n: int) -> None:
                code, cluster = places[n % len(places)]
                body = factories.entry(code, cluster, agency={"name": f"Dinas {n}", "cluster": cluster, "region_code": code})
                started = time.perf_counter()
                created = requests.post(f"{intake}/api/v1/competitions/{cid}/entries", json=body, headers=headers[code], timeout=120)
                status = created.status_code
                if status == 201:
                    status = requests.post(f"{intake}/api/v1/entries/{created.json()['id']}/submit",
                                           headers=headers[code], timeout=120).status_code
                with lock:
                    statuses[status] += 1
                    latencies.append(time.perf_counter() - started)
                    if status == 200:
                        accepted.append(created.json()["id"])
                        contacts.add(body["contact"]["email"].lower())

            started = time.perf_counter()
            with futures.ThreadPoolExecutor(args.clients) as pool:
                list(pool.map(one, range(args.entries)))
            submit_seconds = time.perf_counter() - started
            print(f"submitted {args.entries} from {args.clients} clients in {submit_seconds:.1f} s "
                  f"({args.entries / submit_seconds:.0f}/s); statuses {dict(statuses)}; "
                  f"create+submit p50 {percentile(latencies, .5) * 1000:.0f} ms p99 {percentile(latencies, .99) * 1000:.0f} ms")
            ministry = bench.headers("ministry")
            deadline = time.monotonic() + 900
            while time.monotonic() < deadline:
                summary = requests.get(f"{reporting}/api/v1/competitions/{cid}/summary", headers=ministry, timeout=30).json()
                mails = receipts(sink, contacts)
                visible = summary.get("total", summary.get("entries", 0))
                if visible >= len(accepted) and len(mails) >= len(accepted):
                    break
                time.sleep(2)
            done_seconds = time.perf_counter() - started
            mails = receipts(sink, contacts)
            duplicates = sum(n - 1 for n in mails.values() if n > 1)
            errors = sum(n for s, n in statuses.items() if s not in (200, 409, 422))
            print(f"all visible in reporting and all receipts delivered after {done_seconds:.1f} s")
            print(f"accepted {len(accepted)}; in rankings {visible}; lost {len(accepted) - min(visible, len(accepted))}; "
                  f"receipts {len(mails)}; duplicate e-mails {duplicates}; unexpected errors {errors}")
    finally:
        sink.close()


if __name__ == "__main__":
    main()
