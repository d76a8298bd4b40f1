"""notify's end-to-end fixtures: intake and notify as processes on a namespace of their own, mailing
into a private SMTP sink (so no other notify worker of the run shares the consumer group)."""
from __future__ import annotations


import pytest

from tests.integration.notify.support import Sink, drop_namespace
from tests.support.procs import Service
from tests.support.topics import new_namespace


@pytest.fixture(scope="session")
def mail_ns(stack, mongo) -> str:
    ns = new_namespace(stack.kafka, "m")
    yield ns
    drop_namespace(stack, mongo, ns, ("notify", "intake"))


@pytest.fixture(scope="session")
def mail_sink(tmp_path_factory):
    started = Sink(tmp_path_factory.mktemp("notify-e2e-sink"))
    yield started
    started.close()


@pytest.fixture(scope="session")
def pair(stack, mail_ns, keys_dir, mail_sink, tmp_path_factory):
    """{'intake': Service, 'notify': Service}."""
    logs = tmp_path_factory.mktemp("notify-e2e-logs")
    started = {}
    try:
        started["intake"] = Service("intake", stack, mail_ns, keys_dir, logs)
        started["notify"] = Service("notify", stack, mail_ns, keys_dir, logs, SMTP_PORT=mail_sink.port)
        yield started
    finally:
        for service in started.values():
            service.stop()
