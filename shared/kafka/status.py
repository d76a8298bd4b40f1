"""What the consumer loops say about themselves, kept in the service's own database.

The worker process runs the loops; the web process answers /readyz and /metrics. So a loop writes
down what an operator must see: a record whose handler fails (where, how often, why) and each
record dead-lettered, in `consumer_status`, one document per topic:

    {_id: "<topic>", failures: n, dead_letters: n,
     failing: {"<partition>": {offset, event_id, attempts, error, at} or None}}

Nothing is written while all goes well. A failing record is tried again at least once per backoff
maximum and each try renews its `at`, so an entry older than STALE_SECONDS belongs to a loop that
is gone (stopped, or its partition moved to a worker that has handled the record since) and is not
counted. Only `$set` and `$inc` are used (DESIGN §7); a recovered partition's entry is set to None.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import pymongo
from pymongo.database import Database
from pymongo.errors import PyMongoError

log = logging.getLogger(__name__)
COLLECTION = "consumer_status"
STALE_SECONDS = 60.0
WRITE_SECONDS = 1.0  # a status write never holds a loop up longer than this, store down or not


class ConsumerStatus:
    """Records failures and dead letters of one service's consumer loops, and reads them back."""

    def __init__(self, db: Database):
        self.collection = db[COLLECTION]

    def failing(self, topic: str, partition: int, offset: int, event_id: str | None, attempts: int,
                error: str) -> None:
        entry = {"offset": offset, "event_id": event_id, "attempts": attempts, "error": error[:500],
                 "at": datetime.now(timezone.utc)}
        self._write(topic, {"$inc": {"failures": 1}, "$set": {f"failing.{partition}": entry}})

    def recovered(self, topic: str, partition: int) -> None:
        self._write(topic, {"$set": {f"failing.{partition}": None}})

    def dead_lettered(self, topic: str) -> None:
        self._write(topic, {"$inc": {"dead_letters": 1}})

    def _write(self, topic: str, update: dict) -> None:
        try:
            with pymongo.timeout(WRITE_SECONDS):
                self.collection.update_one({"_id": topic}, update, upsert=True)
        except PyMongoError as exc:  # the loop goes on; the store being down shows in /readyz by itself
            log.warning("consumer status of %s not recorded: %s", topic, exc)

    def topics(self) -> list[dict]:
        """Every topic's document (a handful: one per consumed topic)."""
        return list(self.collection.find({}))


class NoStatus:
    """Where a loop's failures go when nobody reads them (tests, tools)."""

    def failing(self, *args) -> None:
        pass

    def recovered(self, *args) -> None:
        pass

    def dead_lettered(self, *args) -> None:
        pass


def failing_entries(docs: list[dict], now: datetime | None = None) -> list[dict]:
    """The records failing now, newest first: {topic, partition, offset, event_id, attempts, error, at}."""
    horizon = (now or datetime.now(timezone.utc)) - timedelta(seconds=STALE_SECONDS)
    found = [{"topic": doc["_id"], "partition": int(partition), **entry}
             for doc in docs for partition, entry in (doc.get("failing") or {}).items()
             if entry and _aware(entry["at"]) >= horizon]
    return sorted(found, key=lambda entry: entry["at"], reverse=True)


def summary(docs: list[dict], now: datetime | None = None) -> dict:
    """The /readyz members: how many records are failing, and the newest failure."""
    failing = failing_entries(docs, now)
    last = None
    if failing:
        last = {**failing[0], "at": _aware(failing[0]["at"]).isoformat()}
    return {"failing_events": len(failing), "last_error": last}


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
