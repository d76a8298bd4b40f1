"""The local store's own figures (issue: FerretDB on PostgreSQL): single operations at size, and writes
under concurrency, through the proxy as the services reach it.

    .venv/bin/python bench/store.py [--documents 100000] [--repeat 200] [--threads 16]

Fills a fresh database's collection with `--documents` entry-sized documents, declares an index on
`region_code` the way the services declare theirs (pymongo create_index), then prints, beside the
figures the store had before (FerretDB on SQLite; PostgreSQL as FerretDB creates it):
- find_one by `_id`, find_one by the indexed field, update_one by `_id`: p50 and p99 over `--repeat`;
- `--threads` threads updating different documents by `_id`: updates per second;
- 200 concurrent `$inc` on one document: the count it ends with (must be 200);
- one bulk write of 400 updates: its time (FerretDB 1.24 unpatched froze for good on it).
Drops the database at the end.
"""
from __future__ import annotations

import argparse
import threading
import time
import uuid

from pymongo import ASCENDING, MongoClient, UpdateOne

from _harness import kabupaten_kota, percentile
from tests.support.stack import from_env


def timed(call, repeat: int) -> tuple[float, float]:
    """p50 and p99 in milliseconds of `repeat` calls of call(i)."""
    took = []
    for i in range(repeat):
        started = time.perf_counter()
        call(i)
        took.append((time.perf_counter() - started) * 1000)
    return percentile(took, 0.5), percentile(took, 0.99)


def in_threads(threads: int, seconds: float, work) -> int:
    """How many times `threads` threads called work(thread, n) within `seconds`."""
    done = [0] * threads
    deadline = time.monotonic() + seconds

    def loop(t: int) -> None:
        while time.monotonic() < deadline:
            work(t, done[t])
            done[t] += 1
    running = [threading.Thread(target=loop, args=(t,)) for t in range(threads)]
    [r.start() for r in running]
    [r.join() for r in running]
    return sum(done)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    client = MongoClient(from_env().mongo_uri, maxPoolSize=250, socketTimeoutMS=120_000)
    name = f"benchstore_{uuid.uuid4().hex[:6]}"
    db = client[name]
    docs = db["entries"]
    try:
        codes = [code for code, _ in kabupaten_kota()]
        docs.create_index([("region_code", ASCENDING)])
        started = time.perf_counter()
        batch = []
        for i in range(args.documents):
            batch.append({"_id": f"e{i:06d}", "region_code": codes[i % len(codes)], "status": "submitted",
                          "title": f"Inovasi pelayanan nomor {i}", "sections": {"ringkasan": "kata " * 300}, "n": 0})
            if len(batch) == 1000:
                docs.insert_many(batch, ordered=False)
                batch = []
        if batch:
            docs.insert_many(batch, ordered=False)
        print(f"store bench: {args.documents} documents of ~1.6 KB loaded in {time.perf_counter() - started:.1f} s "
              f"(database {name})")
        n = args.documents

        p50, p99 = timed(lambda i: docs.find_one({"_id": f"e{(i * 7919) % n:06d}"}), args.repeat)
        print(f"find_one by _id:            p50 {p50:.1f} ms, p99 {p99:.1f} ms  (before: SQLite 433 ms; PostgreSQL as "
              f"FerretDB creates it 44-57 ms)")
        p50, p99 = timed(lambda i: docs.find_one({"region_code": codes[(i * 31) % len(codes)]}), args.repeat)
        print(f"find_one by indexed field:  p50 {p50:.1f} ms, p99 {p99:.1f} ms  (before: 4-6 s; 39-49 ms)")
        p50, p99 = timed(lambda i: docs.update_one({"_id": f"e{(i * 7919) % n:06d}"}, {"$inc": {"n": 1}}), args.repeat)
        print(f"update_one by _id:          p50 {p50:.1f} ms, p99 {p99:.1f} ms  (before: 1.0-5.5 s; 45-75 ms)")

        updates = in_threads(args.threads, 10.0, lambda t, k: docs.update_one(
            {"_id": f"e{(t * 100_003 + k * 7919) % n:06d}"}, {"$set": {"touched": k}}))
        print(f"{args.threads} threads updating by _id: {updates / 10.0:.0f} updates/s over 10 s")

        counter = db["counter"]
        counter.insert_one({"_id": "c", "n": 0})
        gate = threading.Barrier(200)

        def bump() -> None:
            gate.wait()
            counter.update_one({"_id": "c"}, {"$inc": {"n": 1}})
        bumpers = [threading.Thread(target=bump) for _ in range(200)]
        [b.start() for b in bumpers]
        [b.join(120) for b in bumpers]
        print(f"200 concurrent $inc on one document: n = {counter.find_one({'_id': 'c'})['n']} (must be 200)")

        started = time.perf_counter()
        written = docs.bulk_write([UpdateOne({"_id": f"e{i:06d}"}, {"$inc": {"n": 1}}) for i in range(400)])
        print(f"one bulk write of 400 updates: {written.modified_count} modified in "
              f"{time.perf_counter() - started:.2f} s")
    finally:
        client.drop_database(name)
        client.close()


if __name__ == "__main__":
    main()
