"""notify's integration fixtures: its own namespace, its own SMTP sink process, a running notify.

notify gets a namespace of its own (not the session one) so that no other notify worker of the
same test run (the e2e platform's, say) shares its consumer group and sends its mail elsewhere.
"""
from __future__ import annotations


import pytest
import requests

from shared.kafka.producer import EventPublisher, make_producer
from tests import factories
from tests.integration.notify import support

# short timings so retries, batches and restarts play out in seconds
FAST = dict(NOTIFY_RETRY_BASE_SECONDS="0.5", NOTIFY_RETRY_MAX_SECONDS="2", NOTIFY_LEASE_SECONDS="10",
            NOTIFY_BATCH_QUIET_SECONDS="2", NOTIFY_BATCH_MAX_WAIT_SECONDS="30", NOTIFY_SMTP_TIMEOUT="5")


@pytest.fixture(scope="session")
def notify_ns(own_namespace) -> str:
    return own_namespace("n", ("notify",))


@pytest.fixture(scope="session")
def sink(own_sink):
    return own_sink("notify-sink")


@pytest.fixture(scope="session")
def notify(running, notify_ns, sink):
    return running("notify", notify_ns, SMTP_PORT=sink.port, **FAST)


@pytest.fixture(scope="session")
def publisher(stack, notify_ns):
    """Publishes events onto notify's namespace the way intake and review do; the competition of
    `support.submitted` entries is published first, as notify holds an entry's mail until it knows it."""
    events = EventPublisher(make_producer(stack.kafka), notify_ns)
    events.publish_all([support.published(factories.competition(support.COMPETITION))])
    yield events
    events.close()


@pytest.fixture
def outcomes(topic, notify_ns):
    return topic("notifications", notify_ns)


@pytest.fixture
def api(notify, auth):
    """api(method, path, role='admin', region=None, **kwargs) → a response from the notify web process."""
    def call(method: str, path: str, role: str = "admin", region: str | None = None, **kwargs):
        headers = {**auth(role, region), **kwargs.pop("headers", {})}
        return requests.request(method, notify.url + path, headers=headers, timeout=10, **kwargs)
    return call
