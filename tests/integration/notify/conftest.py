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
from tests.integration.notify.support import Sink, drop_namespace
from tests.support.procs import Service
from tests.support.topics import TopicReader, new_namespace

# short timings so retries, batches and restarts play out in seconds
FAST = dict(NOTIFY_RETRY_BASE_SECONDS="0.5", NOTIFY_RETRY_MAX_SECONDS="2", NOTIFY_LEASE_SECONDS="10",
            NOTIFY_BATCH_QUIET_SECONDS="2", NOTIFY_BATCH_MAX_WAIT_SECONDS="30", NOTIFY_SMTP_TIMEOUT="5")


@pytest.fixture(scope="session")
def notify_ns(stack, mongo) -> str:
    ns = new_namespace(stack.kafka, "n")
    yield ns
    drop_namespace(stack, mongo, ns)


@pytest.fixture(scope="session")
def sink(tmp_path_factory):
    started = Sink(tmp_path_factory.mktemp("notify-sink"))
    yield started
    started.close()


@pytest.fixture(scope="session")
def notify(stack, notify_ns, keys_dir, sink, tmp_path_factory):
    service = Service("notify", stack, notify_ns, keys_dir, tmp_path_factory.mktemp("notify-logs"),
                      SMTP_PORT=sink.port, **FAST)
    yield service
    service.stop()


@pytest.fixture(scope="session")
def publisher(stack, notify_ns):
    """Publishes events onto notify's namespace the way intake and review do; the competition of
    `support.submitted` entries is published first, as notify holds an entry's mail until it knows it."""
    events = EventPublisher(make_producer(stack.kafka), notify_ns)
    events.publish_all([support.published(factories.competition(support.COMPETITION))])
    yield events
    events.close()


@pytest.fixture
def outcomes(stack, notify_ns):
    reader = TopicReader(stack.kafka, f"{notify_ns}.notifications")
    yield reader
    reader.close()


@pytest.fixture
def api(notify, auth):
    """api(method, path, role='admin', region=None, **kwargs) → a response from the notify web process."""
    def call(method: str, path: str, role: str = "admin", region: str | None = None, **kwargs):
        headers = {**auth(role, region), **kwargs.pop("headers", {})}
        return requests.request(method, notify.url + path, headers=headers, timeout=10, **kwargs)
    return call
