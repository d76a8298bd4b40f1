"""notify's end-to-end fixtures: intake and notify as processes on a namespace of their own, mailing
into a private SMTP sink (so no other notify worker of the run shares the consumer group)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def mail_ns(own_namespace) -> str:
    return own_namespace("m", ("notify", "intake"))


@pytest.fixture(scope="session")
def mail_sink(own_sink):
    return own_sink("notify-e2e-sink")


@pytest.fixture(scope="session")
def pair(running, mail_ns, mail_sink):
    """{'intake': Service, 'notify': Service}."""
    return {"intake": running("intake", mail_ns), "notify": running("notify", mail_ns, SMTP_PORT=mail_sink.port)}
