"""intake's commands: one function each, called by the thin web routes and the worker.

State changes are conditional single-document updates, so of two racing requests on one
entry exactly one changes it; cross-entry rules (title, agency cap) are claims taken with
conditional updates (services/intake/adapters/claims.py).
"""
from __future__ import annotations

from datetime import datetime, timezone

from shared.auth.tokens import Principal
from shared.events.envelope import utc_now_iso
from shared.mongo import idempotency
from services.intake.bootstrap import Deps
from services.intake.domain import competitions, eligibility, entries, outcomes
from services.intake.domain.errors import (AgencyCap, AlreadyScreened, IdempotencyMismatch, Ineligible, NotADraft,
                                           NotFound, NotSubmitted)


def put_competition(deps: Deps, definition: dict, request_id: str | None) -> dict:
    """Create or replace a definition; a changed one is queued for publication, an unchanged one is not."""
    current = deps.store.get_competition(definition["id"])
    if current is None or current.get("definition") != definition:
        deps.store.save_competition(definition, competitions.published_event(definition, request_id))
    return definition


def get_competition(deps: Deps, cid: str) -> dict:
    """The definition, or NotFound."""
    found = deps.store.get_competition(cid)
    if found is None or "definition" not in found:
        raise NotFound(f"competition {cid} not found")
    return found["definition"]


def list_competitions(deps: Deps, after: str | None, limit: int) -> tuple[list[dict], str | None]:
    """A page of definitions and the id to continue after (None on the last page)."""
    found, last = _page(deps.store.list_competitions(after, limit + 1), limit)
    return [doc["definition"] for doc in found if "definition" in doc], last


def create_entry(deps: Deps, cid: str, fields: dict, principal: Principal, key: str | None = None,
                 request_body=None) -> dict:
    """Create a draft whose fields keep §6's field rules; with an Idempotency-Key, a repeat returns the first
    response and creates nothing."""
    definition = get_competition(deps, cid)
    if key is None:
        return _create(deps, definition, fields, principal)
    scope, request = f"create-entry:{principal.sub}:{principal.region}", {"competition_id": cid, "body": request_body}
    fingerprint = idempotency.fingerprint(request)
    earlier = idempotency.find(deps.db, scope, key)
    if earlier is None:  # the rules are checked only here: a repeat returns the first answer even if they changed
        created = _create(deps, definition, fields, principal, entries.keyed_id(scope, key), fingerprint)
        earlier = idempotency.remember(deps.db, scope, key, request, 201, created)
    _require_same_request(earlier["fingerprint"], fingerprint)
    return earlier["response"]


def _create(deps: Deps, definition: dict, fields: dict, principal: Principal, entry_id: str | None = None,
            fingerprint: str | None = None) -> dict:
    require_rules(definition, fields, principal)
    draft = entries.new_draft(definition["id"], fields, principal, entry_id, fingerprint)
    if not deps.store.insert_entry(draft):  # keyed only: a concurrent twin, or our own earlier attempt that crashed
        draft = deps.store.get_entry(entry_id)
        _require_same_request(draft.get("idempotency_fingerprint"), fingerprint)
    return entries.public_view(draft)


def require_rules(definition: dict, entry: dict, principal: Principal, changes: dict | None = None) -> None:
    """Raise Ineligible naming every field rule of §6 the draft breaks (for a PATCH: in the fields it changes)."""
    found = eligibility.field_violations(entry, definition, principal.region)
    if changes is not None:
        found = eligibility.about_changes(found, changes)
    if found:
        raise Ineligible(found)


def _require_same_request(stored_fingerprint: str | None, fingerprint: str) -> None:
    if stored_fingerprint != fingerprint:
        raise IdempotencyMismatch("This Idempotency-Key was used with another request body.", "Idempotency-Key")


def get_entry(deps: Deps, entry_id: str, principal: Principal) -> dict:
    """The entry, if it exists and the caller may see it (404 otherwise, never 403)."""
    entry = deps.store.get_entry(entry_id)
    if entry is None or not entries.visible_to(principal, entry):
        raise NotFound(f"entry {entry_id} not found")
    return entry


def read_entry(deps: Deps, entry_id: str, principal: Principal) -> dict:
    """The entry's public view, with review's outcomes (oldest first) and its screening decision."""
    view = entries.public_view(get_entry(deps, entry_id, principal))
    found = deps.outcomes.of_entry(entry_id)
    screening = outcomes.screening(found) or deps.outcomes.legacy_screening(entry_id)
    view["screening"] = {k: screening.get(k) for k in ("stage", "decision", "reason")} if screening else None
    view["outcomes"] = [outcomes.public(o) for o in outcomes.in_order(found)]
    return view


def list_entries(deps: Deps, cid: str, principal: Principal, status: str | None, after: str | None,
                 limit: int) -> tuple[list[dict], str | None]:
    """A page of the entries the caller may see and the id to continue after."""
    get_competition(deps, cid)
    found, last = _page(deps.store.list_entries(cid, entries.scope_filter(principal), status, after, limit + 1), limit)
    return [entries.summary_view(e) for e in found], last


def _page(found: list[dict], limit: int) -> tuple[list[dict], str | None]:
    """The first `limit` of the `limit + 1` documents read, and the id to continue after when there are more."""
    return found[:limit], (found[limit - 1]["_id"] if len(found) > limit else None)


def require_draft(entry: dict) -> None:
    """Raise NotADraft unless the entry is still a draft."""
    if entry["status"] != "draft":
        raise NotADraft(f"The entry is {entry['status']}; only drafts can be changed.")


def patch_entry(deps: Deps, entry_id: str, changes: dict, principal: Principal) -> dict:
    """Edit a draft if the fields it changes keep §6's field rules; 409 once it was submitted."""
    entry = get_entry(deps, entry_id, principal)
    require_draft(entry)
    require_rules(get_competition(deps, entry["competition_id"]), entries.patched(entry, changes), principal, changes)
    if not deps.store.update_draft(entry_id, entries.patch_update(changes)):
        require_draft(deps.store.get_entry(entry_id))  # submitted meanwhile
    return entries.public_view(deps.store.get_entry(entry_id))


def submit_entry(deps: Deps, entry_id: str, principal: Principal, request_id: str | None) -> dict:
    """Check eligibility, claim title and agency slot, then status and event in one update; a repeat returns it.
    A submit that crashed after claiming is repeated the same way: the entry finds its own holds and renews them."""
    entry = get_entry(deps, entry_id, principal)
    if entry["status"] == "submitted":
        return entries.public_view(entry)
    if entry["status"] != "draft":
        raise NotADraft(f"The entry is {entry['status']}; only drafts can be submitted.")
    definition = get_competition(deps, entry["competition_id"])
    eligibility.require_window(definition, datetime.now(timezone.utc))
    problems = eligibility.violations(entry, definition, principal.region)
    if problems:
        raise Ineligible(problems)
    _claim(deps, entry, definition)
    changes = entries.submission_changes(entry, utc_now_iso())
    if not deps.store.change_with_event(entry, changes, entries.submitted_event(entry, changes, request_id)):
        # edited, submitted by a racing twin, or its claim was taken away since it was read: look again
        return submit_entry(deps, entry_id, principal, request_id)
    return entries.public_view({**entry, **changes})


def _claim(deps: Deps, entry: dict, definition: dict) -> None:
    """Hold the entry's title and, when its group is capped, one of its agency's slots; all or nothing."""
    title = deps.claims.take_title(entry)
    cap = ((definition.get("eligibility") or {}).get("max_entries_per_agency") or {}).get(entry["group"])
    if cap is None:
        return
    try:
        deps.claims.take_agency_slot(entry, int(cap))
    except AgencyCap:
        deps.claims.release_title(entry, title)
        raise


def withdraw_entry(deps: Deps, entry_id: str, reason: str, principal: Principal, request_id: str | None) -> dict:
    """Withdraw a submitted entry before screening, then release its title and agency slot."""
    entry = get_entry(deps, entry_id, principal)
    if entry["status"] == "withdrawn":
        deps.claims.release(entry)  # again, in case the first withdrawal stopped before releasing
        return entries.public_view(entry)
    if entry["status"] != "submitted":
        raise NotSubmitted(f"The entry is {entry['status']}; only submitted entries can be withdrawn.")
    if deps.outcomes.screening(entry_id) is not None:
        raise AlreadyScreened("The entry has already been screened and can no longer be withdrawn.")
    changes = entries.withdrawal_changes(entry, reason)
    if not deps.store.change_with_event(entry, changes, entries.withdrawn_event(entry, changes, request_id)):
        return withdraw_entry(deps, entry_id, reason, principal, request_id)
    deps.claims.release(entry)
    return entries.public_view({**entry, **changes})
