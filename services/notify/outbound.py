"""The worker's outbound work: queueing deliveries, flushing batches and digests, sending, relaying."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from services.notify.bootstrap import Deps
from services.notify.domain import accumulate, labels
from services.notify.domain.compose import compose, envelope_sender
from services.notify.domain.sending import Outcome, gives_up, outcome_event, retry_delay


def enqueue(deps: Deps, deliveries: list[dict], now: datetime) -> None:
    """Record deliveries as queued; the worker's sender gets their ids at once, others find them by scan."""
    if not deliveries:
        return
    grace = deps.tuning.orphan_grace_seconds if deps.hint else 0.0
    items = deps.deliveries.enqueue(deliveries, now + timedelta(seconds=grace))
    if deps.hint:
        deps.hint(items)


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
    enqueue(deps, [make_delivery(doc, flushing["keys"], now)], now)
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
@dataclass
class Attempt:
    """A settled attempt: its work item can leave the list once `event` (if any) is published."""

    item: dict
    event: dict | None = None


def send_one(deps: Deps, smtp, item: dict, now: datetime) -> Attempt | None:
    """Make one attempt at a queued delivery; None when it is not ours to make now."""
    if item["not_before"] > now:
        return None
    state = deps.deliveries.claim(item, now, deps.tuning.lease_seconds)
    if state == "held":
        return None
    if state == "settled":  # done before (a redelivered event, or a crash before the clean-up)
        return Attempt(item, _recorded_event(deps, item))
    try:
        rendered = deps.templates.render(item["template"], item["language"], item["context"])
        message = compose(item, rendered, deps.settings.mail_from, now)
    except Exception as exc:  # a message that cannot be built never will be: a permanent failure
        return _final(deps, item, "failed", Outcome(0, f"cannot build message: {type(exc).__name__}: {exc}"), now)
    outcome = smtp.send(message, envelope_sender(deps.settings.mail_from), item["recipient"])
    if outcome.sent:
        return _final(deps, item, "sent", outcome, now)
    if outcome.permanent or gives_up(item, now, deps.tuning.give_up_hours):
        return _final(deps, item, "failed", outcome, now)
    delay = retry_delay(item["attempt"] + 1, deps.tuning.retry_base_seconds, deps.tuning.retry_max_seconds)
    deps.deliveries.retry(item, outcome.text, now + timedelta(seconds=delay))
    return Attempt(item)


def _final(deps: Deps, item: dict, status: str, outcome: Outcome, now: datetime) -> Attempt:
    error = None if status == "sent" else outcome.text
    event = outcome_event(item, status, error, outcome.text if outcome.code else None)
    if deps.deliveries.finish(item, status, outcome.text if outcome.code else None, error, event, now):
        return Attempt(item, event)
    return Attempt(item, _recorded_event(deps, item))  # finished by a sender that took over


def _recorded_event(deps: Deps, item: dict) -> dict | None:
    """The outcome event of a finished delivery, published again in case its relay never ran."""
    final = deps.deliveries.final(item["delivery_id"])
    return (final.get("outbox") or [None])[0] if final else None


def publish_outcomes(deps: Deps, publisher, attempts: list[Attempt]) -> None:
    """The relay for deliveries: publish the outcome events, then drop the settled work items."""
    events = [a.event for a in attempts if a.event]
    if events:
        publisher.publish_all(events)
    deps.deliveries.done([a.item["_id"] for a in attempts])
