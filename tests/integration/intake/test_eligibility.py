"""The rules of DESIGN §6 against the real store: each field rule refused on create and PATCH as on submit,
completeness, the window and the claims on submit; and each accepted at its edge."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests import factories
from tests.integration.intake.helpers import assert_problem, create, submit

SECTIONS = {k: f"Uraian {k} inovasi ini." for k, _ in factories.SECTIONS}


def put(client, auth, **overrides) -> str:
    definition = factories.competition(**overrides)
    response = client.put(f"/api/v1/competitions/{definition['id']}", json=definition, headers=auth("admin"))
    assert response.status_code == 200, response.get_json()
    return definition["id"]


def words(n: int) -> str:
    return " ".join(["kata"] * n)


# The field rules: refused where the field is written (create, PATCH), as on submit.
FIELD_RULES = [
    ("section-too-long", "sections.ringkasan", {"sections": {**SECTIONS, "ringkasan": words(201)}}),
    ("section-unknown", "sections.lainnya", {"sections": {**SECTIONS, "lainnya": "teks"}}),
    ("too-young", "implemented_since", {"implemented_since": datetime.now(timezone.utc).date().isoformat()}),
    ("unknown-group", "group", {"group": "olahraga"}),
    ("unknown-category", "category", {"category": "pariwisata"}),
    ("unknown-cluster", "agency.cluster", {"cluster": "desa"}),
    ("region-unknown", "agency.region_code", {"region_code": "73.99"}),
    ("region-unknown", "agency.region_code", {"region_code": "00", "cluster": "provinsi"}),
    ("region-level", "agency.region_code", {"region_code": "73.71", "cluster": "kabupaten"}),
    ("region-level", "agency.region_code", {"region_code": "73", "cluster": "kota"}),
    ("region-outside", "agency.region_code", {"region_code": "31.71", "cluster": "kota"}),
]
FIELD_IDS = [f"{rule}-{n}" for n, (rule, _, _) in enumerate(FIELD_RULES)]


def body_with(**overrides) -> dict:
    """An entry body from an agency of its own in 73.71 (kota), with `overrides` as helpers.create takes them."""
    region, cluster = overrides.pop("region_code", "73.71"), overrides.pop("cluster", "kota")
    return factories.agency_entry(region, cluster, **overrides)


def as_patch(overrides: dict) -> dict:
    """The PATCH body that writes `overrides`: region_code and cluster travel in the whole agency."""
    body = body_with(**overrides)
    changed = {"agency"} if {"region_code", "cluster"} & set(overrides) else set()
    return {k: body[k] for k in changed | (set(overrides) - {"region_code", "cluster"})}


@pytest.mark.parametrize("rule,field,overrides", FIELD_RULES, ids=FIELD_IDS)
def test_a_broken_field_rule_refuses_the_draft_on_create(client, auth, open_competition, intake_db, rule, field,
                                                         overrides):
    cid = open_competition["id"]
    response = client.post(f"/api/v1/competitions/{cid}/entries", json=body_with(**overrides),
                           headers=auth("region", "73"))
    body = assert_problem(response, 422, rule, field)
    assert any(v["rule"] == rule and v["field"] == field for v in body["violations"])
    assert intake_db.entries.count_documents({"competition_id": cid}) == 0


@pytest.mark.parametrize("rule,field,overrides", FIELD_RULES, ids=FIELD_IDS)
def test_a_broken_field_rule_refuses_the_patch_and_the_draft_is_unchanged(client, auth, open_competition, intake_db,
                                                                          rule, field, overrides):
    region = auth("region", "73")
    entry = create(client, open_competition["id"], region)
    before = intake_db.entries.find_one({"_id": entry["id"]})
    body = assert_problem(client.patch(f"/api/v1/entries/{entry['id']}", json=as_patch(overrides), headers=region),
                          422, rule, field)
    assert any(v["rule"] == rule for v in body["violations"])
    assert intake_db.entries.find_one({"_id": entry["id"]}) == before


def test_a_draft_may_lack_sections_but_submit_names_each_missing_one(client, auth, open_competition):
    region = auth("region", "73")
    entry = create(client, open_competition["id"], region, sections={"ringkasan": "Ringkasan dulu."})
    body = assert_problem(submit(client, entry["id"], region), 422, "section-missing")
    assert {f"sections.{k}" for k, _ in factories.SECTIONS if k != "ringkasan"} == set(body["errors"])
    assert client.get(f"/api/v1/entries/{entry['id']}", headers=region).get_json()["status"] == "draft"


def test_every_broken_rule_is_named_in_one_answer(client, auth, open_competition):
    response = client.post(f"/api/v1/competitions/{open_competition['id']}/entries", headers=auth("region", "73"),
                           json=body_with(group="olahraga", region_code="73.99", sections={"ringkasan": words(300)}))
    body = assert_problem(response, 422)
    assert {v["rule"] for v in body["violations"]} == {"unknown-group", "region-unknown", "section-too-long"}
    assert {"group", "agency.region_code", "sections.ringkasan"} == set(body["errors"])


def test_submit_still_checks_the_field_rules_when_the_competition_changed_under_a_draft(client, auth):
    definition = factories.competition()
    cid = definition["id"]
    assert client.put(f"/api/v1/competitions/{cid}", json=definition, headers=auth("admin")).status_code == 200
    region = auth("region", "73.71")
    entry = create(client, cid, region, category="ekonomi", sections={k: v for k, v in SECTIONS.items() if k != "kebaruan"})
    stricter = {**definition, "categories": [c for c in definition["categories"] if c["key"] != "ekonomi"],
                "eligibility": {**definition["eligibility"], "excluded_titles": [entry["title"]]}}
    assert client.put(f"/api/v1/competitions/{cid}", json=stricter, headers=auth("admin")).status_code == 200
    edited = client.patch(f"/api/v1/entries/{entry['id']}", json={"title": "Judul yang baru"}, headers=region)
    assert edited.status_code == 200, edited.get_json()  # an edit elsewhere is not blocked by the stale category
    body = assert_problem(submit(client, entry["id"], region), 422)
    assert {v["rule"] for v in body["violations"]} == {"unknown-category", "section-missing"}
    assert_problem(client.patch(f"/api/v1/entries/{entry['id']}", json={"title": entry["title"]}, headers=region),
                   422, "past-winner", "title")


ACCEPTED = [
    ("section at its word limit", {"sections": {**SECTIONS, "ringkasan": words(200)}}),
    ("kementerian at a province code", {"cluster": "kementerian", "region_code": "73"}),
    ("bumd at a kabupaten code", {"cluster": "bumd", "region_code": "73.15"}),
    ("provinsi at its province code", {"cluster": "provinsi", "region_code": "73"}),
    ("kabupaten at a kabupaten code", {"cluster": "kabupaten", "region_code": "73.15"}),
]


@pytest.mark.parametrize("name,overrides", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_an_entry_that_keeps_the_rules_is_submitted(client, auth, open_competition, name, overrides):
    region = auth("region", "73")
    entry = create(client, open_competition["id"], region, **overrides)
    response = submit(client, entry["id"], region)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"] == "submitted"


def test_window_closed_refuses_and_an_open_window_accepts(client, auth):
    now = datetime.now(timezone.utc)
    closed = put(client, auth, opens_at=(now - timedelta(days=60)).isoformat(),
                 closes_at=(now - timedelta(seconds=1)).isoformat())
    region = auth("region", "73.71")
    entry = create(client, closed, region, implemented_since="2020-01-01")
    assert_problem(submit(client, entry["id"], region), 409, "window-closed")
    not_yet = put(client, auth, opens_at=(now + timedelta(days=1)).isoformat(),
                  closes_at=(now + timedelta(days=30)).isoformat())
    assert_problem(submit(client, create(client, not_yet, region)["id"], region), 409, "window-closed")


def test_innovation_age_counts_whole_months_before_closing(client, auth):
    closes = datetime(2031, 3, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=7)))
    cid = put(client, auth, opens_at=(datetime.now(timezone.utc) - timedelta(days=1)).isoformat(),
              closes_at=closes.isoformat())
    region = auth("region", "73.71")
    old_enough = create(client, cid, region, implemented_since="2029-03-31")
    assert submit(client, old_enough["id"], region).status_code == 200
    one_day_short = client.post(f"/api/v1/competitions/{cid}/entries", headers=region,
                                json=body_with(implemented_since="2029-04-01"))
    assert_problem(one_day_short, 422, "too-young", "implemented_since")


def test_past_winner_is_refused_whatever_its_case_and_punctuation(client, auth):
    cid = put(client, auth, eligibility={"min_age_months": 24, "max_entries_per_agency": {},
                                         "excluded_titles": ["Si-Cantik Online!"]})
    region = auth("region", "73.71")
    refused = client.post(f"/api/v1/competitions/{cid}/entries", headers=region, json=body_with(title="SI-CANTIK   online"))
    assert_problem(refused, 422, "past-winner", "title")
    entry = create(client, cid, region, title="Si Cantik Online 2")
    assert_problem(client.patch(f"/api/v1/entries/{entry['id']}", json={"title": "si-cantik online."}, headers=region),
                   422, "past-winner", "title")
    assert submit(client, entry["id"], region).status_code == 200


def test_duplicate_title_is_refused_after_normalising_and_freed_by_withdraw(client, auth, open_competition):
    cid, region = open_competition["id"], auth("region", "73.71")
    first = create(client, cid, region, title="Layanan Antar Jemput, e-KTP!")
    assert submit(client, first["id"], region).status_code == 200
    second = create(client, cid, region, title="layanan  antar jemput E-ktp")
    assert_problem(submit(client, second["id"], region), 409, "duplicate-title", "title")
    other_competition = put(client, auth)
    assert submit(client, create(client, other_competition, region, title=second["title"])["id"], region).status_code == 200
    withdrawn = client.post(f"/api/v1/entries/{first['id']}/withdraw", json={"reason": "diganti"}, headers=region)
    assert withdrawn.status_code == 200, withdrawn.get_json()
    assert submit(client, second["id"], region).status_code == 200


def test_agency_cap_per_group_counts_only_that_agency_and_group(client, auth):
    cid = put(client, auth, eligibility={"min_age_months": 0, "max_entries_per_agency": {"umum": 2}})
    region = auth("region", "73.71")
    agency = {"name": "Dinas Kesehatan Kota Makassar", "cluster": "kota", "region_code": "73.71"}
    for _ in range(2):
        assert submit(client, create(client, cid, region, agency=agency)["id"], region).status_code == 200
    third = create(client, cid, region, agency={**agency, "name": "DINAS KESEHATAN kota makassar."})
    assert_problem(submit(client, third["id"], region), 409, "agency-cap", "agency")
    uncapped_group = create(client, cid, region, agency=agency, group="khusus")
    assert submit(client, uncapped_group["id"], region).status_code == 200
    other_agency = create(client, cid, region, agency={**agency, "name": "Dinas Pendidikan Kota Makassar"})
    assert submit(client, other_agency["id"], region).status_code == 200


def test_a_province_submits_for_its_kota_but_a_kota_not_for_its_province(client, auth, open_competition):
    cid = open_competition["id"]
    province, kota = auth("region", "73"), auth("region", "73.71")
    assert submit(client, create(client, cid, province, region_code="73.71")["id"], province).status_code == 200
    refused = client.post(f"/api/v1/competitions/{cid}/entries", headers=kota, json=body_with(region_code="73",
                                                                                            cluster="provinsi"))
    assert_problem(refused, 422, "region-outside", "agency.region_code")
