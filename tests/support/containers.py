"""Which real parts the integration and e2e layers run on, and the container-based ones.

`KIPP_TEST_STACK` chooses: `local` (the stack deploy/local/infra runs: Kafka from its jars,
FerretDB on PostgreSQL), `containers` (MongoDB 7 and Apache Kafka in containers started by
testcontainers, which needs a Docker engine), or `auto` (the default): containers where a
Docker engine answers, the local stack otherwise. The local stack runs in both: the SMTP
sink is ours either way, and the tests of the local store itself (tests/integration/store)
need its FerretDB and PostgreSQL.

    python -m tests.support.containers     prints the choice (make test reads it)
"""
from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import replace
from typing import Callable, Iterator

CHOICES = ("auto", "local", "containers")
MONGO_IMAGE = "mongo:7"
KAFKA_IMAGE = "confluentinc/cp-kafka:7.6.0"  # Apache Kafka 3.6 in KRaft mode, testcontainers' default


class StackUnavailable(RuntimeError):
    """The chosen stack cannot run here."""


def docker_answers(timeout: float = 5.0) -> bool:
    """True when a Docker engine answers `docker info` (a client alone is not enough)."""
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=timeout).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def choose(requested: str, docker: Callable[[], bool] = docker_answers) -> str:
    """`local` or `containers` for KIPP_TEST_STACK's value; asks for Docker only when it matters."""
    requested = (requested or "auto").strip().lower()
    if requested not in CHOICES:
        raise StackUnavailable(f"KIPP_TEST_STACK={requested!r}: choose one of {', '.join(CHOICES)}")
    if requested == "local":
        return "local"
    if docker():
        return "containers"
    if requested == "containers":
        raise StackUnavailable("KIPP_TEST_STACK=containers, but no Docker engine answers `docker info`")
    return "local"


def chosen() -> str:
    return choose(os.environ.get("KIPP_TEST_STACK", "auto"))


@contextmanager
def started(local) -> Iterator:
    """MongoDB 7 and Kafka containers for one test session; `local` gives the SMTP sink and var dir."""
    from testcontainers.community.kafka import KafkaContainer
    from testcontainers.community.mongodb import MongoDbContainer

    with MongoDbContainer(MONGO_IMAGE) as mongo, KafkaContainer(KAFKA_IMAGE).with_kraft() as kafka:
        yield replace(local, kafka=kafka.get_bootstrap_server(), mongo_uri=mongo.get_connection_url())


if __name__ == "__main__":
    try:
        print(chosen())
    except StackUnavailable as exc:
        print(f"test stack: {exc}", file=sys.stderr)
        sys.exit(1)
