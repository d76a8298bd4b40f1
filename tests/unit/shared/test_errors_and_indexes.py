"""shared.errors.refusal / only_if_visible and shared.mongo.indexes.ensure_indexes."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from pymongo import MongoClient
from pymongo.database import Database

from shared.errors import NotFound, RuleBroken, only_if_visible, refusal
from shared.mongo.indexes import ensure_indexes

Late = refusal("too-late", 422, doc="Past the deadline.")


def test_a_refusal_is_a_rule_of_the_module_that_declares_it():
    assert issubclass(Late, RuleBroken)
    assert (Late.__name__, Late.__module__, Late.rule, Late.status, Late.__doc__) == (
        "TooLate", __name__, "too-late", 422, "Past the deadline.")
    with pytest.raises(Late) as raised:
        raise Late("Sudah lewat.", "closes_at")
    assert raised.value.errors == {"closes_at": ["Sudah lewat."]}
    assert refusal("busy").status == 409


def test_only_what_the_caller_may_see_is_found():
    assert only_if_visible({"id": 1}, lambda found: True, "entry 1") == {"id": 1}
    for found, may_see in [(None, lambda found: True), ({"id": 1}, lambda found: False)]:
        with pytest.raises(NotFound, match="entry 1 not found"):
            only_if_visible(found, may_see, "entry 1")


class Adapter:
    def __init__(self):
        self.created = 0

    def ensure_indexes(self) -> None:
        self.created += 1


@dataclass
class Deps:
    db: Database
    store: Adapter
    files: Adapter
    public_key: bytes


def test_every_adapter_creates_its_indexes_and_nothing_else_is_called():
    client = MongoClient("mongodb://127.0.0.1:9", connect=False, serverSelectionTimeoutMS=100)
    deps = Deps(db=client["kipp"], store=Adapter(), files=Adapter(), public_key=b"")
    ensure_indexes(deps)  # a Database answers .ensure_indexes with a collection; calling it would fail
    assert (deps.store.created, deps.files.created) == (1, 1)
    client.close()
