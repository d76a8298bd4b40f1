"""intake's MongoDB adapter: competitions and entries, each carrying its own outbox.

State changes are conditional single-document updates, so of two racing requests exactly one
changes the entry; events ride in the same update (`shared.mongo.outbox.write`). Every change
to a draft bumps its `version`, and a submission matches only the version it checked, so an
edit (or a claim taken away, services/intake/adapters/claims.py) between the checks and the
update makes the submit check again instead of submitting what it did not check.

Every hot query has an equality on a declared index first: FerretDB hands only top-level
equalities to its SQL backend and does the rest (ranges, sorting, limits) itself over what
came back. A region's list is selective by its area: `area_region` (the agency's region) and
`area_province` are top-level copies of the agency's place, set on create and by every PATCH
that changes the agency, so whoever created an entry, the region it belongs to finds it. A list
of a whole competition is not selective,
so it is read bucket by bucket: `list_bucket` is fixed by the first two hex digits of the id,
so the buckets follow id order and the list can page by id across them.
"""
from __future__ import annotations

import re

from pymongo import ASCENDING
from pymongo.database import Database

from shared.mongo.claims import insert_once
from shared.mongo import outbox
from services.intake.domain.entries import area_fields

STORE_ONLY = {"outbox": 0, "list_bucket": 0}
LIST_HIDDEN = {**STORE_ONLY, "sections": 0}
LIST_BUCKETS = 64
HEX_PAIR = re.compile(r"[0-9a-f]{2}")
DRAFT_EDITED = {"$inc": {"version": 1}}
AREAS_ADDED = "entries-area-fields"  # the marker of the one-time upgrade of entries made before areas


def list_bucket(entry_id: str) -> int:
    """The list bucket of an entry id (a uuid): its first two hex digits scaled to LIST_BUCKETS, in id order."""
    return int(entry_id[:2], 16) * LIST_BUCKETS // 256 if HEX_PAIR.match(entry_id[:2]) else 0


def stored_entry(entry: dict) -> dict:
    """A new entry as the store keeps it: with its draft version and its list bucket."""
    return {**entry, "version": 0, "list_bucket": list_bucket(entry["_id"])}


def list_filter(cid: str, scope: dict, status: str | None, after: str | None) -> dict:
    """The filter of an entry list: equalities first (they reach the index), then the cursor."""
    query = {"competition_id": cid, **scope}
    if status:
        query["status"] = status
    if after:
        query["_id"] = {"$gt": after}
    return query


class Store:
    def __init__(self, db: Database):
        self.db = db
        self.competitions = db["competitions"]
        self.entries = db["entries"]
        self.upgrades = db["upgrades"]

    def ensure_indexes(self) -> None:
        """The outbox index of both collections and one index per shape of entry list."""
        for collection in (self.competitions, self.entries):
            outbox.ensure_indexes(collection)
        for scope in ("area_region", "area_province"):
            self.entries.create_index([("competition_id", ASCENDING), (scope, ASCENDING), ("_id", ASCENDING)])
        self.entries.create_index([("competition_id", ASCENDING), ("list_bucket", ASCENDING), ("_id", ASCENDING)])
        self.entries.create_index([("competition_id", ASCENDING), ("status", ASCENDING), ("list_bucket", ASCENDING),
                                   ("_id", ASCENDING)])

    # competitions
    def get_competition(self, cid: str) -> dict | None:
        return self.competitions.find_one({"_id": cid}, {"outbox": 0})

    def save_competition(self, definition: dict, event: dict) -> None:
        """Replace the definition and queue its publication in one document update."""
        outbox.write(self.competitions, {"_id": definition["id"]}, {"$set": {"definition": definition}}, [event],
                     upsert=True)

    def list_competitions(self, after: str | None, limit: int) -> list[dict]:
        """A page of competitions (a handful a year, so the range and sort over all of them are cheap)."""
        query = {"_id": {"$gt": after}} if after else {}
        return list(self.competitions.find(query, {"outbox": 0}).sort("_id", ASCENDING).limit(limit))

    # entries
    def insert_entry(self, entry: dict) -> bool:
        """Insert a new draft; False when an entry with its id exists already."""
        return insert_once(self.entries, stored_entry(entry))

    def get_entry(self, entry_id: str, fields: dict | None = None) -> dict | None:
        """The entry as the service sees it, or only `fields` of it."""
        return self.entries.find_one({"_id": entry_id}, fields or STORE_ONLY)

    def list_entries(self, cid: str, scope: dict, status: str | None, after: str | None, limit: int) -> list[dict]:
        """Up to `limit` entries in id order after `after`; `scope` narrows them to a region (or not at all)."""
        query = list_filter(cid, scope, status, after)
        if scope:
            return self._page(query, limit)
        found: list[dict] = []
        for bucket in range(list_bucket(after) if after else 0, LIST_BUCKETS):
            found += self._page({**query, "list_bucket": bucket}, limit - len(found))
            if len(found) >= limit:
                break
        return found

    def _page(self, query: dict, limit: int) -> list[dict]:
        return list(self.entries.find(query, LIST_HIDDEN).sort("_id", ASCENDING).limit(limit))

    def update_draft(self, entry_id: str, update: dict) -> bool:
        """Change the entry if it is still a draft (bumping its version); False when it no longer is."""
        edit = outbox.merge_updates(update, DRAFT_EDITED)
        return self.entries.update_one({"_id": entry_id, "status": "draft"}, edit).matched_count == 1

    def fence_draft(self, entry_id: str) -> bool:
        """Bump a draft's version so that a submit which read it earlier fails; False if it is no draft."""
        return self.update_draft(entry_id, {})

    def change_with_event(self, entry: dict, changes: dict, event: dict) -> bool:
        """Apply `changes` and queue `event` in one update (DESIGN §7), only if the entry is still as
        read (status and version); False if it changed meanwhile."""
        expected = {"_id": entry["_id"], "status": entry["status"], "version": entry.get("version")}
        return outbox.write(self.entries, expected, {"$set": changes}, [event]).matched_count == 1

    def add_areas(self) -> int:
        """Once per database: give entries made before areas existed their area fields (how many changed).
        Reads every entry once, so it is marked done and never repeated."""
        if self.upgrades.find_one({"_id": AREAS_ADDED}) is not None:
            return 0
        changed = 0
        for entry in self.entries.find({"area_region": {"$exists": False}}, {"agency": 1}):
            if isinstance(entry.get("agency"), dict):
                unchanged = {"_id": entry["_id"], "agency": entry["agency"], "area_region": {"$exists": False}}
                changed += self.entries.update_one(unchanged, {"$set": area_fields(entry["agency"])}).modified_count
        self.upgrades.update_one({"_id": AREAS_ADDED}, {"$set": {"entries": changed}}, upsert=True)
        return changed
