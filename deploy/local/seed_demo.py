"""Demo data for `make up`: a competition with its window open, region contacts, judges, tokens."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests

from shared.auth import tokens

COMPETITION_ID = "kipp-2026"
SECTIONS = [("ringkasan", 200), ("latar_belakang", 300), ("kebaruan", 200), ("implementasi", 200),
            ("signifikansi", 600), ("adaptabilitas", 300), ("sumber_daya", 200), ("keberlanjutan", 500)]
CRITERIA = [("latar_belakang", 10), ("kebaruan", 15), ("implementasi", 5), ("signifikansi", 30),
            ("adaptabilitas", 20), ("sumber_daya", 5), ("keberlanjutan", 15)]
CONTACTS = {
    "73": {"addresses": ["biro.organisasi@sulselprov.go.id"], "language": "id", "digest": "immediate"},
    "73.71": {"addresses": ["bagian.organisasi@makassarkota.go.id"], "language": "id", "digest": "immediate"},
    "33": {"addresses": ["biro.organisasi@jatengprov.go.id"], "language": "id", "digest": "daily"},
    "51": {"addresses": ["organisasi@baliprov.go.id"], "language": "en", "digest": "immediate"},
}
JUDGES = [
    {"id": "judge-ahmad", "name": "Prof. Ahmad Fauzi", "email": "ahmad.fauzi@ui.ac.id", "home_region": "31",
     "affiliation_region": "32.76", "expertise": ["kesehatan"], "conflicts": []},
    {"id": "judge-siti", "name": "Dr. Siti Rahmawati", "email": "siti.rahmawati@ugm.ac.id", "home_region": "34",
     "affiliation_region": "34.04", "expertise": ["pendidikan"], "conflicts": []},
]
TOKENS = [("admin", "admin", None, "admin-sekretariat"), ("ministry", "ministry", None, "deputi-yanlik"),
          ("region 73 (Provinsi Sulawesi Selatan)", "region", "73", "region-73"),
          ("region 73.71 (Kota Makassar)", "region", "73.71", "region-73.71"),
          ("judge judge-ahmad", "judge", None, "judge-ahmad"), ("judge judge-siti", "judge", None, "judge-siti")]


def competition() -> dict:
    """The DESIGN §5 example, with dates that keep its window open for a month."""
    now = datetime.now(timezone(timedelta(hours=7))).replace(microsecond=0)
    return {
        "id": COMPETITION_ID, "name": "Kompetisi Inovasi Pelayanan Publik 2026",
        "opens_at": (now - timedelta(days=7)).isoformat(), "closes_at": (now + timedelta(days=30)).isoformat(),
        "groups": ["umum", "replikasi", "khusus"],
        "clusters": ["kementerian", "lembaga", "provinsi", "kabupaten", "kota", "bumn", "bumd"],
        "categories": [{"key": "kesehatan", "label": "Kesehatan"}, {"key": "pendidikan", "label": "Pendidikan"},
                       {"key": "ekonomi", "label": "Ekonomi"}],
        "sections": [{"key": k, "max_words": w} for k, w in SECTIONS],
        "criteria": [{"key": k, "weight": w} for k, w in CRITERIA],
        "score_scale": {"min": 0, "max": 100},
        "eligibility": {"min_age_months": 24, "max_entries_per_agency": {"umum": 10, "replikasi": 5},
                        "excluded_titles": []},
        "stages": [{"key": "administrasi", "kind": "screening"},
                   {"key": "evaluasi", "kind": "scored", "judges_per_entry": 3, "shortlist": 99},
                   {"key": "wawancara", "kind": "scored", "judges_per_entry": 5, "shortlist": 45}],
        "normalization": "zscore", "blind_review": False, "objection_days": 5,
        "quotas": {"min_per_category": 1, "max_per_province": 12, "min_priority_regions": 5},
        "priority_regions": ["91", "92", "94"],
    }


def _check(response: requests.Response, what: str, allowed=(200, 201, 409)) -> None:
    if response.status_code not in allowed:
        raise SystemExit(f"seed: {what} failed: {response.status_code} {response.text[:300]}")


def seed(urls: dict, settings, tokens_path: Path) -> None:
    """Idempotent: running it again changes nothing but the tokens."""
    private = Path(settings.jwt_private_key_file).read_bytes()
    issued = [(label, tokens.issue(private, role, sub, region, 7 * 86400)) for label, role, region, sub in TOKENS]
    admin = {"Authorization": "Bearer " + issued[0][1]}
    _check(requests.put(f"{urls['intake']}/api/v1/competitions/{COMPETITION_ID}", json=competition(),
                        headers=admin, timeout=10), "competition")
    for code, contact in CONTACTS.items():
        _check(requests.put(f"{urls['notify']}/api/v1/regions/{code}/contacts", json=contact,
                            headers=admin, timeout=10), f"contacts of {code}")
    for judge in JUDGES:
        _check(requests.post(f"{urls['review']}/api/v1/judges", json=judge, headers=admin, timeout=10),
               f"judge {judge['id']}")
    tokens_path.parent.mkdir(parents=True, exist_ok=True)
    tokens_path.write_text("".join(f"# {label}\n{token}\n" for label, token in issued))


def sample_entry() -> dict:
    return {"title": "Sistem Antrean Puskesmas Daring", "group": "umum", "category": "kesehatan",
            "agency": {"name": "Dinas Kesehatan Kota Makassar", "cluster": "kota", "region_code": "73.71"},
            "implemented_since": "2022-03-01", "sdgs": [3],
            "sections": {k: "Uraian singkat inovasi untuk masyarakat." for k, _ in SECTIONS},
            "videos": [], "contact": {"name": "Andi Pratama", "email": "andi.pratama@makassarkota.go.id"}}


def print_welcome(urls: dict, tokens_path: Path) -> None:
    entry = json.dumps(sample_entry(), ensure_ascii=False)
    print(f"""
KIPP is running (namespace from KIPP_NAMESPACE, default kipp).

  intake     {urls['intake']}/docs         regions submit entries
  review     {urls['review']}/judge/       judges' web UI (sign in with a judge token)
  notify     {urls['notify']}/docs         e-mails land as .eml files in var/mail/
  reporting  {urls['reporting']}/dashboard/{COMPETITION_ID}   the ministry's dashboard

Demo tokens (admin, ministry, two regions, two judges): {tokens_path}

Try it: a region of Kota Makassar submits an entry
  REGION=$(sed -n 8p {tokens_path}); MINISTRY=$(sed -n 4p {tokens_path})
  ID=$(curl -s -X POST {urls['intake']}/api/v1/competitions/{COMPETITION_ID}/entries \\
        -H "Authorization: Bearer $REGION" -H 'Content-Type: application/json' \\
        -d '{entry}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  curl -s -X POST {urls['intake']}/api/v1/entries/$ID/submit -H "Authorization: Bearer $REGION"
  curl -s {urls['reporting']}/api/v1/competitions/{COMPETITION_ID}/rankings -H "Authorization: Bearer $MINISTRY"
  ls var/mail/
""")
