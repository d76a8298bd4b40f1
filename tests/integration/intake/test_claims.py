"""A submit that crashed after claiming blocks nothing: its own retry reuses the claim, and others take it over."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests.integration.intake.helpers import assert_problem, create, submit


def crash_after_claiming(intake_deps, entry_id: str) -> None:
    """Take the entry's title claim as submit does, then stop before the entry's update (a crash)."""
    intake_deps.claims.take_title(intake_deps.store.get_entry(entry_id))


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
    intake_deps.claims.titles.update_many({"entry_id": crashed["id"]},
                                          {"$set": {"at": datetime.now(timezone.utc) - timedelta(minutes=5)}})
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
