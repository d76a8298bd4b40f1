"""Helpers for review's tests: put competitions and entries on the real topics as intake would."""
from __future__ import annotations

import re

import uuid

from shared.events import types
from shared.events.envelope import new_event, utc_now_iso
from shared.regions import province_of
from tests import factories
from tests.support.poll import eventually

SOURCE = "kipp/intake"
GOOD = {"latar_belakang": 80, "kebaruan": 70, "implementasi": 90, "signifikansi": 60, "adaptabilitas": 75,
        "sumber_daya": 85, "keberlanjutan": 65}
# Σ weight·score / Σ weight = (800 + 1050 + 450 + 1800 + 1500 + 425 + 975) / 100
GOOD_TOTAL = 70.0

# a closed scored stage's field (conftest's closed_stage): entry label → (region, category, the score its
# judge gives on every criterion), and the stage's quotas
FIELD = {"A": ("73.71", "kesehatan", 90), "B": ("73.15", "kesehatan", 85), "C": ("73.71", "kesehatan", 80),
         "D": ("31.71", "pendidikan", 50), "E": ("32.01", "ekonomi", 40), "F": ("11.71", "kesehatan", 30)}
FIELD_QUOTAS = {"min_per_category": 1, "max_per_province": 2, "min_priority_regions": 0}


def published(definition: dict) -> dict:
    return new_event(types.COMPETITION_PUBLISHED, definition["id"], definition, SOURCE)


def submitted(cid: str, body: dict | None = None, entry_id: str | None = None, revision: int = 1) -> dict:
    """kipp.entry.submitted for a complete entry (DESIGN §3 fields)."""
    body = body or factories.entry()
    entry_id = entry_id or str(uuid.uuid4())
    data = {**body, "entry_id": entry_id, "competition_id": cid, "revision": revision,
            "province_code": province_of(body["agency"]["region_code"]), "attachments": [],
            "submitted_at": utc_now_iso(), "owner_region": province_of(body["agency"]["region_code"])}
    return new_event(types.ENTRY_SUBMITTED, entry_id, data, SOURCE)


def withdrawn(cid: str, entry_id: str, reason: str = "ditarik oleh instansi") -> dict:
    data = {"entry_id": entry_id, "competition_id": cid, "reason": reason, "withdrawn_at": utc_now_iso()}
    return new_event(types.ENTRY_WITHDRAWN, entry_id, data, SOURCE)


def entries_in_review(client, admin: dict, cid: str, count: int, stage: str | None = None, timeout: float = 30):
    """Wait until review's worker has taken in `count` entries of `cid` (optionally in `stage`)."""
    query = f"?stage={stage}" if stage else ""

    def probe():
        reply = client.get(f"/api/v1/competitions/{cid}/entries{query}", headers=admin)
        return reply.json if reply.status_code == 200 and len(reply.json["items"]) >= count else None
    return eventually(probe, timeout=timeout, what=f"{count} entries of {cid} in review")["items"]


def judge_body(cid: str, home: str, **overrides) -> dict:
    body = {"id": factories.uid("juri-"), "name": "Prof. Dr. Siti Rahmawati", "email": f"{factories.uid('juri-')}@univ.ac.id",
            "home_region": home, "affiliation_region": None, "expertise": ["kesehatan"], "conflicts": [],
            "competitions": [cid]}
    body.update(overrides)
    return body


def appoint(client, admin: dict, cid: str, stage: str, judge_ids) -> None:
    """Appoint each judge to the stage's panel (assignment draws only from it)."""
    for judge_id in judge_ids:
        reply = client.put(f"/api/v1/competitions/{cid}/stages/{stage}/panel/{judge_id}", headers=admin)
        assert reply.status_code in (200, 201), reply.get_data(as_text=True)


def register(client, admin: dict, bodies: list[dict], cid: str | None = None, stage: str = "evaluasi") -> list[dict]:
    """Register each judge; with `cid`, appoint them to that competition's `stage` too."""
    for body in bodies:
        reply = client.post("/api/v1/judges", json=body, headers=admin)
        assert reply.status_code == 201, reply.get_data(as_text=True)
    if cid:
        appoint(client, admin, cid, stage, [b["id"] for b in bodies])
    return bodies


def distinct(events: list[dict]) -> list[dict]:
    """Events once each, in topic order. Delivery is at least once (two relays may publish the same
    pending event, e.g. while an e2e worker and an integration worker share the namespace); the
    event id says which records are the same event."""
    seen, out = set(), []
    for event in events:
        if event["id"] not in seen:
            seen.add(event["id"])
            out.append(event)
    return out


def wait_distinct(reader, count: int = 1, timeout: float = 20, **match) -> list[dict]:
    """Wait for at least `count` distinct events matching `match` on the reader's topic."""
    def enough():
        found = distinct(reader.events(**match))
        return found if len(found) >= count else None
    return eventually(enough, timeout=timeout, what=f"{count} distinct event(s) {match} on {reader.topic}")


def form_csrf(page: bytes, action: str) -> str:
    """The CSRF token of the form posting to `action` (the header's sign-out form carries the desk's)."""
    found = re.search(rb'<form[^>]* action="' + re.escape(action.encode()) + rb'"[^>]*>.*?name="csrf" value="([^"]+)"',
                      page, re.S)
    assert found, f"no form posting to {action}"
    return found.group(1).decode()
