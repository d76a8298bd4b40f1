"""The platform the contract tests call: the four services on a namespace of their own (their
requests create competitions and entries no other test should see), with something to find."""
from __future__ import annotations

import pytest
import requests

from tests import factories
from tests.support.poll import eventually
from tests.support.procs import start_platform
from tests.support.topics import new_namespace

ENTRY_REGION = "73.71"  # Kota Makassar, in province 73


@pytest.fixture(scope="module")
def contract_platform(stack, keys_dir, tmp_path_factory, auth):
    """(services by name, the seeded ids by path parameter name)."""
    namespace = new_namespace(stack.kafka, "c")
    started = start_platform(stack, namespace, keys_dir, tmp_path_factory.mktemp("contract-logs"))
    try:
        yield started, seed(started["intake"].url, started["review"].url, auth)
    finally:
        for service in started.values():
            service.stop()


def seed(intake: str, review: str, auth) -> dict:
    """A competition, one submitted entry of Kota Makassar, screened eligible, and its assignments."""
    admin = auth("admin")
    definition = factories.competition()
    cid = definition["id"]
    screening, scored = (stage["key"] for stage in definition["stages"][:2])
    assert requests.put(f"{intake}/api/v1/competitions/{cid}", json=definition, headers=admin).ok
    region = auth("region", ENTRY_REGION, "region-" + ENTRY_REGION)
    created = requests.post(f"{intake}/api/v1/competitions/{cid}/entries", json=factories.entry(ENTRY_REGION, "kota"),
                            headers=region)
    assert created.status_code == 201, created.text
    entry_id = created.json()["id"]
    assert requests.post(f"{intake}/api/v1/entries/{entry_id}/submit", headers=region).status_code == 200

    def listed_in_review():  # review knows the entry once it consumed its event
        response = requests.get(f"{review}/api/v1/competitions/{cid}/entries", headers=admin)
        return response.ok and entry_id in response.text
    eventually(listed_in_review, timeout=30, what="review to list the entry")
    screened = requests.post(f"{review}/api/v1/competitions/{cid}/stages/{screening}/screenings", headers=admin,
                             json={"decisions": [{"entry_id": entry_id, "decision": "eligible"}]})
    assert screened.ok, screened.text
    for home in ("51", "52", "53"):
        judge = {"id": factories.uid("juri-"), "name": f"Juri {home}", "email": f"{factories.uid()}@univ.ac.id",
                 "home_region": home, "expertise": ["kesehatan"], "competitions": [cid]}
        assert requests.post(f"{review}/api/v1/judges", json=judge, headers=admin).status_code == 201
        appointed = requests.put(f"{review}/api/v1/competitions/{cid}/stages/{scored}/panel/{judge['id']}", headers=admin)
        assert appointed.status_code == 201, appointed.text
    assigned = requests.post(f"{review}/api/v1/competitions/{cid}/stages/{scored}/assignments", headers=admin)
    assert assigned.status_code == 201, assigned.text
    found = requests.get(f"{review}/api/v1/assignments?competition_id={cid}", headers=admin).json()["items"]
    assert found, "the seeded stage has no assignment"
    return {"cid": cid, "entry_id": entry_id, "stage": scored, "aid": found[0]["id"],
            "judge_id": found[0]["judge_id"]}
