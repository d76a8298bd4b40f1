"""End-to-end fixtures: every service as real processes on this run's namespace."""
from __future__ import annotations

import pytest

from tests.support.procs import Service

SERVICES = ("intake", "review", "notify", "reporting")


@pytest.fixture(scope="session")
def platform(stack, namespace, keys_dir, tmp_path_factory):
    """The four services, web and worker each, started like `make up` starts them."""
    log_dir = tmp_path_factory.mktemp("logs")
    started = {}
    try:
        for name in SERVICES:
            started[name] = Service(name, stack, namespace, keys_dir, log_dir)
        yield started
    finally:
        for service in started.values():
            service.stop()
