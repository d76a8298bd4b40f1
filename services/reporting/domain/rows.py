"""An entry's ranking row: what the web processes keep of it, as one compact stored value. No I/O.

The worker writes, beside each entry's document, a small document `{_id, competition_id,
batch, row}` whose `row` is this JSON text. A web process loads a competition by reading
those small documents, never the entry documents (reviews, history, notifications). Why
one text and not a field per value: FerretDB 1.24 converts every field of every document
it returns (measured here: ~85 µs per document plus ~13 µs per field, ~0.1 µs per byte of a
string), so the 100,000 rows of a large competition load in ~10 s as one text each and in
~35 s as twenty fields each. On MongoDB either would take well under a second.
"""
from __future__ import annotations

import json
from typing import NamedTuple

VERSION = 1


class StageMarks(NamedTuple):
    """An entry in one stage: live assignments, each scored review's judge and total, the criterion means."""

    assigned: int
    judges: list
    totals: list
    means: dict


class Row(NamedTuple):
    """An entry as the rankings, summary, exports and dashboard read it."""

    id: str
    status: str | None
    stage: str | None
    title: str | None
    agency: str | None
    region_code: str | None
    province_code: str | None
    category: str | None
    cluster: str | None
    submitted_at: str | None
    day: str | None
    decided: list  # stage keys with a result (advanced or eliminated)
    sent: int
    failed: int
    stages: dict  # stage key → StageMarks


def row_text(doc: dict) -> str:
    """The row of an entry document (domain/derived.py has computed its fields) as stored text."""
    agency, notified = doc.get("agency") or {}, doc.get("notified") or {}
    stages = {stage: [marks["assigned"], marks["judges"], marks["totals"], marks["means"]]
              for stage, marks in (doc.get("stages") or {}).items()}
    return json.dumps([VERSION, doc.get("status"), doc.get("stage"), doc.get("title"), agency.get("name"),
                       agency.get("region_code"), doc.get("province_code"), doc.get("category"), doc.get("cluster"),
                       doc.get("submitted_at"), doc.get("day"), sorted(doc.get("results") or {}),
                       int(notified.get("sent") or 0), int(notified.get("failed") or 0), stages],
                      ensure_ascii=False, separators=(",", ":"))


def stored(doc: dict, batch: int | None) -> dict:
    """The small document the web processes read for an entry, stamped with the batch that wrote it."""
    return {"_id": doc["_id"], "competition_id": doc.get("competition_id"), "batch": batch, "row": row_text(doc)}


def parse(entry_id: str, text: str) -> Row:
    """A stored row read back; ValueError for a version this code does not know."""
    return _row(entry_id, json.loads(text))


def parse_many(documents: list[dict]) -> list[Row]:
    """The rows of many stored documents (one JSON parse for all of them: a web process's first load)."""
    values = json.loads("[" + ",".join(document["row"] for document in documents) + "]")
    return [_row(document["_id"], found) for document, found in zip(documents, values)]


def _row(entry_id: str, values: list) -> Row:
    if values[0] != VERSION:
        raise ValueError(f"row of {entry_id} has version {values[0]}, not {VERSION}")
    stages = {stage: StageMarks(*marks) for stage, marks in values[14].items()}
    return Row(entry_id, *values[1:14], stages)
