"""The seed's way into the services: their HTTP APIs only, with bearer tokens signed by the private key.

Every call names who makes it (an admin, a region, a judge): the seed acts as each of them would. A call
that answers something other than what it expects stops the seed with the service's own words.
"""
from __future__ import annotations

import threading
import time
from typing import Callable, TypeVar
from urllib.parse import quote

import requests

from shared.auth import tokens

T = TypeVar("T")
TOKEN_SECONDS = 3600
ADMIN = ("admin", "demo-sekretariat", None)


class SeedFailed(SystemExit):
    """The seed cannot go on (exits `make up` with the reason)."""

    def __init__(self, why: str):
        super().__init__(f"seed: {why}")


class Api:
    """Calls to the four services as (role, sub, region), one HTTP session per thread."""

    def __init__(self, urls: dict, private_pem: bytes):
        self.urls, self.private_pem = urls, private_pem
        self._tokens: dict[tuple, str] = {}
        self._local = threading.local()
        self._lock = threading.Lock()

    def token(self, who: tuple) -> str:
        """A bearer token for (role, sub, region), made once per seed."""
        with self._lock:
            if who not in self._tokens:
                role, sub, region = who
                self._tokens[who] = tokens.issue(self.private_pem, role, sub, region, TOKEN_SECONDS)
            return self._tokens[who]

    def _session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = requests.Session()
        return self._local.session

    def call(self, method: str, service: str, path: str, who: tuple = ADMIN, body=None, key: str | None = None,
             expect=(200, 201)) -> requests.Response:
        """The answer of `method service path` (JSON body, Idempotency-Key), which must be one of `expect`."""
        headers = {"Authorization": "Bearer " + self.token(who)}
        if key:
            headers["Idempotency-Key"] = key
        try:
            answer = self._session().request(method, self.urls[service] + path, json=body, headers=headers, timeout=30)
        except requests.RequestException as exc:
            raise SeedFailed(f"{method} {service}{path}: {exc}") from exc
        if answer.status_code not in expect:
            raise SeedFailed(f"{method} {service}{path} answered {answer.status_code}: {answer.text[:400]}")
        return answer

    def json(self, method: str, service: str, path: str, who: tuple = ADMIN, body=None, key: str | None = None):
        return self.call(method, service, path, who, body, key).json()

    def find(self, service: str, path: str, who: tuple = ADMIN):
        """GET's JSON, or None on 404."""
        answer = self.call("GET", service, path, who, expect=(200, 404))
        return answer.json() if answer.status_code == 200 else None

    def every(self, service: str, path: str, who: tuple = ADMIN) -> list[dict]:
        """Every item of a paged list (DESIGN §4: limit, cursor, next_cursor)."""
        items, cursor = [], None
        joiner = "&" if "?" in path else "?"
        while True:
            after = f"&cursor={quote(cursor, safe='')}" if cursor else ""
            page = self.json("GET", service, f"{path}{joiner}limit=500{after}", who)
            items += page["items"]
            cursor = page.get("next_cursor")
            if not cursor:
                return items


def wait_for(probe: Callable[[], T], what: str, timeout: float = 60.0, interval: float = 0.3) -> T:
    """Poll `probe` until it returns something truthy; stop the seed at the deadline, saying what it waited for."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found:
            return found
        if time.monotonic() > deadline:
            raise SeedFailed(f"waited {timeout:.0f} s for {what}; last seen: {found!r}")
        time.sleep(interval)
