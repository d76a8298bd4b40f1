"""Helpers for notify's tests: events as intake and review publish them (the sink is tests.support.mail.Sink)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from shared.events import types
from shared.events.envelope import new_event, utc_now_iso
from shared.regions import province_of
from tests import factories
from tests.support.poll import eventually


def parts(message) -> tuple[str, str]:
    """(plain text, HTML) of a multipart/alternative message."""
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


COMPETITION = "kipp-uji"  # the competition of `submitted` entries; the conftest publishes it


def published(definition: dict) -> dict:
    """kipp.competition.published as intake publishes it: the whole definition."""
    return new_event(types.COMPETITION_PUBLISHED, definition["id"], definition, "kipp/intake")


def contacts(api, code: str, language: str, digest: str = "immediate") -> list[str]:
    """Give a region one fresh contact address through notify's API; returns the addresses."""
    addresses = [f"{factories.uid('admin-')}@{code.replace('.', '-')}.go.id"]
    response = api("PUT", f"/api/v1/regions/{code}/contacts",
                   json={"addresses": addresses, "language": language, "digest": digest})
    assert response.status_code == 200, response.text
    return addresses


def submitted(region_code: str = "73.71", cluster: str = "kota", competition_id: str = COMPETITION,
              **overrides) -> dict:
    """kipp.entry.submitted as intake publishes it, for a fresh entry of `region_code`."""
    body = factories.entry(region_code, cluster)
    entry_id = overrides.pop("entry_id", factories.uid("entry-"))
    data = {**body, "entry_id": entry_id, "competition_id": competition_id, "revision": 1,
            "province_code": province_of(region_code), "attachments": [], "submitted_at": utc_now_iso(),
            "owner_region": region_code}
    data.update(overrides)
    return new_event(types.ENTRY_SUBMITTED, entry_id, data, "kipp/intake")


def review(kind: str, entry: dict, **data) -> dict:
    """A review event (screened/advanced/eliminated/awarded) about a submitted entry event."""
    base = {"entry_id": entry["data"]["entry_id"], "competition_id": entry["data"]["competition_id"]}
    return new_event(kind, base["entry_id"], {**base, **data}, "kipp/review")


def screened(entry: dict, decision: str = "eligible", reason: str | None = None) -> dict:
    return review(types.ENTRY_SCREENED, entry, stage="administrasi", decision=decision, reason=reason)


def advanced(entry: dict, rank: int = 7, score: float = 88.5) -> dict:
    return review(types.ENTRY_ADVANCED, entry, stage="evaluasi", to_stage="wawancara", rank=rank, score=score,
                  reason="rank")


def eliminated(entry: dict, rank: int = 150, score: float = 55.25) -> dict:
    return review(types.ENTRY_ELIMINATED, entry, stage="evaluasi", to_stage=None, rank=rank, score=score,
                  reason="Di luar Top 99")


def awarded(entry: dict, award: str = "top45") -> dict:
    return review(types.ENTRY_AWARDED, entry, award=award)


def assignment(entry: dict, judge_id: str, judge_email: str, stage: str = "evaluasi") -> dict:
    due = (datetime.now(timezone.utc) + timedelta(days=14)).isoformat()
    return review(types.ASSIGNMENT_CREATED, entry, assignment_id=factories.uid("asg-"), stage=stage,
                  judge_id=judge_id, judge_email=judge_email, due_at=due)


def wait_settled(service, timeout: float = 30) -> dict:
    """Wait until notify has consumed everything and its work list is empty (nothing in flight)."""
    import requests

    from shared.kafka.lag import consumer_lag
    ns, kafka = service.env["KIPP_NAMESPACE"], service.env["KAFKA_BOOTSTRAP_SERVERS"]
    topics = [f"{ns}.{name}" for name in ("entries", "reviews", "competitions")]

    def settled():
        if consumer_lag(kafka, f"{ns}.notify", topics):  # read afresh: /readyz caches it briefly
            return None
        body = requests.get(service.url + "/readyz", timeout=5).json()
        return body if body.get("outbox_backlog") == 0 else None
    return eventually(settled, timeout=timeout, interval=0.3, what="notify settled (lag 0, work list empty)")
