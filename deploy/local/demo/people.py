"""The demo's people: the judges of the registry, and one account per role at the sign-in desk.

Judges are academics of real universities' home towns (home_region: the province, affiliation_region:
the kabupaten/kota of the campus), so assignment keeps them off their own province's entries. Their
sign-in accounts come from review's registry by themselves (kipp.judge.registered).
"""
from __future__ import annotations

from dataclasses import dataclass

# registered before the judging competition existed, so their registrations stay exactly as they were
FIRST_JUDGES = [
    {"id": "judge-ahmad", "name": "Prof. Ahmad Fauzi", "email": "ahmad.fauzi@ui.ac.id", "home_region": "31",
     "affiliation_region": "32.76", "expertise": ["kesehatan"], "conflicts": []},
    {"id": "judge-siti", "name": "Dr. Siti Rahmawati", "email": "siti.rahmawati@ugm.ac.id", "home_region": "34",
     "affiliation_region": "34.04", "expertise": ["pendidikan"], "conflicts": []},
]


def _judge(judge_id: str, name: str, email: str, home: str, campus: str, *expertise: str) -> dict:
    return {"id": judge_id, "name": name, "email": email, "home_region": home, "affiliation_region": campus,
            "expertise": list(expertise), "conflicts": []}


TIM_EVALUASI = [
    _judge("judge-bambang", "Prof. Dr. Bambang Supriyono, M.S.", "bambang.supriyono@ub.ac.id", "35", "35.73",
           "tata_kelola", "ekonomi"),
    _judge("judge-dewi", "Dr. Dewi Kartikasari, M.P.A.", "dewi.kartikasari@unpad.ac.id", "32", "32.73",
           "kesehatan", "sosial"),
    _judge("judge-yusuf", "Dr. Muhammad Yusuf, M.Si.", "muhammad.yusuf@unhas.ac.id", "73", "73.71",
           "pendidikan", "tata_kelola"),
    _judge("judge-ratna", "Prof. Dr. Ratna Wulandari, dr., M.Kes.", "ratna.wulandari@unair.ac.id", "35", "35.78",
           "kesehatan"),
    _judge("judge-hendra", "Dr. Hendra Gunawan, S.T., M.T.", "hendra.gunawan@itb.ac.id", "32", "32.73",
           "infrastruktur", "lingkungan"),
    _judge("judge-nurul", "Dr. Nurul Hidayah, M.Ec.Dev.", "nurul.hidayah@undip.ac.id", "33", "33.74", "ekonomi"),
    _judge("judge-made", "Dr. I Made Suwandi, M.Soc.Sc.", "made.suwandi@unud.ac.id", "51", "51.71",
           "lingkungan", "ekonomi"),
    _judge("judge-fitri", "Dr. Fitri Handayani, M.Kes.", "fitri.handayani@unand.ac.id", "13", "13.71",
           "kesehatan", "sosial"),
    _judge("judge-rizal", "Dr. Rizal Mahendra, M.Kom.", "rizal.mahendra@usu.ac.id", "12", "12.71",
           "kependudukan", "tata_kelola"),
    _judge("judge-agustina", "Dr. Agustina Rumbiak, M.P.H.", "agustina.rumbiak@uncen.ac.id", "91", "91.71",
           "kesehatan", "pendidikan"),
    _judge("judge-eko", "Dr. Eko Prasetyo, M.A.P.", "eko.prasetyo@lan.go.id", "31", "31.74",
           "tata_kelola", "kependudukan"),
    _judge("judge-sri", "Dr. Sri Rahayu, M.Si.", "sri.rahayu@ulm.ac.id", "63", "63.72", "lingkungan", "sosial"),
]
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
