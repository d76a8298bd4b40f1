"""Panels: who may sit on a stage's panel, who is on it, and that assignment draws only from it."""
from __future__ import annotations

import pytest

from services.review.domain import panels
from services.review.domain.assignment import Infeasible, assign
from services.review.domain.conflicts import Entry
from services.review.domain.errors import JudgeNotAvailable
from services.review.domain.judges import as_judge

REGISTRY = [{"_id": f"j{n}", "home_region": home, "active": True} for n, home in enumerate(("11", "31", "32", "51", "52"))]


def test_a_registration_naming_other_competitions_or_stages_is_not_available():
    assert panels.availability({"_id": "a"}, "kipp-2026", "evaluasi") is None
    assert panels.availability({"_id": "a", "competitions": ["kipp-2026"], "stages": ["evaluasi"]}, "kipp-2026",
                               "evaluasi") is None
    assert "kipp-2025" in panels.availability({"_id": "a", "competitions": ["kipp-2025"]}, "kipp-2026", "evaluasi")
    assert "wawancara" in panels.availability({"_id": "a", "stages": ["wawancara"]}, "kipp-2026", "evaluasi")
    assert "no longer active" in panels.availability({"_id": "a", "active": False}, "kipp-2026", "evaluasi")
    with pytest.raises(JudgeNotAvailable) as refused:
        panels.check_available({"_id": "a", "active": False}, "kipp-2026", "evaluasi")
    assert refused.value.status == 409 and refused.value.rule == "judge-not-available"


def test_the_panel_is_who_is_appointed_and_not_released():
    docs = [{"judge_id": "j3", "status": "appointed"}, {"judge_id": "j1", "status": "released"},
            {"judge_id": "j0", "status": "appointed"}]
    assert panels.members(docs) == ["j0", "j3"]
    assert panels.appointment_id("kipp-2026", "evaluasi", "j0") == "kipp-2026:evaluasi:j0"
    fields = panels.appointment("kipp-2026", "evaluasi", "j0", "sekretariat", "2026-04-01T00:00:00Z")
    assert fields["status"] == panels.APPOINTED and fields["released_at"] is None
    assert panels.release("sekretariat", "2026-04-02T00:00:00Z")["status"] == panels.RELEASED


def test_only_active_panel_members_are_drawn():
    registry = REGISTRY + [{"_id": "j9", "home_region": "53", "active": False}]
    drawn = panels.drawn_from(registry, ["j1", "j3", "j9"])
    assert [j["_id"] for j in drawn] == ["j1", "j3"]


def test_assignment_never_draws_a_judge_off_the_panel_even_when_the_panel_is_short():
    entries = [Entry(f"e{n}", code) for n, code in enumerate(("73.71", "31.71", "73.15"))]
    panel = panels.drawn_from(REGISTRY, ["j1", "j4"])
    short = assign(entries, [as_judge(j) for j in panel], 3)
    assert isinstance(short, Infeasible) and len(short.entries) == 3
    assert all("of the stage's panel" in e["reason"] for e in short.entries)
    plan = assign(entries, [as_judge(j) for j in panel], 1)
    assert {judge for _, judge in plan.pairs} <= {"j1", "j4"}
    nobody = assign(entries, [], 1)
    assert nobody.judges == [{"judge_id": None, "reason": "no judge is appointed to the stage's panel"}]
