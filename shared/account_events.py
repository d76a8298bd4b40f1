"""The worker's part of people's sessions: a desk sign-out or a closed or changed account ends the
sessions a service holds for that person (its `sessions` collection, shared.web.sessions)."""
from __future__ import annotations

from shared.events import types


def end_sessions(deps, event: dict) -> None:
    """End the sessions (in the service's `sessions`) of a desk session that ended, or of an account closed or
    changed (new claims, or none: sign in again). Every service's handlers.EVENTS names it for both events."""
    data, sessions = event["data"], deps.db["sessions"]
    if event["type"] == types.ACCOUNT_SIGNED_OUT:
        sessions.delete_many({"desk": data["session"]})
    elif event["type"] == types.ACCOUNT_CHANGED:
        sessions.delete_many({"email": data["email"]})


# what every service's handlers.EVENTS takes in: the account events end the service's sessions
ACCOUNT_EVENTS = {types.ACCOUNT_SIGNED_OUT: end_sessions, types.ACCOUNT_CHANGED: end_sessions}
