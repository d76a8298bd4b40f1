"""review's end-to-end fixtures: its real processes (and intake's) on this run's namespace."""
from __future__ import annotations

import pytest

from tests.support.procs import Service


@pytest.fixture(scope="session")
def review(stack, namespace, keys_dir, tmp_path_factory):
    service = Service("review", stack, namespace, keys_dir, tmp_path_factory.mktemp("review-e2e"))
    yield service
    service.stop()


@pytest.fixture(scope="session")
def intake(stack, namespace, keys_dir, tmp_path_factory):
    service = Service("intake", stack, namespace, keys_dir, tmp_path_factory.mktemp("intake-e2e"))
    yield service
    service.stop()
