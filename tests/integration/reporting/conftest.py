"""reporting runs as real processes (gunicorn web + worker); the tests feed it events through the real
broker, published exactly as intake, review and notify publish them, and wait for the worker by its lag."""
from __future__ import annotations

import pytest
import requests

from shared.kafka.lag import consumer_lag
from tests.integration.reporting import dataset
from tests.support.poll import eventually

TOPICS = ("competitions", "entries", "reviews", "notifications", "accounts")


@pytest.fixture(scope="package")
def reporting(running):
    return running("reporting")


@pytest.fixture(scope="package")
def settle(stack, namespace, reporting):
    """settle(): wait until the reporting worker has applied (and committed) every record on its topics."""
    topics = [f"{namespace}.{name}" for name in TOPICS]

    def wait(timeout: float = 60) -> None:
        eventually(lambda: consumer_lag(stack.kafka, f"{namespace}.reporting", topics) == 0, timeout=timeout,
                   interval=0.3, what="the reporting worker to catch up")
    return wait


@pytest.fixture(scope="package")
def judged(reporting, publisher, settle):
    """A competition with nine entries, four judges and a revision, applied by the worker."""
    data = dataset.build()
    publisher.publish_all(data.events)
    settle()
    return data


@pytest.fixture(scope="package")
def api(reporting, make_token):
    """api(path, role='ministry', **params) → the response of a GET on reporting's API."""
    tokens = {}

    def get(path: str, role: str = "ministry", region: str | None = None, **params):
        token = tokens.setdefault((role, region), make_token(role, region))
        return requests.get(f"{reporting.url}/api/v1{path}", params=params, timeout=60,
                            headers={"Authorization": f"Bearer {token}"})
    return get
