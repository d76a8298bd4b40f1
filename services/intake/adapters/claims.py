"""Claims on state shared between entries: a title per competition, an agency's slots per group.

A claim is a document under a unique `_id`, inserted before the entry's submit update, so two
concurrent submits of one title accept exactly one and an agency never holds more slots than
its cap, whatever the concurrency (a conditional `$inc` is not atomic on FerretDB; a unique
insert is). Claims are never deleted: a claim goes stale when its entry is withdrawn, no
longer carries that title or agency, or stayed a draft long after claiming (a crashed submit).
The next claimant then inserts the next generation, `<key>#<n+1>`, so breaking a stale claim
is itself a unique insert and two claimants cannot both win. A retry of a crashed submit
simply claims again. Only `_id` lookups are used: FerretDB scans for any other filter.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Callable

from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from services.intake.domain.eligibility import agency_key, normalise_title
from services.intake.domain.errors import AgencyCap, DuplicateTitle

OWNER_FIELDS = {"status": 1, "competition_id": 1, "title": 1, "group": 1, "agency": 1}


def title_key(entry: dict) -> str:
    """What a title claim stands for: the competition and the normalised title."""
    return f"{entry['competition_id']}|{normalise_title(entry['title'])}"


def agency_id(entry: dict) -> str:
    """What an agency slot stands for: the competition, the group and the agency."""
    return f"{entry['competition_id']}|{entry['group']}|{agency_key(entry['agency'])}"


class Claims:
    def __init__(self, db: Database, entries: Collection, stale_after: float = 30.0):
        self.titles = db["title_claims"]
        self.slots = db["agency_slots"]
        self.entries = entries
        self.stale_after = timedelta(seconds=stale_after)

    def take_title(self, entry: dict) -> None:
        """Claim the entry's normalised title in its competition, or raise DuplicateTitle."""
        if not self._take(self.titles, title_key(entry), entry, title_key):
            raise DuplicateTitle("Judul yang sama (tanpa memperhatikan huruf besar, tanda baca dan spasi) sudah "
                                 "diajukan dalam kompetisi ini.", "title")

    def take_agency_slot(self, entry: dict, cap: int) -> None:
        """Claim one of the agency's `cap` slots in the entry's group, or raise AgencyCap."""
        start = int(entry["_id"].replace("-", "")[-6:], 16) % cap if cap else 0  # spread probes over slots
        for step in range(cap):
            if self._take(self.slots, f"{agency_id(entry)}|{(start + step) % cap}", entry, agency_id):
                return
        raise AgencyCap(f"Instansi ini sudah mengajukan {cap} inovasi pada kelompok '{entry['group']}'; "
                        "itu batasnya.", "agency")

    def _take(self, collection: Collection, name: str, entry: dict, key_of: Callable[[dict], str]) -> bool:
        """Walk the generations of claim `name`: False when another entry holds a live one, else claim the
        first free one. `key_of(entry)` is what the claim stands for, to tell whether its holder still needs it."""
        generation = 0
        while True:
            claim_id = f"{name}#{generation}"
            try:
                collection.insert_one({"_id": claim_id, "key": key_of(entry), "entry_id": entry["_id"],
                                       "at": datetime.now(timezone.utc)})
                return True
            except DuplicateKeyError:
                held = collection.find_one({"_id": claim_id})
            if held is not None and held["entry_id"] != entry["_id"] and not self._stale(held, key_of):
                return False
            generation += 1 if held is not None else 0

    def _stale(self, held: dict, key_of: Callable[[dict], str]) -> bool:
        owner = self.entries.find_one({"_id": held["entry_id"]}, OWNER_FIELDS)
        if owner is None or owner["status"] == "withdrawn":
            return True
        if owner["status"] == "draft":
            return held["at"] < datetime.now(timezone.utc) - self.stale_after
        return key_of(owner) != held["key"]
