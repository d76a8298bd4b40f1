"""reporting runs as real processes; the tests feed it events through the real broker."""
from __future__ import annotations

import pytest

from shared.kafka.producer import EventPublisher, make_producer
from tests.support.procs import Service


@pytest.fixture(scope="module")
def reporting(stack, namespace, keys_dir, tmp_path_factory):
    service = Service("reporting", stack, namespace, keys_dir, tmp_path_factory.mktemp("reporting-logs"))
    yield service
    service.stop()


@pytest.fixture(scope="module")
def publisher(stack, namespace):
    publisher = EventPublisher(make_producer(stack.kafka), namespace)
    yield publisher
    publisher.close()
