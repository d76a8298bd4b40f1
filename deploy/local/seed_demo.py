"""Demo data for `make up`, through the services' APIs only: a competition whose window is open
(kipp-2026), one in the middle of judging (kipp-2025: ~120 entries, screened, assigned, half scored),
region contacts, judges, an account per role at the sign-in desk, and tokens for machine clients.

Idempotent: a second run finds everything in place and changes nothing (it writes new tokens, and
`make up` prints new sign-in links). The parts live in deploy/local/demo/.
"""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from shared.auth import tokens
from deploy.local.demo import accounts, judging
from deploy.local.demo.client import Api
from deploy.local.demo.competitions import (CRITERIA, JUDGING_ID, OPEN_ID, SECTIONS, keeps_open,
                                            open_competition)
from deploy.local.demo.people import JUDGES, demo_accounts
from deploy.local.demo.welcome import welcome

__all__ = ["CRITERIA", "SECTIONS", "COMPETITION_ID", "competition", "seed", "sign_in_links", "print_welcome"]

COMPETITION_ID = OPEN_ID
competition = open_competition  # tests' factories build their competitions from it
THREADS = 8
CONTACTS = {
    "73": {"addresses": ["biro.organisasi@sulselprov.go.id"], "language": "id", "digest": "immediate"},
    "73.71": {"addresses": ["bagian.organisasi@makassarkota.go.id"], "language": "id", "digest": "immediate"},
    "33": {"addresses": ["biro.organisasi@jatengprov.go.id"], "language": "id", "digest": "daily"},
    "51": {"addresses": ["organisasi@baliprov.go.id"], "language": "en", "digest": "immediate"},
}
TOKENS = [("admin", "admin", None, "admin-sekretariat"), ("ministry", "ministry", None, "deputi-yanlik"),
          ("region 73 (Provinsi Sulawesi Selatan)", "region", "73", "region-73"),
          ("region 73.71 (Kota Makassar)", "region", "73.71", "region-73.71"),
          ("judge judge-ahmad", "judge", None, "judge-ahmad"), ("judge judge-siti", "judge", None, "judge-siti")]


def seed(urls: dict, settings, tokens_path: Path) -> dict:
    """Everything the demo needs that is not there yet; the judging competition's figures."""
    private = Path(settings.jwt_private_key_file).read_bytes()
    api = Api(urls, private)
    if not keeps_open(api.find("intake", f"/api/v1/competitions/{OPEN_ID}")):
        api.call("PUT", "intake", f"/api/v1/competitions/{OPEN_ID}", body=open_competition())
    for code, contact in CONTACTS.items():
        held = api.json("GET", "notify", f"/api/v1/regions/{code}/contacts")
        if any(held.get(key) != value for key, value in contact.items()):
            api.call("PUT", "notify", f"/api/v1/regions/{code}/contacts", body=contact)
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(lambda judge: api.call("POST", "review", "/api/v1/judges", body=judge), JUDGES))
        figures = judging.seed(api, pool)
    accounts.ensure(api, demo_accounts(JUDGING_ID))
    write_tokens(private, tokens_path)
    return figures


def write_tokens(private: bytes, path: Path) -> None:
    """Bearer tokens for machine clients and scripts (a week): a label line, then the token."""
    issued = [(label, tokens.issue(private, role, sub, region, 7 * 86400)) for label, role, region, sub in TOKENS]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"# {label}\n{token}\n" for label, token in issued))


def sign_in_links(urls: dict, env: dict) -> dict[str, str]:
    """A reusable sign-in link per demo account, by address (`env` must carry NOTIFY_DEMO_LINKS=1)."""
    return accounts.sign_in_links(demo_accounts(JUDGING_ID), urls, env)


def sample_entry() -> dict:
    return {"title": "Sistem Antrean Puskesmas Daring", "group": "umum", "category": "kesehatan",
            "agency": {"name": "Dinas Kesehatan Kota Makassar", "cluster": "kota", "region_code": "73.71"},
            "implemented_since": "2022-03-01", "sdgs": [3],
            "sections": {k: "Uraian singkat inovasi untuk masyarakat." for k, _ in SECTIONS},
            "videos": [], "contact": {"name": "Andi Pratama", "email": "andi.pratama@makassarkota.go.id"}}


def print_welcome(urls: dict, tokens_path: Path, links: dict[str, str] | None = None,
                  figures: dict | None = None) -> None:
    print(welcome(urls, tokens_path, demo_accounts(JUDGING_ID), links or {}, figures or {},
                  json.dumps(sample_entry(), ensure_ascii=False)))
