"""Fixtures shared by every layer. Integration and e2e tests use the real parts only."""
from __future__ import annotations

from pathlib import Path

import pytest
from pymongo import MongoClient

from shared.auth import tokens
from shared.config import Settings
from shared.kafka.producer import EventPublisher, make_producer
from tests.support import containers
from tests.support.mail import Sink
from tests.support.procs import Started
from tests.support.stack import Stack, from_env, require_parts
from tests.support.topics import TopicReader, drop_namespace, new_namespace


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
    started = Started(stack, keys_dir, lambda service: tmp_path_factory.mktemp(f"{service}-logs"), namespace)
    yield started
    started.stop()


@pytest.fixture(scope="session")
def own_namespace(stack, mongo, running):
    """own_namespace(prefix, services) → a namespace of its own, so that no other worker of the run shares
    its consumer groups; when the run ends its services stop and its databases and topics are dropped."""
    made = []

    def make(prefix: str, services: tuple[str, ...]) -> str:
        made.append((new_namespace(stack.kafka, prefix), services))
        return made[-1][0]
    yield make
    for space, services in made:
        running.stop(space)
        drop_namespace(stack, mongo, space, services)


@pytest.fixture(scope="session")
def own_sink(tmp_path_factory):
    """own_sink(name) → a real SMTP sink process of its own (its port, maildir, faults), closed at the end."""
    sinks = []

    def make(name: str) -> Sink:
        sinks.append(Sink(tmp_path_factory.mktemp(name)))
        return sinks[-1]
    yield make
    for sink in sinks:
        sink.close()


@pytest.fixture
def topic(stack, namespace):
    """topic(name, space=this run's) → a reader of <space>.<name> from its beginning, closed after the test."""
    readers = []

    def read(name: str, space: str | None = None) -> TopicReader:
        readers.append(TopicReader(stack.kafka, f"{space or namespace}.{name}"))
        return readers[-1]
    yield read
    for reader in readers:
        reader.close()


@pytest.fixture(scope="session")
def publisher(stack, namespace):
    """Events onto this run's topics, as the services publish them."""
    sender = EventPublisher(make_producer(stack.kafka), namespace)
    yield sender
    sender.close()
