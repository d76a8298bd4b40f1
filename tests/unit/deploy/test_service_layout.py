"""One shape for four services: the files docs/architecture.md's table names are in each service, each
does what the table says, and nothing else sits at a service's root."""
from __future__ import annotations

import dataclasses
import importlib
import inspect
import re
import typing
from pathlib import Path

import pytest
from pymongo import MongoClient

from shared.config import Settings

ROOT = Path(__file__).resolve().parents[3]
SERVICES = ("intake", "review", "notify", "reporting")
ARCHITECTURE = ROOT / "docs" / "architecture.md"
# every service has these (docs/architecture.md, "The shape of a service")
FILES = ("README.md", "__init__.py", "config.py", "bootstrap.py", "ports.py", "domain/__init__.py", "domain/errors.py",
         "handlers/__init__.py", "adapters/__init__.py", "adapters/store.py", "entrypoints/__init__.py",
         "entrypoints/web.py", "entrypoints/worker.py", "entrypoints/schemas.py")
ROOT_MODULES = {"__init__.py", "config.py", "bootstrap.py", "ports.py"}


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


def _imports(path: Path) -> list[str]:
    return re.findall(r"^\s*(?:from|import) ([\w.]+)", path.read_text(), re.M)


@pytest.mark.parametrize("service", SERVICES)
def test_handlers_depend_on_ports_not_on_adapters(service):
    for path in (ROOT / "services" / service / "handlers").glob("*.py"):
        forbidden = [name for name in _imports(path) if name.split(".")[0] in ("flask", "pymongo", "kafka")
                     or name.startswith((f"services.{service}.adapters", f"services.{service}.bootstrap",
                                         f"services.{service}.entrypoints", "shared.web"))]
        assert forbidden == [], f"{path.relative_to(ROOT)} imports {forbidden}"


def _ports_of(protocol: type) -> dict[str, type]:
    """The attributes of a port that are ports themselves (review's Store: its assignments, panels, ...)."""
    module = importlib.import_module(protocol.__module__)
    hints = typing.get_type_hints(protocol, vars(module))
    return {name: hint for name, hint in hints.items() if getattr(hint, "_is_protocol", False)}


def _conforms(adapter, protocol: type, where: str) -> list[str]:
    """What `adapter` lacks of `protocol`: a method, or a method's parameters as the port names them."""
    problems = []
    for name, declared in vars(protocol).items():
        if name.startswith("_") or not callable(declared):
            continue
        found = getattr(type(adapter), name, None)
        if found is None:
            problems.append(f"{where}.{name} is missing")
        elif list(inspect.signature(found).parameters) != list(inspect.signature(declared).parameters):
            problems.append(f"{where}.{name}{inspect.signature(found)} is not the port's {inspect.signature(declared)}")
    for name, port in _ports_of(protocol).items():
        problems += _conforms(getattr(adapter, name), port, f"{where}.{name}")
    return problems


@pytest.mark.parametrize("service", SERVICES)
def test_the_bootstrap_wires_adapters_that_keep_the_ports(service, tmp_path):
    """Every port of Deps is kept by the adapter bootstrap wires (method names and parameters alike)."""
    ports = importlib.import_module(f"services.{service}.ports")
    bootstrap = importlib.import_module(f"services.{service}.bootstrap")
    key = tmp_path / "key.pem"
    key.write_bytes(b"not read for this check")
    settings = Settings(service=service, namespace="layout", mongo_uri="mongodb://127.0.0.1:9",
                        kafka_bootstrap_servers="127.0.0.1:9", jwt_public_key_file=str(key))
    client = MongoClient(settings.mongo_uri, connect=False, serverSelectionTimeoutMS=100)
    deps = bootstrap.bootstrap(settings, client["layout"])  # wiring alone never connects
    assert type(deps) is ports.Deps
    wired = [(field.name, field.type) for field in dataclasses.fields(ports.Deps)]
    hints = typing.get_type_hints(ports.Deps, vars(ports))
    checked = [name for name, _ in wired if getattr(hints[name], "_is_protocol", False)]
    assert checked, f"{service}'s Deps names no port"
    problems = [p for name in checked for p in _conforms(getattr(deps, name), hints[name], name)]
    assert problems == []
    client.close()
