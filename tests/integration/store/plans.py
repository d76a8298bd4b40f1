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
sequential scan. On real MongoDB (the containers stack) it fails on a COLLSCAN instead. Run it against a collection big enough for the planner to prefer an
index where one exists (the tests use ≥ 20,000 documents).
"""
from __future__ import annotations

import json

from pymongo.collection import Collection

MIN_DOCUMENTS = 20_000


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
    count = collection.estimated_document_count()
    assert count >= MIN_DOCUMENTS, f"{collection.full_name} holds {count} documents; plans need ≥ {MIN_DOCUMENTS}"
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
