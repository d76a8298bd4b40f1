"""Wiring: real adapters from settings. Nothing here runs at import time."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pymongo.database import Database

from shared.config import Settings
from shared.mongo.client import connect, service_database
from services.notify.adapters.accounts import Accounts
from services.notify.adapters.accumulators import Accumulator
from services.notify.adapters.deliveries import Deliveries
from services.notify.adapters.smtp import SmtpSender
from services.notify.adapters.store import Store
from services.notify.adapters.templates import Templates
from services.notify.config import Tuning, demo_links, tuning

CONSUMED = ["entries", "reviews", "competitions", "accounts"]  # topics the worker reads


@dataclass
class Deps:
    settings: Settings
    tuning: Tuning
    db: Database
    store: Store
    deliveries: Deliveries
    batches: Accumulator
    digests: Accumulator
    templates: Templates
    accounts: Accounts
    demo_links: bool = False  # NOTIFY_DEMO_LINKS=1: reusable sign-in links are made and honoured (config.demo_links)
    # the worker's sender takes the ids of newly queued deliveries at once; elsewhere they wait
    # until a sender finds them due in the store
    hint: Callable[[list[str]], None] | None = None
    _public_key: bytes | None = field(default=None, repr=False)
    _signin_key: bytes | None = field(default=None, repr=False)

    @property
    def public_key(self) -> bytes:
        """The token-verifying key, read on first use (the worker never needs it)."""
        if self._public_key is None:
            self._public_key = Path(self.settings.jwt_public_key_file).read_bytes()
        return self._public_key

    @property
    def signin_key(self) -> bytes:
        """The sign-in desk's private key (its assertions), read on first use."""
        if self._signin_key is None:
            self._signin_key = Path(self.settings.signin_private_key_file).read_bytes()
        return self._signin_key

    def smtp(self) -> SmtpSender:
        return SmtpSender(self.settings, self.tuning.smtp_timeout, self.tuning.smtp_ca_file)

    def ensure_indexes(self) -> None:
        self.store.ensure_indexes()
        self.deliveries.ensure_indexes()
        self.accounts.ensure_indexes()


def bootstrap(settings: Settings, db: Database | None = None) -> Deps:
    """Build the service's dependencies; tests may pass their own database."""
    db = db if db is not None else service_database(connect(settings.mongo_uri), settings)
    demo = demo_links(settings)
    return Deps(settings=settings, tuning=tuning(settings), db=db, store=Store(db), deliveries=Deliveries(db),
                batches=Accumulator(db["batches"]), digests=Accumulator(db["digests"]), templates=Templates(),
                accounts=Accounts(db, honour_reusable=demo), demo_links=demo)
