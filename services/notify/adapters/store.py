"""notify's MongoDB adapter: contacts, the copies of entries and competitions, parked and held events."""
from __future__ import annotations

import time
from datetime import datetime

from pymongo import ASCENDING
from pymongo.database import Database

from shared.mongo.claims import CREATED, insert_once, upsert_where
from services.notify.domain.messages import competition_of


class Store:
    def __init__(self, db: Database, name_cache_seconds: float = 60.0):
        self.contacts = db["contacts"]
        self.entries = db["entries"]
        self.competitions = db["competitions"]
        self.waiting = db["waiting"]
        self.held = db["held"]
        self.schedule = db["schedule"]
        self._names: dict[str, tuple[float, str | None]] = {}
        self._contacts: tuple[int, dict[str, dict | None]] = (-1, {})
        self._name_ttl = name_cache_seconds

    def ensure_indexes(self) -> None:
        self.waiting.create_index([("entry_id", ASCENDING), ("time", ASCENDING)])
        self.held.create_index([("competition_id", ASCENDING), ("time", ASCENDING)])

    # contacts (per province or kabupaten/kota code), with a version bumped on every change
    def put_contacts(self, code: str, record: dict) -> dict:
        self.contacts.replace_one({"_id": code}, {"_id": code, **record}, upsert=True)
        self.schedule.update_one({"_id": "contacts"}, {"$inc": {"version": 1}}, upsert=True)
        return {"_id": code, **record}

    def get_contacts(self, code: str) -> dict | None:
        return self.contacts.find_one({"_id": code})

    def contacts_for(self, codes: list[str]) -> dict[str, dict]:
        """The contact records of these codes, cached until the contacts' version changes.

        One read of the version per event instead of one per code: every store operation counts
        when a deadline burst arrives.
        """
        version = int((self.schedule.find_one({"_id": "contacts"}) or {}).get("version", 0))
        cached_version, cache = self._contacts
        if cached_version != version:
            cache = {}
            self._contacts = (version, cache)
        for code in codes:
            if code not in cache:
                cache[code] = self.contacts.find_one({"_id": code})
        return {code: cache[code] for code in codes if cache[code]}

    # the copy of each submitted entry, newest revision wins
    def save_entry(self, entry_id: str, copy: dict) -> tuple[dict, bool]:
        """Keep the entry (newest revision wins); returns what is kept and whether it was new.

        A placeholder left by `park` is replaced like an older revision, so the caller looks for
        parked events whenever the entry was not new (a resubmission, a redelivery, or events that
        came first).
        """
        replaceable = {"_id": entry_id, "$or": [{"placeholder": True}, {"revision": {"$lt": copy["revision"]}}]}
        saved = upsert_where(self.entries, replaceable, {"$set": copy, "$unset": {"placeholder": ""}})
        if saved is None:  # this or a later revision is kept already
            return self.entries.find_one({"_id": entry_id}) or {"_id": entry_id, **copy}, False
        return {"_id": entry_id, **copy}, saved == CREATED

    def get_entry(self, entry_id: str) -> dict | None:
        """The entry, or None while only a placeholder (or nothing) is kept."""
        found = self.entries.find_one({"_id": entry_id})
        return None if found is None or found.get("placeholder") else found

    def mark_withdrawn(self, entry_id: str, at: str) -> None:
        self.entries.update_one({"_id": entry_id}, {"$set": {"withdrawn_at": at}})

    # competition names for the e-mails
    def save_competition(self, definition: dict) -> None:
        self.competitions.update_one({"_id": definition["id"]},
                                     {"$set": {"name": definition.get("name"), "stages": definition.get("stages")}},
                                     upsert=True)
        self._names.pop(definition["id"], None)

    def competition_name(self, cid: str) -> str | None:
        """The competition's name, or None while it is not known here.

        A name is cached briefly (it is read for every e-mail and rarely changes); "not known" never
        is, since mail waits on it and another worker may save the competition at any moment.
        """
        cached = self._names.get(cid)
        if cached and time.monotonic() - cached[0] < self._name_ttl:
            return cached[1]
        found = self.competitions.find_one({"_id": cid}, {"name": 1})
        if found is None:
            return None
        name = found.get("name") or cid
        self._names[cid] = (time.monotonic(), name)
        return name

    # review events that arrived before their entry: kept until the entry is known
    def park(self, event: dict, now: datetime) -> None:
        """Keep the event, and leave a placeholder so the entry's arrival notices it."""
        for collection, doc in ((self.waiting, {"_id": event["id"], "entry_id": event["data"]["entry_id"],
                                                "time": event.get("time") or "", "event": event, "parked_at": now}),
                                (self.entries, {"_id": event["data"]["entry_id"], "placeholder": True})):
            insert_once(collection, doc)

    def parked(self, entry_id: str) -> list[dict]:
        return [doc["event"] for doc in self.waiting.find({"entry_id": entry_id}).sort("time", ASCENDING)]

    def unpark(self, event_id: str) -> None:
        self.waiting.delete_one({"_id": event_id})

    def parked_count(self) -> int:
        return self.waiting.estimated_document_count()

    # an entry's events whose competition is not known yet: kept, with the entry, until it is
    def hold(self, event: dict, entry: dict, now: datetime) -> None:
        doc = {"_id": event["id"], "competition_id": competition_of(entry), "time": event.get("time") or "",
               "event": event, "entry": entry, "held_at": now}
        insert_once(self.held, doc)  # False: held already (a redelivery)

    def held_for(self, cid: str) -> list[tuple[dict, dict]]:
        """(event, entry) of each event held for this competition, oldest first."""
        return [(doc["event"], doc["entry"]) for doc in self.held.find({"competition_id": cid}).sort("time", ASCENDING)]

    def unhold(self, event_id: str) -> None:
        self.held.delete_one({"_id": event_id})

    def held_count(self) -> dict[str, int]:
        """How many events wait for each competition not known yet (few, and none for long, normally)."""
        groups = self.held.aggregate([{"$group": {"_id": "$competition_id", "count": {"$sum": 1}}}])
        return {group["_id"]: group["count"] for group in groups}

    # daily digest schedule
    def digests_closed_through(self) -> str:
        found = self.schedule.find_one({"_id": "digests"})
        return (found or {}).get("closed_through", "")

    def set_digests_closed_through(self, day: str) -> None:
        self.schedule.update_one({"_id": "digests"}, {"$max": {"closed_through": day}}, upsert=True)
