"""review against the real parts: its worker as a process, its web app in-process, events through Kafka."""
from __future__ import annotations

import pytest

from shared.config import Settings
from services.review.entrypoints.web import create_app
from tests import factories
from tests.integration.review import kit
from tests.support.topics import TopicReader


@pytest.fixture(scope="session")
def review_settings(settings_for) -> Settings:
    return settings_for("review")


@pytest.fixture(scope="session")
def review_worker(running):
    """review's processes (the worker's consumer loop and outbox relays; its web too) on this run's namespace."""
    return running("review")


@pytest.fixture(scope="session")
def client(review_settings, review_worker):
    app = create_app(review_settings)
    app.testing = True
    return app.test_client()


@pytest.fixture(scope="session")
def admin(auth) -> dict:
    return auth("admin", sub="sekretariat-kipp")


@pytest.fixture
def reviews(stack, namespace):
    reader = TopicReader(stack.kafka, f"{namespace}.reviews")
    yield reader
    reader.close()


@pytest.fixture
def competition(publisher, client, admin):
    """make(**overrides, entries=[bodies]) → (definition, entry ids): published and taken in by review."""
    def make(entries: list[dict] = (), **overrides):
        definition = factories.competition(**overrides)
        events = [kit.published(definition)] + [kit.submitted(definition["id"], body) for body in entries]
        publisher.publish_all(events)
        kit.entries_in_review(client, admin, definition["id"], len(entries))
        return definition, [e["subject"] for e in events[1:]]
    return make
