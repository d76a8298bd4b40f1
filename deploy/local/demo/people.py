"""The demo's people: the judges of the registry, and one account per role at the sign-in desk.

Judges are academics of real universities' home towns (home_region: the province, affiliation_region:
the kabupaten/kota of the campus), so assignment keeps them off their own province's entries. Their
sign-in accounts come from review's registry by themselves (kipp.judge.registered).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

# the registry (judges.json): "first" were registered before the judging competition existed, so their
# registrations stay exactly as they were; "tim_evaluasi" is the judging competition's evaluation team
REGISTRY = json.loads((Path(__file__).with_name("judges.json")).read_text(encoding="utf-8"))
FIRST_JUDGES, TIM_EVALUASI = REGISTRY["first"], REGISTRY["tim_evaluasi"]
JUDGES = FIRST_JUDGES + TIM_EVALUASI


@dataclass(frozen=True)
class DemoAccount:
    """A person of the demo: their account at the desk and the page their role works in (service, path)."""

    label: str
    email: str
    role: str
    name: str
    page: tuple[str, str]
    region: str | None = None
    judge_id: str | None = None

    def fields(self) -> dict:
        """The account as notify's PUT /api/v1/accounts/{email} takes it."""
        found = {"role": self.role, "name": self.name, "language": "id", "active": True}
        if self.region:
            found["region"] = self.region
        if self.judge_id:
            found["judge_id"] = self.judge_id
        return found


def demo_accounts(judging_competition: str) -> list[DemoAccount]:
    """Admin, ministry, a province's and a kabupaten's Admin Lokal, and a judge (made by review's registry)."""
    return [
        DemoAccount("admin (Sekretariat KIPP)", "sekretariat.kipp@menpan.go.id", "admin", "Sekretariat KIPP",
                    ("reporting", "/dashboard/")),
        DemoAccount("ministry (Deputi Pelayanan Publik)", "deputi.yanlik@menpan.go.id", "ministry",
                    "Deputi Bidang Pelayanan Publik", ("reporting", f"/dashboard/{judging_competition}")),
        DemoAccount("Admin Lokal, Provinsi Sulawesi Selatan (73)", "biro.organisasi@sulselprov.go.id", "region",
                    "Biro Organisasi Provinsi Sulawesi Selatan", ("intake", "/portal/"), region="73"),
        DemoAccount("Admin Lokal, Kabupaten Pinrang (73.15)", "bagian.organisasi@pinrangkab.go.id", "region",
                    "Bagian Organisasi Kabupaten Pinrang", ("intake", "/portal/"), region="73.15"),
        DemoAccount("judge (Tim Evaluasi)", "ahmad.fauzi@ui.ac.id", "judge", "Prof. Ahmad Fauzi",
                    ("review", "/judge/"), judge_id="judge-ahmad"),
    ]
