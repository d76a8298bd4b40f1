"""End-to-end fixtures: every service as real processes on this run's namespace."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.support.procs import start_platform
from tests.support.topics import new_namespace


@pytest.fixture(scope="session")
def platform_namespace(stack) -> str:
    """A namespace of the platform's own: its consumers start from topics no other test filled."""
    return new_namespace(stack.kafka, "p")


@pytest.fixture(scope="session")
def platform(stack, platform_namespace, keys_dir, tmp_path_factory):
    """The four services, web and worker each, started like `make up` starts them."""
    started = start_platform(stack, platform_namespace, keys_dir, tmp_path_factory.mktemp("logs"))
    try:
        yield started
    finally:
        for service in started.values():
            service.stop()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (`make test` installs it)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: browser tests need Debian's chromium ('make browser')", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
