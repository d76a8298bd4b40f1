"""Opening the store. MongoClient connects lazily, so creating one here never blocks."""
from __future__ import annotations

from pymongo import MongoClient
from pymongo.database import Database
from pymongo.errors import PyMongoError

from shared.config import Settings


def connect(uri: str, timeout_ms: int = 3000) -> MongoClient:
    """A client that gives up quickly when the store is down, so callers can answer 503."""
    return MongoClient(uri, serverSelectionTimeoutMS=timeout_ms, connectTimeoutMS=timeout_ms,
                       socketTimeoutMS=max(timeout_ms * 5, 15000), tz_aware=True, uuidRepresentation="standard")


def service_database(client: MongoClient, settings: Settings) -> Database:
    """The database a service owns: `<ns>_<service>`."""
    return client[settings.database_name]


def ping(db: Database) -> bool:
    """True when the store answers."""
    try:
        db.command("ping")
        return True
    except PyMongoError:
        return False
