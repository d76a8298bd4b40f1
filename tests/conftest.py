"""Fixtures shared by every layer. Integration and e2e tests use the real parts only."""
from __future__ import annotations

from pathlib import Path

import pytest
from pymongo import MongoClient

from shared.auth import tokens
from shared.config import Settings
from shared.kafka.producer import EventPublisher, make_producer
from tests.support import containers
from tests.support.procs import Service
from tests.support.stack import Stack, from_env, require_parts
from tests.support.topics import new_namespace


@pytest.fixture(scope="session")
def keys_dir(tmp_path_factory) -> Path:
    """Fresh Ed25519 key pairs for this test run: the API tokens' and the sign-in desk's (beside it)."""
    path = tmp_path_factory.mktemp("keys")
    tokens.generate_keys(str(path / "jwt-private.pem"), str(path / "jwt-public.pem"))
    tokens.generate_keys(str(path / "signin-private.pem"), str(path / "signin-public.pem"))
    return path


@pytest.fixture(scope="session")
def make_token(keys_dir):
    """make_token(role, region=None, sub=None, ttl=3600) → a signed bearer token."""
    private = (keys_dir / "jwt-private.pem").read_bytes()

    def make(role: str, region: str | None = None, sub: str | None = None, ttl: int = 3600) -> str:
        return tokens.issue(private, role, sub or f"{role}-{region or 'x'}", region, ttl)
    return make


@pytest.fixture(scope="session")
def auth(make_token):
    """auth(role, region=None, sub=None) → headers with a bearer token."""
    def headers(role: str, region: str | None = None, sub: str | None = None) -> dict:
        return {"Authorization": "Bearer " + make_token(role, region, sub)}
    return headers


@pytest.fixture(scope="session")
def public_key(keys_dir) -> bytes:
    return (keys_dir / "jwt-public.pem").read_bytes()


# --- the real parts (requested by integration and e2e tests only) ---
@pytest.fixture(scope="session")
def stack() -> Stack:
    """The real parts: the local stack, or MongoDB and Kafka containers (tests/support/containers.py)."""
    found = from_env()
    require_parts(found)
    if containers.chosen() == "local":
        yield found
        return
    with containers.started(found) as in_containers:
        yield in_containers


@pytest.fixture(scope="session")
def namespace(stack) -> str:
    """A namespace no other run shares, with its topics created."""
    return new_namespace(stack.kafka, "t")


@pytest.fixture(scope="session")
def mongo(stack):
    client = MongoClient(stack.mongo_uri, serverSelectionTimeoutMS=5000, tz_aware=True)
    yield client
    client.close()


@pytest.fixture(scope="session")
def settings_for(stack, namespace, keys_dir):
    """settings_for(service) → Settings pointing at the real parts and this run's namespace (an app in-process)."""
    def make(service: str) -> Settings:
        return Settings(service=service, namespace=namespace, kafka_bootstrap_servers=stack.kafka,
                        mongo_uri=stack.mongo_uri, smtp_host=stack.smtp_host, smtp_port=stack.smtp_port,
                        jwt_public_key_file=str(keys_dir / "jwt-public.pem"),
                        jwt_private_key_file=str(keys_dir / "jwt-private.pem"))
    return make


@pytest.fixture(scope="session")
def running(stack, keys_dir, tmp_path_factory, namespace):
    """running(service, namespace=this run's, **env) → that service's web and worker processes, as `make up`
    starts them, started once per (service, namespace) and stopped when the run ends."""
    started: dict[tuple, Service] = {}

    def start(service: str, space: str | None = None, **env) -> Service:
        key = (service, space or namespace)
        if key not in started:
            started[key] = Service(service, stack, key[1], keys_dir, tmp_path_factory.mktemp(f"{service}-logs"), **env)
        return started[key]
    yield start
    for service in started.values():
        service.stop()


@pytest.fixture(scope="session")
def publisher(stack, namespace):
    """Events onto this run's topics, as the services publish them."""
    sender = EventPublisher(make_producer(stack.kafka), namespace)
    yield sender
    sender.close()
