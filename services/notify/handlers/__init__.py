"""notify's commands (HTTP) and event handlers (Kafka): one function each, called by thin entrypoints.

`mail` turns the platform's events into deliveries and answers the delivery log and contacts;
`outbound` queues and sends them; `accounts` is the sign-in desk: accounts, one-time links, desk sessions.
EVENTS names the handler of each event type the worker consumes.
"""
from __future__ import annotations

from shared.events import types
from shared.account_events import ACCOUNT_EVENTS
from services.notify.handlers import accounts, mail

EVENTS = {**dict.fromkeys(mail.MAIL_EVENTS, mail.on_event), types.JUDGE_REGISTERED: accounts.judge_registered,
          **ACCOUNT_EVENTS}
