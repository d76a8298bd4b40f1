"""The worker's outbound work: queueing deliveries, flushing batches and digests, sending."""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta

from services.notify.ports import Deps
from services.notify.domain import accumulate, labels
from services.notify.domain.compose import compose, envelope_sender
from services.notify.domain.sending import Outcome, gives_up, outcome_event, retry_delay

log = logging.getLogger(__name__)


def enqueue(deps: Deps, deliveries: list[dict]) -> None:
    """Record deliveries as queued; this worker's sender gets the new ones at once, any sender finds them."""
    fresh = deps.deliveries.enqueue(deliveries)
    if fresh and deps.hint:
        deps.hint(fresh)


# --- batches and digests ---------------------------------------------------------------
def flush(deps: Deps, accumulator, doc: dict, keys: list[str], make_delivery, now: datetime) -> bool:
    """Mark, queue one delivery for, and clear `keys`; finishing a flush another run left half done."""
    flushing = doc.get("flush")
    if not flushing:
        if not keys:
            return False
        flushing = {"id": accumulate.flush_id(keys), "keys": keys}
        if not accumulator.claim(doc["_id"], flushing):
            return False
    enqueue(deps, [make_delivery(doc, flushing["keys"], now)])
    accumulator.clear(doc["_id"], flushing)
    return True


def flush_due_batches(deps: Deps, now: datetime) -> int:
    """Send each judge's assignment notice once their run has gone quiet."""
    t = deps.tuning
    due = [doc for doc in deps.batches.with_items()
           if doc.get("flush") or accumulate.batch_due(doc, now, t.batch_quiet_seconds, t.batch_max_wait_seconds)]
    return sum(flush(deps, deps.batches, doc, sorted(doc.get("items") or {}), accumulate.batch_delivery, now)
               for doc in due)


def close_digests(deps: Deps, day: str, now: datetime) -> int:
    """Queue one digest per daily contact covering every change dated on or before `day`."""
    return sum(flush(deps, deps.digests, doc, accumulate.digest_keys_through(doc, day),
                     accumulate.digest_delivery, now) for doc in deps.digests.with_items())


def close_yesterdays_digests(deps: Deps, now: datetime) -> int:
    """After the configured hour (WIB), close yesterday's digests once."""
    local = now.astimezone(labels.WIB)
    yesterday = (local.date() - timedelta(days=1)).isoformat()
    if local.hour < deps.tuning.digest_hour or deps.store.digests_closed_through() >= yesterday:
        return 0
    count = close_digests(deps, yesterday, now)
    deps.store.set_digests_closed_through(yesterday)
    return count


# --- sending ---------------------------------------------------------------------------
class Leases:
    """The claims one sender holds, each renewed (`renew_all`, every third of the lease) until its attempt
    is settled: a sender that dies stops renewing, and its deliveries lapse within one lease."""

    def __init__(self, deps: Deps):
        self.deps, self.seconds = deps, deps.tuning.lease_seconds
        self.held: dict[str, dict] = {}
        self.lock = threading.Lock()

    def hold(self, claimed: dict) -> None:
        claimed["lease_ends"] = time.monotonic() + self.seconds  # this process's clock, not kept
        with self.lock:
            self.held[claimed["_id"]] = claimed

    def release(self, claimed: dict) -> None:
        with self.lock:
            self.held.pop(claimed["_id"], None)

    def renew_all(self, now: datetime) -> None:
        with self.lock:
            held = list(self.held.values())
        for claimed in held:
            renewed_at = time.monotonic()
            if self.deps.deliveries.renew(claimed, now, self.seconds):
                claimed["lease_ends"] = renewed_at + self.seconds


def send_one(deps: Deps, smtp, delivery_id: str, now: datetime, leases: Leases | None = None) -> str | None:
    """Make one attempt at a queued delivery: its status afterwards, or None when it was not ours
    to make (not due, held by another sender, or settled already)."""
    claimed = deps.deliveries.claim(delivery_id, now, deps.tuning.lease_seconds)
    if claimed is None:
        return None
    leases = leases or Leases(deps)
    leases.hold(claimed)
    try:
        return _attempt(deps, smtp, claimed, now)
    finally:
        leases.release(claimed)


def _attempt(deps: Deps, smtp, claimed: dict, now: datetime) -> str | None:
    """Build, send and record one claimed delivery."""
    try:
        rendered = deps.templates.render(claimed["template"], claimed["language"], claimed["context"])
        message = compose(claimed, rendered, deps.settings.mail_from, now)
    except Exception as exc:  # a message that cannot be built never will be: a permanent failure
        return _finish(deps, claimed, "failed", Outcome(0, f"cannot build message: {type(exc).__name__}: {exc}"), now)
    outcome = smtp.send(message, envelope_sender(deps.settings.mail_from), claimed["recipient"])
    if outcome.sent:
        return _finish(deps, claimed, "sent", outcome, now)
    if outcome.permanent or gives_up(claimed, now, deps.tuning.give_up_hours):
        return _finish(deps, claimed, "failed", outcome, now)
    delay = retry_delay(claimed["attempts"] + 1, deps.tuning.retry_base_seconds, deps.tuning.retry_max_seconds)
    return _settled(deps.deliveries.reschedule(claimed, outcome.text, now + timedelta(seconds=delay), now),
                    claimed, "queued")


def _finish(deps: Deps, claimed: dict, status: str, outcome: Outcome, now: datetime) -> str | None:
    """The final record with its outcome event (published by the deliveries' outbox relay)."""
    error = None if status == "sent" else outcome.text
    reply = outcome.text if outcome.code else None
    event = outcome_event(claimed, status, error, reply)
    return _settled(deps.deliveries.finish(claimed, status, reply, error, event, now), claimed, status)


def _settled(recorded: bool, claimed: dict, status: str) -> str | None:
    """`status` once the write that settles the attempt matched the claim (the store keeps trying it while
    it is unreachable, until the claim's lease is nearly over); None when the claim was lost."""
    if not recorded:  # the lease ran out mid-attempt and another sender took the delivery over
        log.warning("delivery %s: claim lost before its %s outcome was recorded", claimed["_id"], status)
    return status if recorded else None
