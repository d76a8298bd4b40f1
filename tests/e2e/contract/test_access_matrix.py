"""Who may call what: one table, every guarded operation of every OpenAPI document × every kind of caller.

ACCESS below is the table: each guarded operation and the roles that may call it (DESIGN §3,
§4). The test first holds the table against the published documents (the same operations,
the same roles), then calls every operation as every caller and asserts the status:
- no token, an expired one, one signed by another key, one with `alg: none` → 401;
- a role the table does not list → 403;
- a listed role → neither 401 nor 403 nor a server error; and, on the seeded entry, 404 for
  a region outside it (another province, another kabupaten/kota: the entry is not theirs to
  know of, DESIGN §4), on the seeded assignment 404 for a judge it is not assigned to.
Operations that take a body get a well-formed one (BODIES), so that scope, not shape, decides;
the seeded entry may be withdrawn on the way, which changes no expectation. A page without
credentials shows its sign-in. People's pages (the judges' room, the dashboard, the portal, the sign-in
desk) take the session cookie of the sign-in desk's answer, not bearer tokens, and are not in the table
(tests/e2e/test_signin.py and the browser tests hold them); nor are health and metrics.
"""
from __future__ import annotations

import time
import uuid

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.e2e.contract.conftest import ENTRY_REGION

EVERYONE = ("region", "judge", "ministry", "admin")
READERS = ("ministry", "admin")
ACCESS = {
    ("intake", "GET", "/api/v1/competitions"): EVERYONE,
    ("intake", "PUT", "/api/v1/competitions/{cid}"): ("admin",),
    ("intake", "GET", "/api/v1/competitions/{cid}"): EVERYONE,
    ("intake", "POST", "/api/v1/competitions/{cid}/entries"): ("region",),
    ("intake", "GET", "/api/v1/competitions/{cid}/entries"): ("region", "ministry", "admin"),
    ("intake", "GET", "/api/v1/entries/{entry_id}"): ("region", "ministry", "admin"),
    ("intake", "PATCH", "/api/v1/entries/{entry_id}"): ("region",),
    ("intake", "POST", "/api/v1/entries/{entry_id}/attachments"): ("region",),
    ("intake", "GET", "/api/v1/entries/{entry_id}/attachments/{attachment_id}"): ("region", "ministry", "admin"),
    ("intake", "DELETE", "/api/v1/entries/{entry_id}/attachments/{attachment_id}"): ("region",),
    ("intake", "POST", "/api/v1/entries/{entry_id}/submit"): ("region",),
    ("intake", "POST", "/api/v1/entries/{entry_id}/withdraw"): ("region",),
    ("review", "GET", "/api/v1/assignments"): ("judge", "admin"),
    ("review", "GET", "/api/v1/assignments/{aid}"): ("judge", "admin"),
    ("review", "POST", "/api/v1/assignments/{aid}/recuse"): ("judge",),
    ("review", "PUT", "/api/v1/assignments/{aid}/score"): ("judge",),
    ("review", "GET", "/api/v1/competitions/{cid}/audit"): READERS,
    ("review", "POST", "/api/v1/competitions/{cid}/awards"): ("admin",),
    ("review", "GET", "/api/v1/competitions/{cid}/entries"): ("admin",),
    ("review", "GET", "/api/v1/competitions/{cid}/stages/{stage}"): READERS,
    ("review", "POST", "/api/v1/competitions/{cid}/stages/{stage}/assignments"): ("admin",),
    ("review", "POST", "/api/v1/competitions/{cid}/stages/{stage}/close"): ("admin",),
    ("review", "POST", "/api/v1/competitions/{cid}/stages/{stage}/objections"): ("region",),
    ("review", "GET", "/api/v1/competitions/{cid}/stages/{stage}/objections"): READERS,
    ("review", "POST", "/api/v1/competitions/{cid}/stages/{stage}/screenings"): ("admin",),
    ("review", "POST", "/api/v1/competitions/{cid}/stages/{stage}/shortlist"): ("admin",),
    ("review", "GET", "/api/v1/competitions/{cid}/stages/{stage}/shortlist"): READERS,
    ("review", "POST", "/api/v1/competitions/{cid}/stages/{stage}/shortlist/publish"): ("admin",),
    ("review", "POST", "/api/v1/judges"): ("admin",),
    ("review", "GET", "/api/v1/judges"): ("admin",),
    ("review", "GET", "/api/v1/objections/{oid}"): ("admin", "ministry", "region"),
    ("review", "POST", "/api/v1/objections/{oid}/resolve"): ("admin",),
    ("review", "GET", "/api/v1/competitions/{cid}/stages/{stage}/panel"): ("admin",),
    ("review", "PUT", "/api/v1/competitions/{cid}/stages/{stage}/panel/{judge_id}"): ("admin",),
    ("review", "DELETE", "/api/v1/competitions/{cid}/stages/{stage}/panel/{judge_id}"): ("admin",),
    ("review", "POST", "/api/v1/competitions/{cid}/stages/{stage}/reminders"): ("admin",),
    ("review", "GET", "/api/v1/jobs/{job_id}"): ("admin",),
    ("notify", "GET", "/api/v1/deliveries"): READERS,
    ("notify", "GET", "/api/v1/deliveries/{ident}"): READERS,
    ("notify", "POST", "/api/v1/digests/{day}/close"): ("admin",),
    ("notify", "PUT", "/api/v1/regions/{code}/contacts"): ("admin",),
    ("notify", "GET", "/api/v1/regions/{code}/contacts"): ("admin",),
    ("notify", "GET", "/api/v1/templates/{name}/preview"): ("admin",),
    ("notify", "GET", "/api/v1/accounts"): ("admin",),
    ("notify", "PUT", "/api/v1/accounts/{email}"): ("admin",),
    ("notify", "GET", "/api/v1/accounts/{email}"): ("admin",),
    ("reporting", "GET", "/api/v1/competitions/{cid}/rankings"): READERS,
    ("reporting", "GET", "/api/v1/competitions/{cid}/rankings.csv"): READERS,
    ("reporting", "GET", "/api/v1/competitions/{cid}/rankings.xlsx"): READERS,
    ("reporting", "GET", "/api/v1/competitions/{cid}/summary"): READERS,
    ("reporting", "GET", "/api/v1/entries/{entry_id}/scorecard"): READERS,
}
# every caller: (role or None, region, sub), or a kind of bad token
CALLERS = {
    "no token": None, "expired": "expired", "another key": "another key", "alg none": "alg none",
    "admin": ("admin", None, "sekretariat"), "ministry": ("ministry", None, "deputi"),
    "its province": ("region", ENTRY_REGION[:2], "biro-73"), "its kota": ("region", ENTRY_REGION, "kota-73.71"),
    "another province": ("region", "32", "biro-32"), "another kota": ("region", "73.72", "kota-73.72"),
    "its judge": ("judge", None, "<assigned>"), "another judge": ("judge", None, "juri-lain"),
}
BAD_TOKENS = ("no token", "expired", "another key", "alg none")
OUTSIDE_THE_ENTRY = ("another province", "another kota")
SCORES = {"scores": {k: 4 for k in ("latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas",
                                    "sumber_daya", "keberlanjutan")}}
# well-formed requests where an operation takes a body, so that scope, not shape, decides
BODIES = {
    "/api/v1/entries/{entry_id}": {"json": {"title": "Judul yang diubah"}},
    "/api/v1/entries/{entry_id}/attachments": {"files": {"file": ("proposal.pdf", b"%PDF-1.4\n%%EOF\n",
                                                                 "application/pdf")}},
    "/api/v1/entries/{entry_id}/withdraw": {"json": {"reason": "Ditarik oleh daerah"}},
    "/api/v1/assignments/{aid}/recuse": {"json": {"reason": "Konflik kepentingan"}},
    "/api/v1/assignments/{aid}/score": {"json": SCORES},
    "/api/v1/accounts/{email}": {"json": {"role": "ministry", "name": "Staf Deputi"}},
    "/api/v1/competitions/{cid}/stages/{stage}/reminders": {"json": {"judge_id": "juri-lain"}},
}
OTHER_VALUES = {"attachment_id": "tidak-ada", "oid": "tidak-ada", "ident": "tidak-ada", "code": "73",
                "day": "2026-01-01", "name": "tidak-ada", "email": "staf.deputi@menpan.go.id", "job_id": "tidak-ada"}


@pytest.fixture(scope="module")
def tokens(make_token, contract_platform):
    _, known = contract_platform
    stranger = Ed25519PrivateKey.generate().private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                          serialization.NoEncryption())
    now = int(time.time())
    claims = {"iss": "kipp", "aud": "kipp", "sub": "sekretariat", "role": "admin", "iat": now, "exp": now + 600,
              "jti": str(uuid.uuid4())}
    made = {"no token": None, "expired": make_token("admin", None, "sekretariat", ttl=-120),
            "another key": jwt.encode(claims, stranger, algorithm="EdDSA"),
            "alg none": jwt.encode(claims, None, algorithm="none")}
    for name, who in CALLERS.items():
        if isinstance(who, tuple):
            role, region, sub = who
            made[name] = make_token(role, region, known["judge_id"] if sub == "<assigned>" else sub)
    return made


def documented_access(contract_platform) -> dict:
    """(service, method, path) → the roles each service's /openapi.json names, for every guarded operation."""
    started, _ = contract_platform
    found = {}
    for service, running in started.items():
        spec = requests.get(running.url + "/openapi.json", timeout=10).json()
        for path, operations in spec["paths"].items():
            for method, operation in operations.items():
                if {"bearer": []} in operation.get("security", []):
                    roles = operation["description"].rsplit("Roles: ", 1)[1].rstrip(".").split(", ")
                    found[(service, method.upper(), path)] = tuple(sorted(roles))
    return found


@pytest.mark.e2e
def test_the_table_is_what_the_documents_publish(contract_platform):
    documented = documented_access(contract_platform)
    table = {key: tuple(sorted(roles)) for key, roles in ACCESS.items()}
    assert sorted(set(documented) - set(table)) == [], "guarded operations missing from the table"
    assert sorted(set(table) - set(documented)) == [], "operations in the table no document publishes"
    assert {k: v for k, v in documented.items() if table[k] != v} == {}, "roles differ from the table"


@pytest.mark.e2e
def test_every_operation_answers_every_caller_as_the_table_says(contract_platform, tokens):
    started, known = contract_platform
    values = {**OTHER_VALUES, **known}
    wrong = []
    calls = 0
    for (service, method, template), roles in ACCESS.items():
        url = started[service].url + template.format(**values)
        for caller, who in CALLERS.items():
            headers = {"Authorization": "Bearer " + tokens[caller]} if tokens[caller] else {}
            status = requests.request(method, url, headers=headers, timeout=15,
                                      **BODIES.get(template, {})).status_code
            calls += 1
            expected = expectation(caller, who, roles, template)
            if not expected(status):
                wrong.append(f"{method} {template} ({service}) as {caller}: {status}, expected {expected.__doc__}")
    print(f"access matrix: {calls} calls, {len(wrong)} wrong")
    assert not wrong, "\n".join(wrong)


def expectation(caller: str, who, roles: tuple, template: str):
    """A predicate on the status, its __doc__ saying what it wants."""
    if caller in BAD_TOKENS:
        return _exactly(401)
    if who[0] not in roles:
        return _exactly(403)
    if caller in OUTSIDE_THE_ENTRY and "{entry_id}" in template:
        return _exactly(404)
    if caller == "another judge" and "{aid}" in template:
        return _exactly(404)
    seeded = any(name in template for name in ("{entry_id}", "{aid}")) and "{attachment_id}" not in template

    def allowed(status: int) -> bool:
        return status not in (401, 403) and status < 500 and not (seeded and status == 404)
    allowed.__doc__ = "neither 401, 403 nor 5xx" + (" nor 404 (the seeded object is the caller's)" if seeded else "")
    return allowed


def _exactly(code: int):
    return _one_of(code)


def _one_of(*codes: int):
    def check(status: int) -> bool:
        return status in codes
    check.__doc__ = " or ".join(map(str, codes))
    return check
