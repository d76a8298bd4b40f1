"""What every benchmark needs: the real parts, a fresh namespace, keys, and services as processes."""
from __future__ import annotations

import sys
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared import regions  # noqa: E402
from shared.auth import tokens  # noqa: E402
from shared.kafka.admin import ensure_topics  # noqa: E402
from tests.support.procs import Service  # noqa: E402
from tests.support.stack import from_env  # noqa: E402


class Bench:
    """A namespace of its own on the real stack, with a key pair and a token maker."""

    def __init__(self, prefix: str = "bench"):
        self.stack = from_env()
        self.namespace = f"{prefix}{uuid.uuid4().hex[:6]}"
        self.dir = Path(tempfile.mkdtemp(prefix=self.namespace + "-"))
        tokens.generate_keys(str(self.dir / "jwt-private.pem"), str(self.dir / "jwt-public.pem"))
        self.private = (self.dir / "jwt-private.pem").read_bytes()
        ensure_topics(self.stack.kafka, self.namespace)

    def headers(self, role: str, region: str | None = None, sub: str | None = None) -> dict:
        return {"Authorization": "Bearer " + tokens.issue(self.private, role, sub or f"{role}-{region}", region, 6 * 3600)}

    @contextmanager
    def services(self, *names: str, **env):
        """Start `names` (web + worker each) for this namespace; stop them afterwards."""
        started = {}
        try:
            for name in names:
                started[name] = Service(name, self.stack, self.namespace, self.dir, self.dir, **env)
            yield started
        finally:
            for service in started.values():
                service.stop()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else float("nan")


def kabupaten_kota() -> list[tuple[str, str]]:
    """Every kabupaten and kota code with its cluster, for entries from all over Indonesia."""
    return [(r.code, r.type) for p in regions.provinces() for r in regions.regencies(p.code)]
