"""One shape for four services: the files docs/architecture.md's table names are in each service, each
does what the table says, and nothing else sits at a service's root."""
from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SERVICES = ("intake", "review", "notify", "reporting")
ARCHITECTURE = ROOT / "docs" / "architecture.md"
# every service has these (docs/architecture.md, "The shape of a service")
FILES = ("README.md", "__init__.py", "config.py", "bootstrap.py", "domain/__init__.py", "domain/errors.py",
         "handlers/__init__.py", "adapters/__init__.py", "adapters/store.py", "entrypoints/__init__.py",
         "entrypoints/web.py", "entrypoints/worker.py", "entrypoints/schemas.py")
ROOT_MODULES = {"__init__.py", "config.py", "bootstrap.py"}


def test_the_architecture_names_the_files_every_service_has():
    text = ARCHITECTURE.read_text()
    for name in FILES:
        assert name.rsplit("/", 1)[-1] in text, f"docs/architecture.md does not name {name}"


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_has_the_same_files(service):
    base = ROOT / "services" / service
    missing = [name for name in FILES if not (base / name).is_file()]
    assert missing == [], f"{service} lacks {missing}"
    extra = sorted(p.name for p in base.glob("*.py") if p.name not in ROOT_MODULES)
    assert extra == [], f"{service} has modules at its root that belong in a folder: {extra}"
    routes = [p.name for p in (base / "entrypoints").glob("api*.py")]
    assert routes, f"{service}'s API routes are not in entrypoints/api*.py"


@pytest.mark.parametrize("service", SERVICES)
def test_each_part_does_the_same_job(service):
    bootstrap = importlib.import_module(f"services.{service}.bootstrap")
    assert list(inspect.signature(bootstrap.bootstrap).parameters) == ["settings", "db"]
    assert isinstance(bootstrap.CONSUMED, list) and "accounts" in bootstrap.CONSUMED
    handlers = importlib.import_module(f"services.{service}.handlers")
    assert isinstance(handlers.EVENTS, dict) and all(callable(h) for h in handlers.EVENTS.values())
    web = importlib.import_module(f"services.{service}.entrypoints.web")
    assert list(inspect.signature(web.create_app).parameters) == ["settings", "deps_override"]
    assert callable(importlib.import_module(f"services.{service}.entrypoints.worker").main)


@pytest.mark.parametrize("service", SERVICES)
def test_the_domain_does_no_web_and_no_io(service):
    for path in (ROOT / "services" / service / "domain").glob("*.py"):
        imports = re.findall(r"^(?:from|import) ([\w.]+)", path.read_text(), re.M)
        forbidden = [name for name in imports if name.split(".")[0] in ("flask", "pymongo", "kafka", "requests")
                     or name.startswith(("shared.web", "shared.auth.guards", f"services.{service}.adapters",
                                         f"services.{service}.entrypoints", f"services.{service}.bootstrap"))]
        assert forbidden == [], f"{path.relative_to(ROOT)} imports {forbidden}"


@pytest.mark.parametrize("service", SERVICES)
def test_the_worker_dispatches_by_the_registry(service):
    worker = (ROOT / "services" / service / "entrypoints" / "worker.py").read_text()
    assert "EVENTS" in worker and "elif" not in worker
