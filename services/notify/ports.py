"""What notify's handlers need from the world outside, as protocols; `bootstrap` wires the adapters that
keep them (adapters/), tests may wire others. Handlers import these, never an adapter."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Callable, Protocol

from pymongo.collection import Collection
from pymongo.database import Database

from shared.config import Settings
from services.notify.config import Tuning
from services.notify.domain.compose import Rendered
from services.notify.domain.sending import Outcome


class Store(Protocol):
    """Competitions, entries, region contacts, held and parked events."""

    def competition_name(self, cid: str) -> str | None:
        """The competition's name, or None while it is not known here."""

    def contacts_for(self, codes: list[str]) -> dict[str, dict]:
        """The contact records of these codes, cached until the contacts' version changes."""

    def digests_closed_through(self) -> str: ...

    def get_contacts(self, code: str) -> dict | None: ...

    def get_entry(self, entry_id: str) -> dict | None:
        """The entry, or None while only a placeholder (or nothing) is kept."""

    def held_count(self) -> dict[str, int]:
        """How many events wait for each competition not known yet (few, and none for long, normally)."""

    def held_for(self, cid: str) -> list[tuple[dict, dict]]:
        """(event, entry) of each event held for this competition, oldest first."""

    def hold(self, event: dict, entry: dict, now: datetime) -> None: ...

    def mark_withdrawn(self, entry_id: str, at: str) -> None: ...

    def park(self, event: dict, now: datetime) -> None:
        """Keep the event, and leave a placeholder so the entry's arrival notices it."""

    def parked(self, entry_id: str) -> list[dict]: ...

    def parked_count(self) -> int: ...

    def put_contacts(self, code: str, record: dict) -> dict: ...

    def save_competition(self, definition: dict) -> None: ...

    def save_entry(self, entry_id: str, copy: dict) -> tuple[dict, bool]:
        """Keep the entry (newest revision wins); returns what is kept and whether it was new."""

    def set_digests_closed_through(self, day: str) -> None: ...

    def unhold(self, event_id: str) -> None: ...

    def unpark(self, event_id: str) -> None: ...


class Deliveries(Protocol):
    """One document per mail to send: queued, claimed under a lease, finished."""
    collection: Collection

    def backlog(self) -> int:
        """Deliveries not yet settled (up to BACKLOG_COUNTED_UP_TO), plus settled ones whose outcome
        is not yet published."""

    def claim(self, delivery_id: str, now: datetime, lease_seconds: float) -> dict | None:
        """Take the delivery for one attempt; the delivery as claimed, or None when it is not due,
        another sender holds it, or it is settled."""

    def due(self, now: datetime, limit: int) -> list[str]:
        """Ids of deliveries a sender may take now: first attempts, retries that fell due, lapsed claims."""

    def enqueue(self, deliveries: list[dict]) -> list[str]:
        """Record deliveries as queued; returns the ids that are new (a redelivered event adds none)."""

    def finish(self, claimed: dict, status: str, reply: str | None, error: str | None, event: dict,
               now: datetime) -> bool:
        """Record the final state with its outcome event, in one update; False if the claim was lost; kept
        trying while the store is unreachable, until the claim's lease is nearly over."""

    def get(self, delivery_id: str) -> dict | None: ...

    def page(self, query: dict, limit: int, after: tuple[datetime, str] | None) -> list[dict]:
        """Newest first, at most `limit` + 1 rows after the cursor."""

    def renew(self, claimed: dict, now: datetime, lease_seconds: float) -> bool:
        """Extend the claim's lease while its attempt goes on; False when the claim is no longer held."""

    def reschedule(self, claimed: dict, error: str, at: datetime, now: datetime) -> bool:
        """Give the claim back with the attempt's error; the next attempt is due at `at`. False if the claim was
        lost; kept trying while the store is unreachable, until the claim's lease is nearly over."""


class Accumulator(Protocol):
    """Items gathered in one document per batch or digest, flushed by marked keys."""

    def add(self, doc_id: str, key: str, item: dict, header: dict) -> bool:
        """Add an item unless that key was mailed already; True when it is (now) waiting."""

    def claim(self, doc_id: str, flush: dict) -> bool:
        """Mark `flush` ({id, keys}) as being mailed; False if another flush is under way."""

    def clear(self, doc_id: str, flush: dict) -> None:
        """Move the flushed keys from `items` to `sent` and end the flush."""

    def with_items(self) -> list[dict]:
        """Documents holding items or an unfinished flush (few: one per judge run or daily contact)."""


class Templates(Protocol):
    """The e-mail templates of every language; HTML is autoescaped, plain text is not."""

    def render(self, name: str, lang: str, context: dict) -> Rendered:
        """Subject, plain text and HTML of template `name` in `lang` for `context`."""


class Accounts(Protocol):
    """People's accounts, their sign-in links and the desk's counters."""
    accounts: Collection

    def add_link(self, link: dict) -> None: ...

    def count(self, kind: str, key: str, window: str) -> int:
        """Add one request to the count of `key` in `window`; the count now."""

    def forget_counts_except(self, window: str) -> None: ...

    def forget_links_before(self, now: datetime) -> None: ...

    def get(self, email: str) -> dict | None: ...

    def note_sign_out(self, email: str, event: dict, now: datetime) -> None:
        """Record a sign-out on the account, its `kipp.account.signed_out` in the same update."""

    def of_judge(self, judge_id: str) -> list[dict]: ...

    def page(self, role: str | None, limit: int, after: str | None) -> list[dict]:
        """Accounts in address order, at most `limit` + 1 after the cursor (one role's, when given)."""

    def peek_link(self, key: str, now: datetime) -> dict | None:
        """The link while it can still be used."""

    def save(self, record: dict, event: dict) -> None:
        """Create or replace an account's fields, its `kipp.account.changed` riding in the same update."""

    def use_link(self, key: str, now: datetime) -> dict | None:
        """Use the link once: the link as it was, or None when it is used, expired or unknown."""


class Mailer(Protocol):
    """Sends one message at a time per thread; each thread keeps its own connection open."""

    def close(self) -> None:
        """Drop this thread's connection."""

    def send(self, message: EmailMessage, sender: str, recipient: str) -> Outcome:
        """MAIL, RCPT, DATA for one recipient; the outcome carries the server's last reply."""


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
    smtp: Callable[[], Mailer]  # the sender's mailer, made when the worker's sender starts
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
