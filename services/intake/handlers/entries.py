"""intake's commands on entries: one function each, called by the thin web routes and the portal.

State changes are conditional single-document updates, so of two racing requests on one
entry exactly one changes it; cross-entry rules (title, agency cap) are claims taken with
conditional updates (services/intake/adapters/claims.py).
"""
from __future__ import annotations

from datetime import datetime, timezone

from shared.auth.tokens import Principal
from shared.events.envelope import utc_now_iso
from shared import paging
from shared.errors import only_if_visible
from services.intake.ports import Deps
from services.intake.domain import eligibility, entries, outcomes
from services.intake.handlers.competitions import get_competition
from services.intake.domain.errors import (AgencyCap, AlreadyScreened, Ineligible, NotADraft,
                                           NotSubmitted)


def create_entry(deps: Deps, cid: str, fields: dict, principal: Principal, entry_id: str | None = None) -> dict:
    """Create a draft whose fields keep §6's field rules. A request with an Idempotency-Key names the draft
    after the key (shared.web.idempotency), so a repeat after a crash finds the draft instead of making
    another."""
    definition = get_competition(deps, cid)
    require_rules(definition, fields, principal)
    draft = entries.new_draft(definition["id"], fields, principal, entry_id)
    if not deps.store.insert_entry(draft):  # the key's draft, made by a request that crashed before answering
        draft = deps.store.get_entry(entry_id)
    return entries.public_view(draft)


def require_rules(definition: dict, entry: dict, principal: Principal, changes: dict | None = None) -> None:
    """Raise Ineligible naming every field rule of §6 the draft breaks (for a PATCH: in the fields it changes)."""
    found = eligibility.field_violations(entry, definition, principal.region)
    if changes is not None:
        found = eligibility.about_changes(found, changes)
    if found:
        raise Ineligible(found)


def get_entry(deps: Deps, entry_id: str, principal: Principal) -> dict:
    """The entry, if it exists and the caller may see it (404 otherwise, never 403)."""
    return only_if_visible(deps.store.get_entry(entry_id), lambda entry: entries.visible_to(principal, entry),
                           f"entry {entry_id}")


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
    found = deps.store.list_entries(cid, entries.scope_filter(principal), status, after, limit + 1)
    found, last = paging.cut(found, limit, lambda doc: doc["_id"])
    return [entries.summary_view(e) for e in found], last


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
