"""Claims on state shared between entries (DESIGN §6): a title per competition, an agency's slots per group.

A claim is one document whose `_id` is what is claimed (`competition|normalised title`, or
`competition|group|agency`). It admits at most `cap` entries (1 for a title): `holds` maps each
holding entry's id to a hold `{token, at}` and `count` is their number. Taking a slot is one
conditional update, "fewer than `cap` holds and none of them mine", upserted when the claim is
new, so of racing submits exactly as many win as there are free slots (the store applies a
single-document update atomically; an upsert that meets an existing `_id` fails on its unique
index). A retry of the same entry's submit finds its own hold and renews it, so it never counts
twice. Withdrawing an entry releases its holds.

A hold can outlive its purpose: a submit that crashed after claiming leaves a draft holding it,
a withdrawal that crashed before releasing leaves a withdrawn entry holding it, and a draft may
have changed title, group or agency since. So when a claim is full, each hold is checked against
its entry: a submitted entry that still carries the claim keeps it, and so does a draft that
still carries it and claimed less than `stale_after` ago (its submit is in flight); any other
hold is removed. Removing a draft's hold first bumps the draft's version (`Store.fence_draft`),
which fails any submit that read the draft before, and then removes the hold only if its token
is unchanged, which fails if the draft renewed it since. Either way a draft that loses its hold
cannot be submitted without claiming again. Every query here is by `_id`.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Callable

from pymongo.collection import Collection
from pymongo.database import Database

from shared.mongo.claims import upsert_where
from services.intake.adapters.store import Store
from services.intake.domain.eligibility import agency_key, normalise_title
from services.intake.domain.errors import AgencyCap, DuplicateTitle

OWNER_FIELDS = {"status": 1, "competition_id": 1, "title": 1, "group": 1, "agency": 1}
ATTEMPTS = 8  # each further attempt follows a change by someone else (a release, a removed hold)


def title_key(entry: dict) -> str:
    """What a title claim stands for: the competition and the normalised title."""
    return f"{entry['competition_id']}|{normalise_title(entry['title'])}"


def agency_id(entry: dict) -> str:
    """What an agency's slots stand for: the competition, the group and the agency."""
    return f"{entry['competition_id']}|{entry['group']}|{agency_key(entry['agency'])}"


def claim_held_by(key: str, entry_ids: list[str], at: datetime) -> dict:
    """The claim document that `entry_ids` leave once each holds `key` (for loading entries in bulk)."""
    return {"_id": key, "count": len(entry_ids), "holds": {i: {"token": uuid.uuid4().hex, "at": at} for i in entry_ids}}


def _hold_path(entry_id: str) -> str:
    return f"holds.{entry_id}"  # entry ids are uuids: no '.' or '$' in the key


def _drop(collection: Collection, key: str, entry_id: str, token: str | None = None) -> bool:
    """Remove the entry's hold on claim `key` (only the hold with `token`, when given)."""
    path = _hold_path(entry_id)
    query = {"_id": key, f"{path}.token": token} if token else {"_id": key, path: {"$exists": True}}
    return collection.update_one(query, {"$unset": {path: ""}, "$inc": {"count": -1}}).modified_count == 1


class Claims:
    def __init__(self, db: Database, store: Store, stale_after: float = 30.0):
        self.titles = db["title_claims"]
        self.agencies = db["agency_slots"]
        self.store = store
        self.stale_after = timedelta(seconds=stale_after)

    def take_title(self, entry: dict) -> str:
        """Claim the entry's normalised title in its competition (its hold's token), or raise DuplicateTitle."""
        token = self._take(self.titles, title_key(entry), entry, 1, title_key)
        if token is None:
            raise DuplicateTitle("Judul yang sama (tanpa memperhatikan huruf besar, tanda baca dan spasi) sudah "
                                 "diajukan dalam kompetisi ini.", "title")
        return token

    def take_agency_slot(self, entry: dict, cap: int) -> str:
        """Claim one of the agency's `cap` slots in the entry's group (its hold's token), or raise AgencyCap."""
        token = self._take(self.agencies, agency_id(entry), entry, cap, agency_id)
        if token is None:
            raise AgencyCap(f"Instansi ini sudah mengajukan {cap} inovasi pada kelompok '{entry['group']}'; "
                            "itu batasnya.", "agency")
        return token

    def release_title(self, entry: dict, token: str) -> None:
        """Give the title back after a submit that failed later on (only the hold it took)."""
        _drop(self.titles, title_key(entry), entry["_id"], token)

    def release(self, entry: dict) -> None:
        """Give up the entry's title and agency slot (it was withdrawn); repeating it is harmless."""
        _drop(self.titles, title_key(entry), entry["_id"])
        _drop(self.agencies, agency_id(entry), entry["_id"])

    def _take(self, collection: Collection, key: str, entry: dict, cap: int,
              key_of: Callable[[dict], str]) -> str | None:
        """A hold on claim `key` for `entry` (its token), or None when `cap` others hold it rightly."""
        path = _hold_path(entry["_id"])
        for _ in range(ATTEMPTS):
            hold = {"token": uuid.uuid4().hex, "at": datetime.now(timezone.utc)}
            if upsert_where(collection, {"_id": key, "count": {"$lt": cap}, path: {"$exists": False}},
                            {"$inc": {"count": 1}, "$set": {path: hold}}):
                return hold["token"]
            # the claim exists and is full, or the entry holds it already
            claim = collection.find_one({"_id": key})
            if claim is None:
                continue
            if entry["_id"] in claim.get("holds", {}):
                if collection.update_one({"_id": key, path: {"$exists": True}}, {"$set": {path: hold}}).matched_count:
                    return hold["token"]
                continue
            if claim["count"] < cap:
                continue  # a hold was released meanwhile
            if not any([self._remove_if_stale(collection, key, holder, held, key_of)
                        for holder, held in claim["holds"].items()]):
                return None
        return None

    def _remove_if_stale(self, collection: Collection, key: str, holder: str, held: dict,
                         key_of: Callable[[dict], str]) -> bool:
        """Remove `holder`'s hold unless its entry rightly keeps it; True when it was removed."""
        owner = self.store.get_entry(holder, OWNER_FIELDS)
        if owner is not None and owner["status"] == "draft":
            if key_of(owner) == key and not self._expired(held):
                return False  # its submit is in flight
            if not self.store.fence_draft(holder):
                owner = self.store.get_entry(holder, OWNER_FIELDS)  # it was submitted meanwhile
        if owner is not None and owner["status"] == "submitted" and key_of(owner) == key:
            return False
        return _drop(collection, key, holder, held["token"])

    def _expired(self, held: dict) -> bool:
        at = held["at"] if held["at"].tzinfo else held["at"].replace(tzinfo=timezone.utc)
        return at < datetime.now(timezone.utc) - self.stale_after
