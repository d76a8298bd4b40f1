"""An entry belongs to the region of its agency, whoever created it (DESIGN §4, issue 12): a province drafts
for one of its kabupaten, the kabupaten sees, edits, submits and withdraws it; a neighbour gets 404."""
from __future__ import annotations

from tests.integration.intake.helpers import assert_problem, create, submit


def ids(response) -> set:
    assert response.status_code == 200, response.get_json()
    return {item["id"] for item in response.get_json()["items"]}


def test_a_draft_the_province_made_for_a_kabupaten_is_that_kabupatens(client, auth, open_competition):
    cid = open_competition["id"]
    province, pinrang, makassar = auth("region", "73"), auth("region", "73.15"), auth("region", "73.71")
    entry = create(client, cid, province, region_code="73.15", cluster="kabupaten")
    assert entry["owner_region"] == "73" and entry["agency"]["region_code"] == "73.15"
    url = f"/api/v1/entries/{entry['id']}"

    assert client.get(url, headers=pinrang).status_code == 200
    assert_problem(client.get(url, headers=makassar), 404)
    edited = client.patch(url, headers=pinrang, json={"title": "Puskesmas Keliling Pinrang"})
    assert edited.status_code == 200 and edited.get_json()["title"] == "Puskesmas Keliling Pinrang"
    assert_problem(client.patch(url, headers=makassar, json={"title": "Bukan milik kami"}), 404)
    lists = f"/api/v1/competitions/{cid}/entries"
    assert entry["id"] in ids(client.get(lists, headers=pinrang)) and entry["id"] in ids(client.get(lists, headers=province))
    assert entry["id"] not in ids(client.get(lists, headers=makassar))

    assert_problem(submit(client, entry["id"], makassar), 404)
    submitted = submit(client, entry["id"], pinrang)
    assert submitted.status_code == 200, submitted.get_json()
    assert submitted.get_json()["status"] == "submitted"
    assert entry["id"] in ids(client.get(lists + "?status=submitted", headers=pinrang))
    assert_problem(client.post(url + "/withdraw", json={"reason": "Bukan milik kami"}, headers=makassar), 404)
    withdrawn = client.post(url + "/withdraw", json={"reason": "Digabung dengan inovasi lain"}, headers=pinrang)
    assert withdrawn.status_code == 200 and withdrawn.get_json()["status"] == "withdrawn"


def test_an_entry_moves_with_its_agency(client, auth, open_competition):
    cid = open_competition["id"]
    province, pinrang, makassar = auth("region", "73"), auth("region", "73.15"), auth("region", "73.71")
    entry = create(client, cid, province, region_code="73.15", cluster="kabupaten")
    url, lists = f"/api/v1/entries/{entry['id']}", f"/api/v1/competitions/{cid}/entries"
    moved = {**entry["agency"], "cluster": "kota", "region_code": "73.71"}
    assert_problem(client.patch(url, headers=pinrang, json={"agency": moved}), 422, "region-outside",
                   "agency.region_code")  # a kabupaten cannot hand its entry to a neighbour
    assert client.patch(url, headers=province, json={"agency": moved}).status_code == 200
    assert client.get(url, headers=makassar).status_code == 200
    assert_problem(client.get(url, headers=pinrang), 404)
    assert entry["id"] in ids(client.get(lists, headers=makassar))
    assert entry["id"] not in ids(client.get(lists, headers=pinrang))
    assert entry["id"] in ids(client.get(lists, headers=province))


def test_a_provinces_own_agency_is_not_its_kabupatens(client, auth, open_competition):
    cid = open_competition["id"]
    entry = create(client, cid, auth("region", "73"), region_code="73", cluster="provinsi")
    assert_problem(client.get(f"/api/v1/entries/{entry['id']}", headers=auth("region", "73.15")), 404)
    assert entry["id"] not in ids(client.get(f"/api/v1/competitions/{cid}/entries", headers=auth("region", "73.15")))
    assert client.get(f"/api/v1/entries/{entry['id']}", headers=auth("region", "73")).status_code == 200


def test_entries_made_before_areas_get_them_once(intake_deps, client, auth, open_competition, intake_db):
    entry = create(client, open_competition["id"], auth("region", "73"), region_code="73.15", cluster="kabupaten")
    intake_db.entries.update_one({"_id": entry["id"]}, {"$unset": {"area_region": "", "area_province": ""}})
    intake_db.upgrades.delete_one({"_id": "entries-area-fields"})
    assert intake_deps.store.add_areas() >= 1
    stored = intake_db.entries.find_one({"_id": entry["id"]})
    assert (stored["area_region"], stored["area_province"]) == ("73.15", "73")
    assert intake_deps.store.add_areas() == 0  # marked done: never read the whole collection again
