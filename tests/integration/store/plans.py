"""Does PostgreSQL answer a query from an index? Asked through FerretDB's `explain`.

FerretDB 1.24 turns the part of a filter it can push down into SQL (`_jsonb->'field' @>
value`) and does the rest in memory over every row that SQL returned. What it pushes down:
equality on a top-level field with a scalar value (string, number, bool, date, ObjectId),
also written as `$eq`. What it does not: dotted paths (`a.b`), `$in`, `$gt`/`$lt`, `$or`,
`$exists`, arrays or documents as values, any sort, and a limit together with a filter.
So a hot query is fast only when its pushed-down part is selective and its fields carry a
declared index (the local stack mirrors each into a GIN index PostgreSQL can use).

    assert_indexed(db["entries"], {"competition_id": cid, "owner_region": "73"})

fails when the filter pushes nothing down or when PostgreSQL's plan reads the table with a
sequential scan. On real MongoDB (the containers stack) it fails on a COLLSCAN instead.

The plan tests do not write their queries out: a service's own adapters run against a
database of its shape (`planned_database`), a command listener (`Filters`) records every
filter they send, and `assert_each_indexed` explains each one. So a query an adapter starts
sending differently is checked as it is sent. Run it against a collection big enough for the planner to prefer an
index where one exists (the tests use ≥ 20,000 documents).
"""
from __future__ import annotations

import json
import uuid
from contextlib import contextmanager

from pymongo import MongoClient, monitoring
from pymongo.collection import Collection

MIN_DOCUMENTS = 20_000
_big_enough: set[str] = set()  # collections already counted (FerretDB counts by reading every row)


def plan_of(collection: Collection, filter: dict) -> dict:
    """FerretDB's explain of `find(filter)`: `queryPlanner` is PostgreSQL's own plan."""
    return collection.database.command("explain", {"find": collection.name, "filter": filter})


def node_types(plan) -> list[str]:
    """Every "Node Type" in a PostgreSQL plan tree, outermost first."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if "Node Type" in node:
                found.append(node["Node Type"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(plan)
    return found


def mongodb_stages(plan) -> list[str]:
    """Every "stage" of a MongoDB winning plan, outermost first."""
    found: list[str] = []
    while isinstance(plan, dict):
        found.append(plan.get("stage", "?"))
        plan = plan.get("inputStage") or (plan.get("inputStages") or [None])[0]
    return found


def assert_indexed(collection: Collection, filter: dict) -> list[str]:
    """Fail unless `find(filter)` is pushed down and planned without a sequential scan."""
    if collection.full_name not in _big_enough:
        count = collection.estimated_document_count()
        assert count >= MIN_DOCUMENTS, f"{collection.full_name} holds {count} documents; plans need ≥ {MIN_DOCUMENTS}"
        _big_enough.add(collection.full_name)
    explained = plan_of(collection, filter)
    plan = explained.get("queryPlanner")
    where = f"find({filter!r}) on {collection.full_name}"
    if isinstance(plan, dict) and "winningPlan" in plan:  # real MongoDB
        stages = mongodb_stages(plan["winningPlan"])
        assert "COLLSCAN" not in stages, f"{where}: MongoDB scans the collection ({' > '.join(stages)})"
        return stages
    nodes = node_types(plan)
    assert explained.get("filterPushdown"), (
        f"{where}: FerretDB pushes none of this filter down to PostgreSQL, so it reads the whole "
        f"collection (only top-level equality on scalars is pushed down; not dotted paths, $in, $gt, $or)")
    assert nodes, f"{where}: no PostgreSQL plan in {json.dumps(explained, default=str)[:500]}"
    assert "Seq Scan" not in nodes, (
        f"{where}: PostgreSQL plans a sequential scan ({' > '.join(nodes)}); is every filtered field indexed "
        f"(collection.create_index) and is the stack's index mirror running?")
    return nodes


def filters_of(name: str, command: dict) -> list[tuple[str, dict]]:
    """(collection, filter) of each query a command sends: find, findAndModify, each update and
    delete statement, and an aggregation's leading $match."""
    if name == "find" and not is_presence_check(command):
        return [(command["find"], dict(command.get("filter") or {}))]
    if name == "findAndModify":
        return [(command["findAndModify"], dict(command["query"]))]
    if name in ("update", "delete"):
        return [(command[name], dict(statement["q"])) for statement in command[name + "s"]]
    if name == "aggregate" and "$match" in (command["pipeline"][:1] or [{}])[0]:
        return [(command["aggregate"], dict(command["pipeline"][0]["$match"]))]
    return []


def is_presence_check(command: dict) -> bool:
    """GridFS's "is there any file yet" before an upload: no filter and limit 1, which FerretDB hands to
    PostgreSQL as a LIMIT (a limit is pushed down when there is no filter), so it reads one row."""
    return not command.get("filter") and command.get("limit") == 1


class Filters(monitoring.CommandListener):
    """Records the (collection, filter) of every query a client sends (filters_of)."""

    def __init__(self):
        self.seen: list[tuple[str, dict]] = []

    def started(self, event):
        self.seen += filters_of(event.command_name, event.command)

    def succeeded(self, event):
        pass

    def failed(self, event):
        pass


@contextmanager
def planned_database(mongo_uri: str, service: str):
    """A fresh database named like `service`'s on a client whose queries are recorded, and the
    recorder; the database is dropped afterwards."""
    filters = Filters()
    client = MongoClient(mongo_uri, event_listeners=[filters], tz_aware=True, uuidRepresentation="standard")
    db = client[f"plans_{uuid.uuid4().hex[:8]}_{service}"]
    try:
        yield db, filters
    finally:
        client.drop_database(db.name)
        client.close()


def insert(collection: Collection, docs) -> None:
    """Insert `docs` (any iterable) in batches."""
    batch = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == 2_000:
            collection.insert_many(batch)
            batch = []
    if batch:
        collection.insert_many(batch)


def ready(db, filters: Filters) -> None:
    """Have PostgreSQL gather the tables' statistics now (FerretDB's collStats runs ANALYZE), so the
    plans are those it makes for this data rather than guesses for tables it never looked at; then
    forget the seeding's queries."""
    for name in db.list_collection_names():
        db.command("collStats", name)
    filters.seen = []


def assert_each_indexed(db, filters: Filters, collections: tuple[str, ...]) -> int:
    """Every filter sent to `collections` since the last call is planned from an index (each different
    one explained once); returns how many were sent."""
    sent = [found for found in filters.seen if found[0] in collections]
    filters.seen = []
    for collection, found in {repr(found): found for found in sent}.values():
        assert_indexed(db[collection], found)
    return len(sent)
