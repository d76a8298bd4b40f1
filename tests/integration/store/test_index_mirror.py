"""Every index a service declares through pymongo, and `_id`, is one PostgreSQL can use."""
from __future__ import annotations

import shutil
import subprocess
import uuid

import pytest

from tests.integration.store.plans import MIN_DOCUMENTS, assert_indexed, node_types, plan_of


@pytest.fixture(scope="module")
def big(mongo):
    """A collection of 20,000 documents with one declared index (and one field without)."""
    db = mongo[f"mirror_{uuid.uuid4().hex[:8]}"]
    docs = db["docs"]
    docs.create_index([("competition_id", 1), ("status", 1)])
    docs.insert_many([{"_id": f"e{i:06d}", "competition_id": f"c{i % 40}", "status": ("draft", "submitted")[i % 2],
                       "plain": i % 40} for i in range(MIN_DOCUMENTS)])
    yield docs
    mongo.drop_database(db.name)


def test_id_lookups_use_an_index(big):
    assert_indexed(big, {"_id": "e000123"})


def test_every_key_of_a_declared_index_is_usable(big):
    assert_indexed(big, {"competition_id": "c7"})
    assert_indexed(big, {"competition_id": "c7", "status": "draft"})


def test_a_field_without_a_declared_index_is_scanned(big):
    with pytest.raises(AssertionError, match="sequential scan"):
        assert_indexed(big, {"plain": 7})


def test_an_index_declared_on_a_full_collection_is_usable_when_the_call_returns(big):
    big.create_index("plain")
    assert_indexed(big, {"plain": 7})


def test_a_collection_made_by_an_insert_has_its_id_indexed(mongo):
    db = mongo[f"mirror_{uuid.uuid4().hex[:8]}"]
    try:
        db["implicit"].insert_many([{"_id": f"k{i}", "n": i} for i in range(MIN_DOCUMENTS)])
        assert_indexed(db["implicit"], {"_id": "k77"})
        db.drop_collection("implicit")  # a collection dropped and made again gets its index again
        db["implicit"].insert_many([{"_id": f"k{i}", "n": i} for i in range(MIN_DOCUMENTS)])
        assert_indexed(db["implicit"], {"_id": "k77"})
    finally:
        mongo.drop_database(db.name)


def test_the_indexed_answer_is_the_right_one(big):
    assert {d["_id"] for d in big.find({"competition_id": "c7", "status": "submitted"})} == {
        f"e{i:06d}" for i in range(MIN_DOCUMENTS) if i % 40 == 7 and i % 2 == 1}
    assert "Seq Scan" not in node_types(plan_of(big, {"_id": "e000001"}).get("queryPlanner"))


def test_mirror_indexes_keep_no_pending_list(big, stack):
    """GIN's pending list (fastupdate) would hold every new row version unsorted until a vacuum, and each
    lookup would scan it: the mirror makes its indexes without one."""
    count = ("SELECT count(*), count(*) FILTER (WHERE COALESCE(c.reloptions @> '{fastupdate=off}', false)) "
             "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
             f"WHERE n.nspname = '{big.database.name}' AND c.relname LIKE 'kipp_gin_%'")
    psql = shutil.which("psql") or "/usr/lib/postgresql/15/bin/psql"
    answer = subprocess.run([psql, stack.postgres_url, "-Atc", count], capture_output=True, text=True, timeout=30)
    assert answer.returncode == 0, answer.stderr
    indexes, without = (int(n) for n in answer.stdout.strip().split("|"))
    assert indexes >= 3 and without == indexes  # _id, competition_id, status (and plain, once declared)
