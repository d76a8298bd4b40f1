"""Where the real parts are, and a clear failure when one is missing."""
from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Stack:
    kafka: str
    mongo_uri: str
    smtp_host: str
    smtp_port: int
    mail_dir: Path
    var_dir: Path
    postgres_url: str  # the local stack's PostgreSQL (behind FerretDB), tested whatever holds the services' data


def from_env() -> Stack:
    var = Path(os.environ.get("KIPP_VAR_DIR", ROOT / "var"))
    return Stack(
        kafka=os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + os.environ.get("KIPP_KAFKA_PORT", "9092")),
        mongo_uri=os.environ.get("MONGO_URI", "mongodb://127.0.0.1:" + os.environ.get("KIPP_MONGO_PORT", "27017") + "/"),
        smtp_host=os.environ.get("SMTP_HOST", "127.0.0.1"),
        smtp_port=int(os.environ.get("SMTP_PORT", os.environ.get("KIPP_SMTP_PORT", "1025"))),
        mail_dir=Path(os.environ.get("KIPP_MAIL_DIR", var / "mail")),
        var_dir=var,
        postgres_url=os.environ.get("KIPP_POSTGRES_URL", "postgres://ferretdb@127.0.0.1:"
                                    + os.environ.get("KIPP_PG_PORT", "5433") + "/ferretdb"),
    )


def _open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def _host_port(uri: str) -> tuple[str, str]:
    """host and port of a mongodb:// or postgres:// URI (credentials dropped)."""
    return uri.split("//", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1].rsplit(":", 1)


def require_parts(stack: Stack) -> None:
    """Fail the run, naming the part, when Kafka, the store, PostgreSQL or the SMTP sink is not reachable."""
    kafka_host, kafka_port = stack.kafka.split(",")[0].rsplit(":", 1)
    mongo_host, mongo_port = _host_port(stack.mongo_uri)
    pg_host, pg_port = _host_port(stack.postgres_url)
    missing = [name for name, host, port in (
        (f"Kafka broker at {stack.kafka}", kafka_host, int(kafka_port)),
        (f"MongoDB-compatible store at {mongo_host}:{mongo_port}", mongo_host, int(mongo_port)),
        (f"PostgreSQL behind the local FerretDB at {pg_host}:{pg_port}", pg_host, int(pg_port)),
        (f"SMTP sink at {stack.smtp_host}:{stack.smtp_port}", stack.smtp_host, stack.smtp_port),
    ) if not _open(host, port)]
    if missing:
        pytest.fail("real parts not reachable: " + "; ".join(missing)
                    + ". Start them with 'deploy/local/infra up' (make test does this).", pytrace=False)

