"""Claims after crashes: a submit that crashed after claiming blocks nothing for long (its own retry reuses the
claim, others take it over once it is stale), a withdrawal releases, and a retry never counts twice."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from services.intake.adapters.claims import agency_id, title_key
from tests import factories
from tests.integration.intake.helpers import assert_problem, create, submit

AGENCY = {"name": "Dinas Perhubungan Kota Makassar", "cluster": "kota", "region_code": "73.71"}


def crash_after_claiming(intake_deps, entry_id: str, cap: int | None = None) -> None:
    """Take the entry's claims as submit does, then stop before the entry's update (a crash)."""
    entry = intake_deps.store.get_entry(entry_id)
    intake_deps.claims.take_title(entry)
    if cap is not None:
        intake_deps.claims.take_agency_slot(entry, cap)


def age_holds(collection, key: str, entry_id: str) -> None:
    """Make the entry's hold on claim `key` look as if it was taken five minutes ago."""
    collection.update_one({"_id": key}, {"$set": {f"holds.{entry_id}.at": datetime.now(timezone.utc) - timedelta(minutes=5)}})


def capped_competition(client, auth, cap: int) -> str:
    definition = factories.competition(eligibility={"min_age_months": 0, "max_entries_per_agency": {"umum": cap}})
    assert client.put(f"/api/v1/competitions/{definition['id']}", json=definition, headers=auth("admin")).status_code == 200
    return definition["id"]


def test_the_crashed_entry_itself_can_retry(client, auth, open_competition, intake_deps):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    crash_after_claiming(intake_deps, entry["id"])
    assert submit(client, entry["id"], region).status_code == 200


def test_a_fresh_claim_of_a_draft_still_blocks_but_an_old_one_is_taken_over(client, auth, open_competition,
                                                                            intake_deps):
    region = auth("region", "73.71")
    crashed = create(client, open_competition["id"], region, title="Klinik Keliling Desa")
    crash_after_claiming(intake_deps, crashed["id"])
    other = create(client, open_competition["id"], region, title="klinik keliling desa!")
    assert_problem(submit(client, other["id"], region), 409, "duplicate-title")
    age_holds(intake_deps.claims.titles, title_key(intake_deps.store.get_entry(crashed["id"])), crashed["id"])
    assert submit(client, other["id"], region).status_code == 200
    assert_problem(submit(client, crashed["id"], region), 409, "duplicate-title")


def test_a_claim_left_by_a_draft_that_changed_its_title_blocks_nothing(client, auth, open_competition, intake_deps):
    region = auth("region", "73.71")
    first = create(client, open_competition["id"], region, title="Pasar Digital Nelayan")
    crash_after_claiming(intake_deps, first["id"])
    client.patch(f"/api/v1/entries/{first['id']}", json={"title": "Pasar Digital Petani"}, headers=region)
    assert submit(client, first["id"], region).status_code == 200
    second = create(client, open_competition["id"], region, title="Pasar Digital Nelayan")
    assert submit(client, second["id"], region).status_code == 200


def test_a_retried_submit_holds_one_agency_slot_not_two(client, auth, intake_deps):
    cid, region = capped_competition(client, auth, 2), auth("region", "73.71")
    first = create(client, cid, region, agency=AGENCY)
    crash_after_claiming(intake_deps, first["id"], cap=2)
    crash_after_claiming(intake_deps, first["id"], cap=2)
    assert submit(client, first["id"], region).status_code == 200
    assert submit(client, create(client, cid, region, agency=AGENCY)["id"], region).status_code == 200
    assert_problem(submit(client, create(client, cid, region, agency=AGENCY)["id"], region), 409, "agency-cap")
    claim = intake_deps.claims.agencies.find_one({"_id": agency_id(intake_deps.store.get_entry(first["id"]))})
    assert claim["count"] == len(claim["holds"]) == 2


def test_an_agency_slot_of_a_crashed_submit_is_taken_over_once_stale(client, auth, intake_deps):
    cid, region = capped_competition(client, auth, 1), auth("region", "73.71")
    crashed = create(client, cid, region, agency=AGENCY)
    crash_after_claiming(intake_deps, crashed["id"], cap=1)
    other = create(client, cid, region, agency=AGENCY)
    assert_problem(submit(client, other["id"], region), 409, "agency-cap")
    age_holds(intake_deps.claims.agencies, agency_id(intake_deps.store.get_entry(crashed["id"])), crashed["id"])
    assert submit(client, other["id"], region).status_code == 200
    assert_problem(submit(client, crashed["id"], region), 409, "agency-cap")
    assert client.get(f"/api/v1/entries/{crashed['id']}", headers=region).get_json()["status"] == "draft"


def test_a_refused_agency_slot_gives_the_title_back(client, auth):
    cid, region = capped_competition(client, auth, 1), auth("region", "73.71")
    assert submit(client, create(client, cid, region, agency=AGENCY)["id"], region).status_code == 200
    refused = create(client, cid, region, agency=AGENCY, title="Aplikasi Parkir Pintar")
    assert_problem(submit(client, refused["id"], region), 409, "agency-cap")
    elsewhere = create(client, cid, region, title="aplikasi parkir pintar")
    assert submit(client, elsewhere["id"], region).status_code == 200


def test_withdrawing_frees_the_agency_slot_and_the_title(client, auth):
    cid, region = capped_competition(client, auth, 1), auth("region", "73.71")
    first = create(client, cid, region, agency=AGENCY, title="Sistem Perizinan Satu Pintu")
    assert submit(client, first["id"], region).status_code == 200
    second = create(client, cid, region, agency=AGENCY, title="Sistem Perizinan Satu Pintu")
    assert_problem(submit(client, second["id"], region), 409)
    withdrawn = client.post(f"/api/v1/entries/{first['id']}/withdraw", json={"reason": "diganti"}, headers=region)
    assert withdrawn.status_code == 200, withdrawn.get_json()
    assert submit(client, second["id"], region).status_code == 200


def test_a_withdrawal_that_stopped_before_releasing_is_released_by_the_next_claimant(client, auth, intake_deps):
    cid, region = capped_competition(client, auth, 1), auth("region", "73.71")
    first = create(client, cid, region, agency=AGENCY)
    assert submit(client, first["id"], region).status_code == 200
    stored = intake_deps.store.get_entry(first["id"])
    changes = {"status": "withdrawn", "withdrawn_at": "2026-01-01T00:00:00Z", "withdraw_reason": "uji",
               "revision": stored["revision"] + 1}
    intake_deps.store.entries.update_one({"_id": first["id"]}, {"$set": changes})  # withdrawn, holds still there
    assert submit(client, create(client, cid, region, agency=AGENCY)["id"], region).status_code == 200
