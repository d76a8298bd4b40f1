"""intake's commands: one function each, called by the thin web routes."""
from __future__ import annotations

from datetime import datetime, timezone

from shared.auth.tokens import Principal
from services.intake.adapters.store import Store
from services.intake.domain import competitions, entries
from services.intake.domain.errors import NotADraft, NotFound, WindowClosed


def put_competition(store: Store, definition: dict, request_id: str | None) -> dict:
    """Create or replace a definition and queue kipp.competition.published."""
    store.save_competition(definition, competitions.published_event(definition, request_id))
    return definition


def get_competition(store: Store, cid: str) -> dict:
    found = store.get_competition(cid)
    if found is None:
        raise NotFound(f"competition {cid} not found")
    return found["definition"]


def create_entry(store: Store, cid: str, fields: dict, principal: Principal) -> dict:
    """Create a draft in an existing competition."""
    get_competition(store, cid)
    draft = entries.new_draft(cid, fields, principal)
    store.insert_entry(draft)
    return draft


def get_entry(store: Store, entry_id: str, principal: Principal) -> dict:
    """The entry, if it exists and the caller may see it (404 otherwise, never 403)."""
    entry = store.get_entry(entry_id)
    if entry is None or not entries.visible_to(principal, entry):
        raise NotFound(f"entry {entry_id} not found")
    return entry


def submit_entry(store: Store, entry_id: str, principal: Principal, request_id: str | None) -> dict:
    """Submit a draft: checks, then status and event in one update; a repeat returns the same entry."""
    entry = get_entry(store, entry_id, principal)
    if entry["status"] == "submitted":
        return entry
    if entry["status"] != "draft":
        raise NotADraft(f"entry is {entry['status']}, not a draft")
    definition = get_competition(store, entry["competition_id"])
    if not competitions.window_open(definition, datetime.now(timezone.utc)):
        raise WindowClosed("the submission window of this competition is closed")
    changes = entries.submission_changes(entry)
    if not store.submit_entry(entry_id, changes, entries.submitted_event(entry, changes, request_id)):
        return submit_entry(store, entry_id, principal, request_id)
    return {**entry, **changes}
