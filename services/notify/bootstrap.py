"""Wiring: real adapters from settings. Nothing here runs at import time."""
from __future__ import annotations

from pymongo.database import Database

from shared.config import Settings
from shared.mongo.client import connect, service_database
from services.notify.adapters.accounts import Accounts
from services.notify.adapters.accumulators import Accumulator
from services.notify.adapters.deliveries import Deliveries
from services.notify.adapters.smtp import SmtpSender
from services.notify.adapters.store import Store
from services.notify.adapters.templates import Templates
from services.notify.config import demo_links, tuning
from services.notify.ports import Deps

CONSUMED = ["entries", "reviews", "competitions", "accounts"]  # topics the worker reads


def bootstrap(settings: Settings, db: Database | None = None) -> Deps:
    """Build the service's dependencies; tests may pass their own database."""
    db = db if db is not None else service_database(connect(settings.mongo_uri), settings)
    demo, tuned = demo_links(settings), tuning(settings)
    return Deps(settings=settings, tuning=tuned, db=db, store=Store(db), deliveries=Deliveries(db),
                batches=Accumulator(db["batches"]), digests=Accumulator(db["digests"]), templates=Templates(),
                accounts=Accounts(db, honour_reusable=demo), demo_links=demo,
                smtp=lambda: SmtpSender(settings, tuned.smtp_timeout, tuned.smtp_ca_file))
