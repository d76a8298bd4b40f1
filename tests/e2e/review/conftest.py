"""review's end-to-end fixtures: its real processes (and intake's) on this run's namespace."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def review(running):
    return running("review")


@pytest.fixture(scope="session")
def intake(running):
    return running("intake")
