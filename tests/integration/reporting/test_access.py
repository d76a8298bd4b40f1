"""Who may read: the ministry and the secretariat; regions and judges get 403, strangers 401.
The dashboard accepts a bearer header or the session the sign-in desk's answer opens."""
from __future__ import annotations

import re

import pytest
import requests

from tests import factories
from tests.support.procs import free_port, service_env, start_web, wait_ready
from tests.support.signin import as_desk

PATHS = ["/competitions/{cid}/rankings", "/competitions/{cid}/rankings.csv", "/competitions/{cid}/rankings.xlsx",
         "/competitions/{cid}/summary", "/entries/{entry}/scorecard"]
COOKIE = "kipp_reporting"
PAGE_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"}


def sign_in(url: str, keys_dir, role: str, sub: str | None = None, region: str | None = None, back: str = "/dashboard/"):
    """A browser signed in to the dashboard as the desk's answer does it; (browser, answer of /sesi/selesai)."""
    browser = requests.Session()
    answer = as_desk(lambda path: browser.get(url + path, allow_redirects=False, timeout=30), keys_dir, "reporting",
                     sub=sub or factories.uid(f"{role}-"), role=role, region=region, back=back)
    return browser, answer


@pytest.fixture
def sessions(mongo, namespace):
    return mongo[f"{namespace}_reporting"]["sessions"]


@pytest.mark.parametrize("path", PATHS)
def test_ministry_and_admin_read_regions_and_judges_are_refused(reporting, api, judged, path):
    path = path.format(cid=judged.cid, entry=judged.ids[0])
    for role in ("ministry", "admin"):
        assert api(path, role=role).status_code == 200
    for role, region in (("region", "73"), ("judge", None)):
        response = api(path, role=role, region=region)
        assert response.status_code == 403 and response.headers["Content-Type"] == "application/problem+json"
    anonymous = requests.get(f"{reporting.url}/api/v1{path}", timeout=30)
    assert anonymous.status_code == 401 and anonymous.headers["Content-Type"] == "application/problem+json"


def test_the_dashboard_opens_a_server_side_session_from_the_desks_answer(reporting, judged, keys_dir, sessions,
                                                                         make_token):
    page = f"{reporting.url}/dashboard/{judged.cid}"
    first = requests.get(page, allow_redirects=False, timeout=30)
    assert first.status_code == 302 and first.headers["Location"] == f"/sesi/mulai?lanjut=%2Fdashboard%2F{judged.cid}"
    sub = factories.uid("deputi-")
    browser, signed = sign_in(reporting.url, keys_dir, "ministry", sub, back=f"/dashboard/{judged.cid}")
    assert signed.status_code == 302 and signed.headers["Location"] == f"/dashboard/{judged.cid}"
    cookie = signed.headers["Set-Cookie"]
    assert f"{COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    session_id = browser.cookies[COOKIE]
    assert session_id.count(".") == 0 and len(session_id) >= 43  # a random id, not a JWT
    (stored,) = sessions.find({"claims.sub": sub})
    assert stored["claims"] == {"sub": sub, "role": "ministry", "region": None}
    assert session_id not in str(stored)  # the store keeps the id's hash: its contents open no browser session

    shown = browser.get(page, timeout=30)
    assert shown.status_code == 200 and 'id="total" data-value="9"' in shown.text and "Kemajuan penilaian" in shown.text
    assert browser.get(f"{reporting.url}/api/v1/competitions/{judged.cid}/rankings.csv", timeout=30).status_code == 200
    assert f'href="/dashboard/{judged.cid}"' in browser.get(f"{reporting.url}/dashboard/", timeout=30).text
    bearer = requests.get(page, headers={"Authorization": "Bearer " + make_token("admin")}, allow_redirects=False)
    assert bearer.status_code == 302, "pages are for people, who sign in; machines read the API with tokens"
    assert browser.get(f"{reporting.url}/sesi/keluar?bukti=palsu", allow_redirects=False).status_code == 302
    assert browser.get(page, allow_redirects=False, timeout=30).status_code == 200, "only the desk's word signs out"


def test_the_dashboard_refuses_regions_judges_and_forged_answers(reporting, judged, make_token, keys_dir):
    page = f"{reporting.url}/dashboard/{judged.cid}"
    for role, region in (("region", "73"), ("judge", None)):
        browser, _ = sign_in(reporting.url, keys_dir, role, region=region)
        refused = browser.get(page, timeout=30)
        assert refused.status_code == 403 and "Bukan untuk peran Anda" in refused.text
    stranger = requests.Session()
    stranger.get(f"{reporting.url}/sesi/mulai", allow_redirects=False, timeout=30)
    forged = stranger.get(f"{reporting.url}/sesi/selesai?bukti=" + make_token("ministry"), timeout=30)  # an API token
    assert forged.status_code == 400 and COOKIE not in forged.headers.get("Set-Cookie", "")
    _, elsewhere = sign_in(reporting.url, keys_dir, "admin", back="//evil.example/dashboard/")
    assert elsewhere.status_code == 302 and elsewhere.headers["Location"] == "/"


def test_pages_downloads_and_the_api_carry_the_security_headers(reporting, judged, keys_dir):
    browser, _ = sign_in(reporting.url, keys_dir, "ministry")
    responses = {path: browser.get(f"{reporting.url}{path}", timeout=30) for path in (
        "/dashboard/", f"/dashboard/{judged.cid}", f"/api/v1/competitions/{judged.cid}/rankings.csv",
        f"/api/v1/competitions/{judged.cid}/rankings.xlsx", "/dashboard/static/dashboard.css",
        f"/api/v1/competitions/{judged.cid}/summary", "/api/v1/competitions/no-such/summary", "/docs")}
    responses["refused answer"] = requests.get(f"{reporting.url}/sesi/selesai?bukti=x", timeout=30)
    for path, response in responses.items():
        assert response.status_code in (200, 400, 404), path
        assert {k: response.headers.get(k) for k in PAGE_HEADERS} == PAGE_HEADERS, path
        policy = response.headers["Content-Security-Policy"]
        for directive in ("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'",
                          "form-action 'self'"):
            assert directive in policy, (path, directive)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
    for download in ("csv", "xlsx"):
        disposition = responses[f"/api/v1/competitions/{judged.cid}/rankings.{download}"].headers["Content-Disposition"]
        assert disposition.startswith("attachment;")
    page = responses[f"/dashboard/{judged.cid}"].text
    assert not re.search(r"<script(?![^>]*\bsrc=)", page) and "style=" not in page and "<style" not in page


def test_with_kipp_tls_every_dashboard_cookie_is_secure(reporting, judged, stack, namespace, keys_dir, tmp_path):
    port = free_port()
    web = start_web("reporting", service_env(stack, namespace, keys_dir, port, KIPP_TLS="1"), tmp_path)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_ready(url, web)
        state = {}

        def over_tls(path):  # a browser sends Secure cookies back over HTTPS only; this test does it by hand
            answer = requests.get(url + path, cookies=state, allow_redirects=False, timeout=30)
            state.update({name: value for name, value in answer.cookies.items() if name.endswith("_state")})
            assert all("Secure" in c and "HttpOnly" in c for c in answer.raw.headers.getlist("Set-Cookie")), path
            return answer
        signed = as_desk(over_tls, keys_dir, "reporting", sub="deputi", role="ministry")
        assert signed.status_code == 302 and f"{COOKIE}=" in signed.headers["Set-Cookie"]
        assert "Secure" in signed.headers["Set-Cookie"] and "HttpOnly" in signed.headers["Set-Cookie"]
    finally:
        web.stop()
