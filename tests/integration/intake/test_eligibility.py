"""Eligibility on submit (DESIGN §6) against the real store: each rule refused, and accepted at its edge."""
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


REFUSED = [
    ("section-missing", 422, "sections.kebaruan", {"sections": {k: v for k, v in SECTIONS.items() if k != "kebaruan"}}),
    ("section-too-long", 422, "sections.ringkasan", {"sections": {**SECTIONS, "ringkasan": words(201)}}),
    ("section-unknown", 422, "sections.lainnya", {"sections": {**SECTIONS, "lainnya": "teks"}}),
    ("too-young", 422, "implemented_since", {"implemented_since": datetime.now(timezone.utc).date().isoformat()}),
    ("unknown-group", 422, "group", {"group": "olahraga"}),
    ("unknown-category", 422, "category", {"category": "pariwisata"}),
    ("unknown-cluster", 422, "agency.cluster", {"cluster": "desa"}),
    ("region-unknown", 422, "agency.region_code", {"region_code": "73.99"}),
    ("region-level", 422, "agency.region_code", {"region_code": "73.71", "cluster": "kabupaten"}),
    ("region-level", 422, "agency.region_code", {"region_code": "73", "cluster": "kota"}),
    ("region-outside", 422, "agency.region_code", {"region_code": "31.71", "cluster": "kota"}),
]


@pytest.mark.parametrize("rule,status,field,overrides", REFUSED, ids=[r[0] + "-" + r[2] for r in REFUSED])
def test_a_broken_rule_refuses_the_submission_naming_rule_and_field(client, auth, open_competition, rule, status,
                                                                     field, overrides):
    region = auth("region", "73")
    entry = create(client, open_competition["id"], region, **overrides)
    body = assert_problem(submit(client, entry["id"], region), status, rule, field)
    assert any(v["rule"] == rule for v in body["violations"])
    assert client.get(f"/api/v1/entries/{entry['id']}", headers=region).get_json()["status"] == "draft"


def test_every_broken_rule_is_named_in_one_answer(client, auth, open_competition):
    region = auth("region", "73")
    entry = create(client, open_competition["id"], region, group="olahraga", region_code="73.99",
                   sections={"ringkasan": words(300)})
    body = assert_problem(submit(client, entry["id"], region), 422)
    rules = {v["rule"] for v in body["violations"]}
    assert {"unknown-group", "region-unknown", "section-too-long", "section-missing"} <= rules
    assert {"group", "agency.region_code", "sections.ringkasan", "sections.kebaruan"} <= set(body["errors"])


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
    one_day_short = create(client, cid, region, implemented_since="2029-04-01")
    assert_problem(submit(client, one_day_short["id"], region), 422, "too-young", "implemented_since")


def test_past_winner_is_refused_whatever_its_case_and_punctuation(client, auth):
    cid = put(client, auth, eligibility={"min_age_months": 24, "max_entries_per_agency": {},
                                         "excluded_titles": ["Si-Cantik Online!"]})
    region = auth("region", "73.71")
    entry = create(client, cid, region, title="SI-CANTIK   online")
    assert_problem(submit(client, entry["id"], region), 422, "past-winner", "title")
    assert submit(client, create(client, cid, region, title="Si Cantik Online 2")["id"], region).status_code == 200


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
    entry = create(client, cid, kota, region_code="73", cluster="provinsi")
    assert_problem(submit(client, entry["id"], kota), 422, "region-outside", "agency.region_code")
