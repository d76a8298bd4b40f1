"""Wiring: real adapters from settings. Nothing here runs at import time."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pymongo import MongoClient

from shared.config import Settings
from shared.mongo.client import connect
from services.reporting.adapters.store import Catalog, Store


@dataclass
class Deps:
    settings: Settings
    client: MongoClient
    catalog: Catalog
    public_key: bytes

    def store(self) -> Store:
        """The read model in use now (a rebuild swaps in a new one)."""
        return self.catalog.current()


def bootstrap(settings: Settings, client: MongoClient | None = None) -> Deps:
    client = client if client is not None else connect(settings.mongo_uri)
    return Deps(settings=settings, client=client, catalog=Catalog(client, settings.database_name),
                public_key=Path(settings.jwt_public_key_file).read_bytes())
