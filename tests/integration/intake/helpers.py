"""Small request helpers for intake's integration tests."""
from __future__ import annotations

from tests import factories

PROBLEM = "application/problem+json"


def create(client, cid: str, headers: dict, **overrides) -> dict:
    """Create a draft from factories.agency_entry (region 73.71 unless overridden); returns its body."""
    region = overrides.pop("region_code", "73.71")
    cluster = overrides.pop("cluster", "kota")
    response = client.post(f"/api/v1/competitions/{cid}/entries", json=factories.agency_entry(region, cluster, **overrides),
                           headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def submit(client, entry_id: str, headers: dict):
    return client.post(f"/api/v1/entries/{entry_id}/submit", headers=headers)


def assert_problem(response, status: int, rule: str | None = None, field: str | None = None) -> dict:
    """The response is problem+json with `status`, naming `rule` and `field` when given."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True)[:500])
    assert response.mimetype == PROBLEM
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["type"]
    if rule is not None:
        assert body.get("rule") == rule, body
    if field is not None:
        assert field in (body.get("errors") or {}), body
    return body
