"""Races against the real gunicorn process and the real store: unique claims and conditional updates keep them honest."""
from __future__ import annotations

import threading

import requests

from tests import factories
from tests.support.poll import eventually


def put_competition(service, auth, **overrides) -> str:
    definition = factories.competition(**overrides)
    response = requests.put(f"{service.url}/api/v1/competitions/{definition['id']}", json=definition,
                            headers=auth("admin"), timeout=30)
    assert response.status_code == 200, response.text
    return definition["id"]


def create(service, cid: str, headers: dict, **overrides) -> str:
    response = requests.post(f"{service.url}/api/v1/competitions/{cid}/entries", headers=headers, timeout=30,
                             json=factories.agency_entry(**overrides))
    assert response.status_code == 201, response.text
    return response.json()["id"]


def all_at_once(calls: list) -> list:
    """Run the calls in threads released together; their responses in order."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i, call):
        barrier.wait()
        results[i] = call()
    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    [t.start() for t in threads]
    [t.join(60) for t in threads]
    return results


def submit_call(service, entry_id: str, headers: dict):
    return lambda: requests.post(f"{service.url}/api/v1/entries/{entry_id}/submit", headers=headers, timeout=60)


def test_concurrent_submits_of_one_title_accept_exactly_one(intake_service, auth):
    region = auth("region", "73.71")
    cid = put_competition(intake_service, auth)
    for round_ in range(3):
        spellings = [f"Sistem Antrian Online {round_}", f"sistem antrian ONLINE {round_}!", f"Sistem Antrian, Online {round_}."]
        ids = [create(intake_service, cid, region, title=spellings[i % 3]) for i in range(8)]
        results = all_at_once([submit_call(intake_service, i, region) for i in ids])
        statuses = sorted(r.status_code for r in results)
        assert statuses == [200] + [409] * 7, [r.text for r in results]
        assert all(r.json()["rule"] == "duplicate-title" for r in results if r.status_code == 409)


def test_concurrent_submits_never_pass_an_agency_cap(intake_service, auth):
    region = auth("region", "73.71")
    cid = put_competition(intake_service, auth, eligibility={"min_age_months": 0, "max_entries_per_agency": {"umum": 2}})
    agency = {"name": "Dinas Perizinan Kota Makassar", "cluster": "kota", "region_code": "73.71"}
    ids = [create(intake_service, cid, region, agency=agency) for _ in range(8)]
    results = all_at_once([submit_call(intake_service, i, region) for i in ids])
    assert sorted(r.status_code for r in results) == [200, 200] + [409] * 6, [r.text for r in results]
    listed = requests.get(f"{intake_service.url}/api/v1/competitions/{cid}/entries?status=submitted",
                          headers=region, timeout=30).json()["items"]
    assert len(listed) == 2


def test_one_entry_submitted_by_racing_requests_gives_one_result_and_one_event(intake_service, auth, entries_topic):
    region = auth("region", "73.71")
    cid = put_competition(intake_service, auth)
    entry_id = create(intake_service, cid, region)
    results = all_at_once([submit_call(intake_service, entry_id, region) for _ in range(6)])
    assert {r.status_code for r in results} == {200}
    assert len({(r.json()["submitted_at"], r.json()["revision"]) for r in results}) == 1
    eventually(lambda: entries_topic.events(subject=entry_id, type="kipp.entry.submitted"), what="the event")
    assert len({e["id"] for e in entries_topic.events(subject=entry_id, type="kipp.entry.submitted")}) == 1


def test_withdrawing_right_after_submitting_loses_nothing(intake_service, auth, entries_topic):
    region = auth("region", "73.71")
    cid = put_competition(intake_service, auth)
    ids = [create(intake_service, cid, region) for _ in range(5)]
    for entry_id in ids:
        assert submit_call(intake_service, entry_id, region)().status_code == 200
        withdrawn = requests.post(f"{intake_service.url}/api/v1/entries/{entry_id}/withdraw", headers=region,
                                  json={"reason": "salah kirim"}, timeout=30)
        assert withdrawn.status_code == 200, withdrawn.text
    for entry_id in ids:
        eventually(lambda: entries_topic.events(subject=entry_id, type="kipp.entry.withdrawn"), what="withdrawn")
        state = requests.get(f"{intake_service.url}/api/v1/entries/{entry_id}", headers=region, timeout=30).json()
        assert state["status"] == "withdrawn"


def test_an_edit_racing_a_submit_never_undoes_it(intake_service, auth):
    region = auth("region", "73.71")
    cid = put_competition(intake_service, auth)
    for _ in range(4):
        entry_id = create(intake_service, cid, region)
        edit = lambda: requests.patch(f"{intake_service.url}/api/v1/entries/{entry_id}", headers=region,  # noqa: E731
                                      json={"sections": {"ringkasan": "Ringkasan yang diperbaiki."}}, timeout=60)
        submitted, edited = all_at_once([submit_call(intake_service, entry_id, region), edit])
        assert submitted.status_code == 200 and edited.status_code in (200, 409)
        state = requests.get(f"{intake_service.url}/api/v1/entries/{entry_id}", headers=region, timeout=30).json()
        assert state["status"] == "submitted" and state["submitted_at"] == submitted.json()["submitted_at"]
