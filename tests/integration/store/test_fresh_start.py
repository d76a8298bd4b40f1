"""A freshly started FerretDB takes a burst of concurrent writes: every one applied, none lost,
nothing frozen (FerretDB's default pool froze for good under 50 concurrent updates)."""
from __future__ import annotations

import socket
import subprocess
import threading
import uuid

import pytest
from pymongo import MongoClient

from tests.support.poll import eventually

CLIENTS = 200


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fresh_ferretdb(stack):
    """Our FerretDB build, started just now on a port of its own, over the stack's PostgreSQL."""
    binary = stack.var_dir / "bin" / "ferretdb"
    assert binary.exists(), f"{binary} is missing: 'deploy/local/infra provision' builds it"
    port = free_port()
    process = subprocess.Popen([str(binary), "-listen-addr", f"127.0.0.1:{port}", "-postgresql-url",
                                stack.postgres_url, "-log-level", "error"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    client = MongoClient(f"mongodb://127.0.0.1:{port}/", maxPoolSize=CLIENTS + 10, serverSelectionTimeoutMS=2000,
                         socketTimeoutMS=60000)
    eventually(lambda: process.poll() is not None or _pings(client), timeout=20, what="the fresh FerretDB to answer")
    assert process.poll() is None, process.stderr.read().decode()
    name = f"fresh_{uuid.uuid4().hex[:8]}"
    try:
        yield client[name]
        client.drop_database(name)
    finally:  # a frozen store must not outlive its test
        client.close()
        process.terminate()
        process.wait(timeout=10)


def _pings(client) -> bool:
    try:
        client.admin.command("ping")
        return True
    except Exception:
        return False


def burst(work, n: int = CLIENTS, timeout: float = 60.0) -> list:
    """Run work(i) in n threads released at once; fail if any is still running at the deadline."""
    start = threading.Barrier(n)
    errors: list = []

    def run(i: int) -> None:
        start.wait()
        try:
            work(i)
        except Exception as exc:  # collected and reported below
            errors.append(exc)
    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    stuck = sum(thread.is_alive() for thread in threads)
    assert stuck == 0, f"{stuck} of {n} writes still waiting after {timeout}s: the store froze"
    return errors


def test_a_fresh_store_applies_200_concurrent_updates_of_one_document(fresh_ferretdb):
    counters = fresh_ferretdb["counters"]
    counters.insert_one({"_id": "c", "n": 0})
    errors = burst(lambda i: counters.update_one({"_id": "c"}, {"$inc": {"n": 1}}))
    assert errors == []
    assert counters.find_one({"_id": "c"})["n"] == CLIENTS


def test_a_fresh_store_applies_200_concurrent_updates_of_different_documents(fresh_ferretdb):
    docs = fresh_ferretdb["docs"]
    docs.insert_many([{"_id": f"d{i}", "n": 0} for i in range(CLIENTS)])
    errors = burst(lambda i: docs.update_one({"_id": f"d{i}"}, {"$set": {"n": i + 1}}))
    assert errors == []
    assert sorted(doc["n"] for doc in docs.find()) == list(range(1, CLIENTS + 1))


def test_of_concurrent_conditional_updates_exactly_one_wins(fresh_ferretdb):
    drafts = fresh_ferretdb["drafts"]
    drafts.insert_one({"_id": "e", "status": "draft"})
    winners: list[int] = []
    errors = burst(lambda i: drafts.update_one({"_id": "e", "status": "draft"}, {"$set": {"status": "submitted", "by": i}})
                   .modified_count and winners.append(i), n=50)
    assert errors == []
    assert len(winners) == 1
    assert drafts.find_one({"_id": "e"})["by"] == winners[0]


def test_a_write_selecting_by_another_field_is_atomic_too(fresh_ferretdb):
    docs = fresh_ferretdb["by_field"]
    docs.insert_one({"_id": "x", "key": "k", "n": 0})
    errors = burst(lambda i: docs.update_one({"key": "k"}, {"$inc": {"n": 1}}), n=100)
    assert errors == []
    assert docs.find_one({"_id": "x"})["n"] == 100


def test_strings_with_nul_are_refused_and_the_store_keeps_answering(fresh_ferretdb):
    """PostgreSQL cannot hold U+0000; FerretDB leaked a pooled connection on each such failure
    until nothing answered. The proxy refuses them, so 200 of them change nothing."""
    from pymongo.errors import OperationFailure

    docs = fresh_ferretdb["nul"]
    docs.insert_one({"_id": "plain", "n": 1})
    for i in range(200):
        with pytest.raises(OperationFailure, match="NUL"):
            docs.find_one({"_id": f"bad\x00{i}"})
    with pytest.raises(OperationFailure, match="NUL"):
        docs.insert_one({"_id": "x", "title": "a\x00b"})
    with pytest.raises(OperationFailure, match="NUL"):
        docs.update_one({"_id": "plain"}, {"$set": {"tags": ["ok", "a\x00"]}})
    assert docs.find_one({"_id": "plain"}) == {"_id": "plain", "n": 1}
    assert docs.count_documents({}) == 1


def test_one_command_of_many_update_statements_finishes_and_the_store_keeps_answering(fresh_ferretdb):
    """FerretDB 1.24 kept each statement's query (and its pooled connection) open until the whole
    update command ended, so one bulk write of more statements than the pool has connections waited
    for ever and froze every other client; the local build closes each statement's query."""
    from pymongo import UpdateOne

    docs = fresh_ferretdb["bulk"]
    statements = 400  # well past the pool of 150
    docs.insert_many([{"_id": f"b{i}", "n": 0} for i in range(statements)])
    result: dict = {}
    writer = threading.Thread(target=lambda: result.update(
        written=docs.bulk_write([UpdateOne({"_id": f"b{i}"}, {"$inc": {"n": 1}}) for i in range(statements)])),
        daemon=True)
    writer.start()
    writer.join(60)
    assert not writer.is_alive(), f"a bulk write of {statements} updates was still waiting after 60 s: the store froze"
    assert result["written"].modified_count == statements
    assert docs.count_documents({"n": 1}) == statements
    assert fresh_ferretdb.command("ping")["ok"] == 1
