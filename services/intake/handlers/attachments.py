"""intake's attachment commands: PDFs on drafts, bytes in GridFS, metadata on the entry."""
from __future__ import annotations

from datetime import datetime, timezone

from shared.auth.tokens import Principal
from services.intake.ports import Deps
from services.intake.domain import attachments, entries
from services.intake.domain.errors import NotFound, TooManyAttachments
from services.intake.handlers.entries import get_entry, require_draft


def add_attachment(deps: Deps, entry_id: str, principal: Principal, filename: str | None, data: bytes,
                   declared_type: str | None = attachments.PDF_TYPE) -> dict:
    """Store a PDF, then list it on the draft; the bytes are removed again if the draft refuses it.
    The web route passes the type the client declared; callers inside the platform hand over PDFs they made."""
    entry = get_entry(deps, entry_id, principal)
    require_draft(entry)
    if len(entry["attachments"]) >= attachments.MAX_PER_ENTRY:
        raise TooManyAttachments(f"An entry has at most {attachments.MAX_PER_ENTRY} attachments.", "file")
    meta = attachments.describe(filename, declared_type, data)
    deps.files.save(meta["id"], meta["filename"], data, entry_id, meta["sha256"])
    try:
        listed = deps.store.update_draft(entry_id, {"$push": {"attachments": meta},
                                                    "$set": {"updated_at": datetime.now(timezone.utc)}})
        if not listed:
            require_draft(deps.store.get_entry(entry_id))
    except Exception:
        deps.files.delete(meta["id"])
        raise
    return entries.attachment_view(meta)


def remove_attachment(deps: Deps, entry_id: str, attachment_id: str, principal: Principal) -> None:
    """Take an attachment off a draft and delete its bytes."""
    entry = get_entry(deps, entry_id, principal)
    require_draft(entry)
    listed = _listed(entry, attachment_id)
    if not deps.store.update_draft(entry_id, {"$pull": {"attachments": listed}}):  # by whole value (FerretDB)
        require_draft(deps.store.get_entry(entry_id))
    deps.files.delete(attachment_id)


def read_attachment(deps: Deps, entry_id: str, attachment_id: str, principal: Principal) -> tuple[dict, bytes]:
    """An attachment's metadata and bytes, for whoever may read the entry."""
    listed = _listed(get_entry(deps, entry_id, principal), attachment_id)
    data = deps.files.read(attachment_id)
    if data is None:
        raise NotFound(f"attachment {attachment_id} not found")
    return listed, data


def _listed(entry: dict, attachment_id: str) -> dict:
    """The attachment as the entry lists it, or NotFound."""
    for attachment in entry["attachments"]:
        if attachment["id"] == attachment_id:
            return attachment
    raise NotFound(f"attachment {attachment_id} not found")
