#!/usr/bin/env python3
"""Readiness probes for deploy/local/infra.

    probe.py kafka|postgres|mongo|smtp HOST PORT [--timeout S] [--pid PID]

Retries until the part answers a real request or the timeout passes:
  kafka  port open, then a metadata request (kafka-python admin: describe_cluster
         must list a broker, list_topics must answer)
  postgres  port open, then `pg_isready` (from KIPP_PG_BIN) accepts connections
  mongo  port open, then pymongo `ping` (FerretDB answers it only with PostgreSQL behind it)
  smtp   port open, then EHLO + NOOP
Exits 0 when ready, 1 on timeout, 2 when --pid is given and that process has died
(no point in waiting).  The last error is printed on failure.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
import time


def port_open(host: str, port: int) -> None:
    with socket.create_connection((host, port), timeout=1.0):
        pass


def check_kafka(host: str, port: int) -> None:
    port_open(host, port)
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(
        bootstrap_servers=f"{host}:{port}",
        client_id="kipp-infra-probe",
        request_timeout_ms=5000,
    )
    try:
        cluster = admin.describe_cluster()
        if not cluster.get("brokers"):
            raise RuntimeError(f"no broker registered yet: {cluster}")
        admin.list_topics()
    finally:
        admin.close()


def check_mongo(host: str, port: int) -> None:
    port_open(host, port)
    from pymongo import MongoClient

    client = MongoClient(host, port, serverSelectionTimeoutMS=2000, connectTimeoutMS=2000,
                         directConnection=True)
    try:
        client.admin.command("ping")
    finally:
        client.close()


def check_smtp(host: str, port: int) -> None:
    import smtplib

    with smtplib.SMTP(host, port, timeout=3) as smtp:
        smtp.ehlo()
        code, msg = smtp.noop()
        if code != 250:
            raise RuntimeError(f"NOOP answered {code} {msg!r}")


def check_postgres(host: str, port: int) -> None:
    port_open(host, port)
    import subprocess

    pg_isready = os.path.join(os.environ.get("KIPP_PG_BIN", "/usr/lib/postgresql/15/bin"), "pg_isready")
    answer = subprocess.run([pg_isready, "-h", host, "-p", str(port), "-U", "ferretdb", "-d", "postgres"],
                            capture_output=True, text=True, timeout=5)
    if answer.returncode != 0:
        raise RuntimeError(f"pg_isready: {answer.stdout.strip() or answer.stderr.strip()}")


CHECKS = {"kafka": check_kafka, "postgres": check_postgres, "mongo": check_mongo, "smtp": check_smtp}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped) counts as dead.
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("part", choices=sorted(CHECKS))
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--pid", type=int, default=None)
    args = ap.parse_args()

    logging.basicConfig(level=logging.CRITICAL)  # kafka-python is loud on refused connections
    check = CHECKS[args.part]
    deadline = time.monotonic() + args.timeout
    last: BaseException | None = None
    while True:
        try:
            check(args.host, args.port)
            return 0
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready yet"
            last = exc
        if args.pid is not None and not alive(args.pid):
            print(f"{args.part}: process {args.pid} exited; last error: {last!r}", file=sys.stderr)
            return 2
        if time.monotonic() >= deadline:
            print(f"{args.part}: not ready after {args.timeout:.0f}s on {args.host}:{args.port}; "
                  f"last error: {last!r}", file=sys.stderr)
            return 1
        time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())
