"""notify's event handlers and commands: one function each, called by the consumer, the worker
loops and the thin web routes."""
from __future__ import annotations

from datetime import date, datetime, timezone

from shared import regions
from shared.auth.tokens import REGION_CODE
from shared.events import types
from services.notify.ports import Deps
from services.notify.domain import accumulate, messages, samples
from services.notify.domain import deliveries as delivery_log
from services.notify.domain.errors import Invalid, NotFound, UnknownRegion, UnknownTemplate
from services.notify.domain.recipients import Recipient, contact_codes, entry_recipients, normalise_address
from services.notify.handlers.outbound import close_digests, enqueue

REVIEW_MAIL = set(messages.TEMPLATE_FOR) - {types.ENTRY_SUBMITTED} | {types.ASSIGNMENT_CREATED}


def utc_now() -> datetime:
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)  # the store keeps milliseconds


# --- consumed events -------------------------------------------------------------------
def on_event(deps: Deps, event: dict, now: datetime | None = None) -> None:
    """Apply one consumed event by MAIL_EVENTS (below); applying it again changes nothing.

    Not through shared.mongo.dedup.apply_once: every write is keyed by the event (deliveries, digest and
    batch items, parked and held events) or by a revision, under unique `_id`s, so a redelivery is
    absorbed anyway, and a processed-events mark would only add a write per event. kipp.review.scored,
    kipp.stage.closed and panel appointments tell no one anything.
    """
    handler = MAIL_EVENTS.get(event["type"])
    if handler is not None:
        handler(deps, event, now or utc_now())


def competition_published(deps: Deps, event: dict, now: datetime) -> None:
    """Keep the competition's name, then mail what was held for it."""
    definition = event["data"]
    deps.store.save_competition(definition)
    release_held(deps, definition["id"], now)


def entry_withdrawn(deps: Deps, event: dict, _now: datetime) -> None:
    deps.store.mark_withdrawn(event["data"]["entry_id"], event["data"]["withdrawn_at"])


def entry_submitted(deps: Deps, event: dict, now: datetime) -> None:
    """Keep the entry, queue its receipt, then mail what was waiting for it."""
    data = event["data"]
    entry, new = deps.store.save_entry(data["entry_id"], messages.entry_copy(data))
    plan(deps, event, entry, now)
    if not new:
        release_parked(deps, entry, now)


def review_event(deps: Deps, event: dict, now: datetime) -> None:
    """A status change or assignment; parked when its entry has not been seen yet."""
    entry = deps.store.get_entry(event["data"]["entry_id"])
    if entry is not None:
        plan(deps, event, entry, now)
        return
    deps.store.park(event, now)
    # the entry may have arrived between the look-up and the placeholder: look again
    entry = deps.store.get_entry(event["data"]["entry_id"])
    if entry is not None:
        release_parked(deps, entry, now)


def judge_reminded(deps: Deps, event: dict, now: datetime) -> None:
    """The secretariat reminds a late judge: one mail listing the late work, in the language of the judge's
    sign-in account (Bahasa Indonesia when there is none)."""
    address = normalise_address(event["data"]["judge_email"])
    if not address:
        return
    account = deps.accounts.get(address) or {}
    judge = Recipient(address, event["data"].get("judge_name") or account.get("name") or "",
                      account.get("language") or "id")
    room = deps.settings.public_urls["review"] + "/judge/assignments"
    name = deps.store.competition_name(event["data"]["competition_id"])
    enqueue(deps, [messages.reminder_delivery(event, judge, name, room, now)])


MAIL_EVENTS = {types.COMPETITION_PUBLISHED: competition_published, types.ENTRY_SUBMITTED: entry_submitted,
               types.ENTRY_WITHDRAWN: entry_withdrawn, **dict.fromkeys(REVIEW_MAIL, review_event),
               types.JUDGE_REMINDED: judge_reminded}


def release_parked(deps: Deps, entry: dict, now: datetime) -> None:
    for parked in deps.store.parked(entry["_id"]):
        plan(deps, parked, entry, now)
        deps.store.unpark(parked["id"])


def plan(deps: Deps, event: dict, entry: dict, now: datetime) -> None:
    """Queue the mail an entry's event causes: at once, in a judge's batch, or in a digest.

    Every such mail names the competition, so while notify does not know it the event is held.
    """
    name = deps.store.competition_name(messages.competition_of(entry))
    if name is None:
        hold(deps, event, entry, now)
        return
    facts = {**messages.entry_facts(entry, name), **messages.event_facts(event)}
    if event["type"] == types.ASSIGNMENT_CREATED:
        _add_to_judges_batch(deps, event, facts, now)
        return
    recipients = entry_recipients(entry, deps.store.contacts_for(contact_codes(entry)))
    enqueue(deps, messages.immediate_deliveries(event, entry, recipients, facts, now))
    template = messages.TEMPLATE_FOR[event["type"]]
    for reader in (r for r in recipients if r.daily):
        header = {"recipient": reader.address, "language": reader.language, "name": reader.name}
        deps.digests.add(accumulate.digest_id(reader.address, reader.language), accumulate.item_key(event["id"]),
                         accumulate.digest_item(event, template, facts, now), header)


def hold(deps: Deps, event: dict, entry: dict, now: datetime) -> None:
    """Keep an event until its competition is known; the competition's arrival mails it."""
    competition_id = messages.competition_of(entry)
    deps.store.hold(event, entry, now)
    # the competition may have arrived between the look-up and the hold: look again
    if deps.store.competition_name(competition_id) is not None:
        release_held(deps, competition_id, now)


def release_held(deps: Deps, competition_id: str, now: datetime) -> int:
    """Mail the events held for a competition now known; planning one twice queues nothing twice."""
    held = deps.store.held_for(competition_id)
    for event, entry in held:
        plan(deps, event, entry, now)
        deps.store.unhold(event["id"])
    return len(held)


def release_known_competitions(deps: Deps, now: datetime) -> int:
    """The scheduler's safety net: mail held for a competition that is known by now."""
    return sum(release_held(deps, cid, now) for cid in deps.store.held_count()
               if deps.store.competition_name(cid) is not None)


def _add_to_judges_batch(deps: Deps, event: dict, facts: dict, now: datetime) -> None:
    data = event["data"]
    header = {"judge_id": data["judge_id"], "competition_id": data["competition_id"], "stage": data["stage"]}
    deps.batches.add(accumulate.batch_id(**header), accumulate.item_key(data["assignment_id"]),
                     accumulate.assignment_item(event, facts, now), header)


# --- HTTP commands ---------------------------------------------------------------------
def _region(code: str):
    if not REGION_CODE.match(code or ""):
        raise Invalid("a region code is a province code such as 73 or a kabupaten/kota code such as 73.71",
                      field="code")
    found = regions.region(code)
    if found is None:
        raise UnknownRegion(f"no province or kabupaten/kota has code {code}")
    return found


def _contacts_view(code: str, found, record: dict | None) -> dict:
    record = record or {}
    return {"region_code": code, "region_name": found.name, "level": found.type,
            "addresses": record.get("addresses", []), "language": record.get("language", "id"),
            "digest": record.get("digest", "immediate"), "configured": bool(record),
            "updated_at": record.get("updated_at")}


def put_contacts(deps: Deps, code: str, fields: dict, who: str) -> dict:
    """Replace a region's contact addresses, language and digest choice."""
    found = _region(code)
    addresses = list(dict.fromkeys(normalise_address(a) for a in fields["addresses"]))
    record = {"addresses": addresses, "language": fields["language"], "digest": fields["digest"],
              "updated_at": utc_now().isoformat().replace("+00:00", "Z"), "updated_by": who}
    return _contacts_view(code, found, deps.store.put_contacts(code, record))


def get_contacts(deps: Deps, code: str) -> dict:
    found = _region(code)
    return _contacts_view(code, found, deps.store.get_contacts(code))


def preview(deps: Deps, name: str, lang: str) -> dict:
    """A template rendered with sample data, both parts."""
    context = samples.sample_context(name, lang)
    if context is None:
        raise UnknownTemplate(f"no template named {name!r}; there are: {', '.join(messages.TEMPLATES)}")
    rendered = deps.templates.render(name, lang, context)
    return {"template": name, "lang": lang, "subject": rendered.subject, "text": rendered.text,
            "html": rendered.html}


def close_digests_through(deps: Deps, day: date) -> dict:
    """Queue today's (or any day's) digests now instead of waiting for the configured hour."""
    return {"day": day.isoformat(), "queued": close_digests(deps, day.isoformat(), utc_now())}


def get_delivery(deps: Deps, ident: str) -> dict:
    found = deps.deliveries.get(ident)
    if found is None:
        raise NotFound(f"delivery {ident} not found")
    return delivery_log.view(found)


def list_deliveries(deps: Deps, entry_id: str | None, region: str | None, status: str | None, limit: int,
                    cursor: str | None) -> dict:
    """The delivery log, newest first, filtered and paged."""
    after = delivery_log.decode_cursor(cursor)
    rows = deps.deliveries.page(delivery_log.query(entry_id, region, status), limit, after)
    return delivery_log.page(rows, limit)
