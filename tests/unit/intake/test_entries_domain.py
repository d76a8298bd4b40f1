"""Entry documents, their views, events and paging cursors, without I/O."""
from __future__ import annotations

import pytest

from shared.auth.tokens import Principal
from services.intake.domain import entries
from tests import factories

KOTA = Principal("u1", "region", "73.71")


def draft() -> dict:
    return entries.new_draft("kipp-x", factories.entry(), KOTA)


@pytest.mark.parametrize("principal,visible", [
    (KOTA, True), (Principal("p", "region", "73"), True), (Principal("k", "region", "73.15"), False),
    (Principal("o", "region", "31"), False), (Principal("m", "ministry"), True), (Principal("a", "admin"), True),
    (Principal("j", "judge"), False)])
def test_visibility_follows_the_agencys_region(principal, visible):
    assert entries.visible_to(principal, draft()) is visible


@pytest.mark.parametrize("principal,visible", [
    (Principal("k", "region", "73.15"), True), (Principal("p", "region", "73"), True),
    (Principal("o", "region", "73.71"), False), (Principal("x", "region", "31"), False)])
def test_a_draft_a_province_made_for_its_kabupaten_belongs_to_that_kabupaten(principal, visible):
    made = entries.new_draft("kipp-x", factories.entry("73.15", "kabupaten"), Principal("p", "region", "73"))
    assert made["owner_region"] == "73" and (made["area_region"], made["area_province"]) == ("73.15", "73")
    assert entries.visible_to(principal, made) is visible


def test_list_scopes_match_visibility():
    assert entries.scope_filter(Principal("p", "region", "73")) == {"area_province": "73"}
    assert entries.scope_filter(KOTA) == {"area_region": "73.71"}
    assert entries.scope_filter(Principal("m", "ministry")) == {}


def test_a_patch_that_moves_the_agency_moves_the_entrys_area():
    update = entries.patch_update({"agency": {"name": "Dinas", "cluster": "kabupaten", "region_code": "73.15"}})
    assert update["$set"]["area_region"] == "73.15" and update["$set"]["area_province"] == "73"
    assert "area_region" not in entries.patch_update({"title": "Baru"})["$set"]


def test_the_area_fields_stay_out_of_the_public_view():
    view = entries.public_view(draft())
    assert "area_region" not in view and "area_province" not in view and view["owner_region"] == "73.71"


def test_a_patch_sets_sections_key_by_key_and_replaces_other_fields():
    update = entries.patch_update({"title": "Baru", "sections": {"ringkasan": "R"}})["$set"]
    assert update["title"] == "Baru" and update["sections.ringkasan"] == "R"
    assert "sections" not in update and update["updated_at"]


def test_a_patched_draft_reads_as_the_update_leaves_it():
    entry = draft()
    after = entries.patched(entry, {"title": "Baru", "sections": {"ringkasan": "R"}})
    assert after["title"] == "Baru" and after["sections"]["ringkasan"] == "R"
    assert after["sections"]["kebaruan"] == entry["sections"]["kebaruan"] and after["agency"] == entry["agency"]
    assert entry["title"] != "Baru" and entry["sections"]["ringkasan"] != "R"


def test_the_submitted_event_has_a_stable_id_and_the_contract_fields():
    entry = draft()
    changes = entries.submission_changes(entry, "2026-03-10T16:59:59.123Z")
    first, again = entries.submitted_event(entry, changes, "r1"), entries.submitted_event(entry, changes, "r2")
    assert first["id"] == again["id"] and first["subject"] == entry["_id"]
    assert first["data"]["province_code"] == "73" and first["data"]["revision"] == 1
