"""notify's commands (HTTP) and event handlers (Kafka): one function each, called by thin entrypoints.

`mail` turns the platform's events into deliveries and answers the delivery log and contacts;
`accounts` is the sign-in desk: accounts, one-time links, desk sessions.
"""
from __future__ import annotations

from shared.events import types
from shared.web import people
from services.notify.handlers import accounts, mail


def on_event(deps, event: dict) -> None:
    """Apply one consumed event (the worker's only handler); applying it again changes nothing."""
    if event["type"] == types.JUDGE_REGISTERED:
        accounts.judge_registered(deps, event)
    elif event["type"] in people.ACCOUNT_EVENTS:
        people.on_account_event(deps.db["sessions"], event)
    else:
        mail.on_event(deps, event)
