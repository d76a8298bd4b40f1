"""The audit trail of decisions: who decided what, when and why. No I/O."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from shared.auth.tokens import Principal


def record(action: str, competition_id: str, principal: Principal, reason: str | None = None,
           request_id: str | None = None, **details) -> dict:
    """One audit record; `details` names what the decision was about (stage, entry, …)."""
    at = datetime.now(timezone.utc)
    # time first, so the id orders the trail chronologically and serves as the list cursor
    return {"_id": f"{at.strftime('%Y%m%dT%H%M%S%f')}-{uuid.uuid4().hex[:8]}", "competition_id": competition_id,
            "action": action,
            "by": principal.sub, "role": principal.role, "at": at,
            "reason": reason, "request_id": request_id, **details}


def public_view(doc: dict) -> dict:
    view = {key: value for key, value in doc.items() if key != "_id"}
    view["id"] = doc["_id"]
    if isinstance(view.get("at"), datetime):
        view["at"] = view["at"].astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    return view
