"""Starting a service's web and worker processes for a test namespace, as `make up` would."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from tests.support.stack import ROOT, Stack

VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def service_env(stack: Stack, namespace: str, keys_dir: Path, port: int | None = None, **extra) -> dict:
    """The environment contract of DESIGN §8 for a test namespace."""
    env = dict(os.environ)
    env.update(KIPP_NAMESPACE=namespace, KAFKA_BOOTSTRAP_SERVERS=stack.kafka, MONGO_URI=stack.mongo_uri,
               SMTP_HOST=stack.smtp_host, SMTP_PORT=str(stack.smtp_port),
               KIPP_JWT_PUBLIC_KEY_FILE=str(keys_dir / "jwt-public.pem"),
               KIPP_JWT_PRIVATE_KEY_FILE=str(keys_dir / "jwt-private.pem"),
               WEB_CONCURRENCY="1", WEB_THREADS="8", PYTHONUNBUFFERED="1")
    if port:
        env["PORT"] = str(port)
    env.update({k: str(v) for k, v in extra.items()})
    return env


class Process:
    """One child process with its log file; stopped with SIGTERM, then SIGKILL."""

    def __init__(self, name: str, argv: list[str], env: dict, log_dir: Path):
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        self.log = open(self.log_path, "ab")
        self.popen = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                      start_new_session=True)

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout: float = 20) -> int | None:
        if self.alive():
            os.killpg(self.popen.pid, sig)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(10)
        self.log.close()
        return self.popen.returncode

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def start_web(service: str, env: dict, log_dir: Path) -> Process:
    argv = [str(VENV_BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{env['PORT']}",
            f"services.{service}.entrypoints.web:create_app()"]
    return Process(f"{service}-web", argv, env, log_dir)


def start_worker(service: str, env: dict, log_dir: Path) -> Process:
    return Process(f"{service}-worker", [sys.executable, "-m", f"services.{service}.entrypoints.worker"], env, log_dir)


def wait_ready(url: str, process: Process, timeout: float = 60) -> None:
    """Poll GET /readyz until 200; raise with the process's log when it never comes."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if not process.alive():
            raise RuntimeError(f"{process.name} exited:\n{process.tail()}")
        try:
            response = requests.get(url + "/readyz", timeout=5)
            if response.status_code == 200:
                return
            last = response.text
        except requests.RequestException as exc:
            last = str(exc)
        time.sleep(0.3)
    raise RuntimeError(f"{process.name} not ready after {timeout}s (last: {last}):\n{process.tail()}")


class Service:
    """A running service: its base URL and its two processes."""

    def __init__(self, name: str, stack: Stack, namespace: str, keys_dir: Path, log_dir: Path, port: int | None = None,
                 **extra_env):
        self.name = name
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = service_env(stack, namespace, keys_dir, self.port, **extra_env)
        self.log_dir = log_dir
        self.worker = start_worker(name, self.env, log_dir)
        self.web = start_web(name, self.env, log_dir)
        wait_ready(self.url, self.web)

    def restart_worker(self, sig=signal.SIGTERM) -> None:
        self.worker.stop(sig)
        self.worker = start_worker(self.name, self.env, self.log_dir)

    def stop(self) -> None:
        self.web.stop()
        self.worker.stop()


class Started:
    """Services started once per (service, namespace) for a test run, stopped by namespace or all at the end."""

    def __init__(self, stack: Stack, keys_dir: Path, log_dirs, namespace: str):
        self.stack, self.keys_dir, self.log_dirs, self.namespace = stack, keys_dir, log_dirs, namespace
        self.services: dict[tuple[str, str], Service] = {}

    def __call__(self, service: str, space: str | None = None, **env) -> Service:
        key = (service, space or self.namespace)
        if key not in self.services:
            self.services[key] = Service(service, self.stack, key[1], self.keys_dir, self.log_dirs(service), **env)
        return self.services[key]

    def stop(self, space: str | None = None) -> None:
        """Stop the services of `space` (every one when None)."""
        for key in [key for key in self.services if space in (None, key[1])]:
            self.services.pop(key).stop()


SERVICES = ("intake", "review", "notify", "reporting")


def start_platform(stack: Stack, namespace: str, keys_dir: Path, log_dir: Path, **extra_env) -> dict[str, Service]:
    """The four services, each web and worker, side by side, each knowing where browsers reach the others
    (KIPP_<SERVICE>_URL: people's pages link and redirect across services). Stops what started when one fails."""
    ports = {name: free_port() for name in SERVICES}
    urls = {f"KIPP_{name.upper()}_URL": f"http://127.0.0.1:{port}" for name, port in ports.items()}
    with ThreadPoolExecutor(len(SERVICES)) as pool:  # each waits for its /readyz
        starting = {name: pool.submit(Service, name, stack, namespace, keys_dir, log_dir, ports[name],
                                      **urls, **extra_env) for name in SERVICES}
    started, errors = {}, []
    for name, future in starting.items():
        try:
            started[name] = future.result()
        except Exception as exc:  # noqa: BLE001 - stop what did start, then fail
            errors.append(f"{name}: {exc}")
    if errors:
        for service in started.values():
            service.stop()
        raise RuntimeError("services did not start:\n" + "\n".join(errors))
    return started
