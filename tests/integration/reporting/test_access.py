"""Who may read: the ministry and the secretariat; regions and judges get 403, strangers 401.
The dashboard accepts a bearer header or a server-side session started by its sign-in form."""
from __future__ import annotations

import re

import pytest
import requests

from tests import factories
from tests.support.procs import free_port, service_env, start_web, wait_ready

PATHS = ["/competitions/{cid}/rankings", "/competitions/{cid}/rankings.csv", "/competitions/{cid}/rankings.xlsx",
         "/competitions/{cid}/summary", "/entries/{entry}/scorecard"]
COOKIE = "kipp_reporting_session"
PAGE_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"}


def form_token(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def sign_in(url: str, token: str, target: str = "", browser=None):
    """Post the sign-in form as a browser does (the form first, for its CSRF token); (browser, response)."""
    browser = browser or requests.Session()
    form = browser.get(f"{url}/dashboard/", timeout=30)
    response = browser.post(f"{url}/dashboard/masuk", data={"token": token, "next": target, "csrf": form_token(form.text)},
                            allow_redirects=False, timeout=30)
    return browser, response


@pytest.fixture
def sessions(mongo, namespace):
    return mongo[f"{namespace}_reporting"]["dashboard_sessions"]


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


def test_the_dashboard_signs_in_to_a_server_side_session_and_signs_out(reporting, judged, make_token, sessions):
    page = f"{reporting.url}/dashboard/{judged.cid}"
    first = requests.get(page, allow_redirects=False, timeout=30)
    assert first.status_code == 302 and "/dashboard/?next=" in first.headers["Location"]
    sub = factories.uid("deputi-")
    token = make_token("ministry", None, sub)
    browser, signed = sign_in(reporting.url, token, f"/dashboard/{judged.cid}")
    assert signed.status_code == 302 and signed.headers["Location"].endswith(f"/dashboard/{judged.cid}")
    cookie = signed.headers["Set-Cookie"]
    assert f"{COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    session_id = browser.cookies[COOKIE]
    assert token not in cookie and session_id.count(".") == 0 and len(session_id) >= 43  # a random id, not a JWT
    (stored,) = sessions.find({"claims.sub": sub})
    assert stored["claims"] == {"sub": sub, "role": "ministry", "region": None} and token not in str(stored)
    assert session_id not in str(stored)  # the store keeps the id's hash: its contents open no browser session

    shown = browser.get(page, timeout=30)
    assert shown.status_code == 200 and 'id="total" data-value="9"' in shown.text and "Kemajuan penilaian" in shown.text
    assert browser.get(f"{reporting.url}/api/v1/competitions/{judged.cid}/rankings.csv", timeout=30).status_code == 200
    assert f'href="/dashboard/{judged.cid}"' in browser.get(f"{reporting.url}/dashboard/", timeout=30).text
    assert requests.get(page, headers={"Authorization": "Bearer " + make_token("admin")}, timeout=30).status_code == 200

    out = browser.post(f"{reporting.url}/dashboard/keluar", data={"csrf": form_token(shown.text)}, allow_redirects=False,
                       timeout=30)
    assert out.status_code == 302 and sessions.count_documents({"claims.sub": sub}) == 0
    assert browser.get(page, allow_redirects=False, timeout=30).status_code == 302
    replayed = requests.get(page, cookies={COOKIE: session_id}, allow_redirects=False, timeout=30)
    assert replayed.status_code == 302, "a cookie copied before sign-out opens nothing afterwards"


def test_the_dashboard_refuses_regions_judges_and_forged_tokens(reporting, judged, make_token):
    page = f"{reporting.url}/dashboard/{judged.cid}"
    for role, region in (("region", "73"), ("judge", None)):
        _, refused = sign_in(reporting.url, make_token(role, region))
        assert refused.status_code == 403 and "hanya untuk Kementerian PANRB" in refused.text
        assert COOKIE not in refused.headers.get("Set-Cookie", "")
        direct = requests.get(page, headers={"Authorization": "Bearer " + make_token(role, region)}, timeout=30)
        assert direct.status_code == 403
    _, forged = sign_in(reporting.url, "not.a.token")
    assert forged.status_code == 401 and "Token tidak sah" in forged.text
    _, elsewhere = sign_in(reporting.url, make_token("admin"), "//evil.example/dashboard/")
    assert elsewhere.status_code == 302 and elsewhere.headers["Location"].startswith("/dashboard/")


def test_a_form_post_without_its_csrf_token_is_403_and_changes_nothing(reporting, judged, make_token, sessions):
    sub = factories.uid("deputi-")
    token = make_token("ministry", None, sub)
    stranger = requests.Session()
    stranger.get(f"{reporting.url}/dashboard/", timeout=30)  # holds the form's cookie, not the form's token
    for data in ({"token": token}, {"token": token, "csrf": "tebakan"}):
        refused = stranger.post(f"{reporting.url}/dashboard/masuk", data=data, allow_redirects=False, timeout=30)
        assert refused.status_code == 403 and "Formulir kedaluwarsa" in refused.text
        assert COOKIE not in refused.headers.get("Set-Cookie", "")
    cross_site = requests.post(f"{reporting.url}/dashboard/masuk", data={"token": token, "csrf": "x"}, timeout=30)
    assert cross_site.status_code == 403 and sessions.count_documents({"claims.sub": sub}) == 0

    browser, _ = sign_in(reporting.url, token)
    page = f"{reporting.url}/dashboard/{judged.cid}"
    assert browser.post(f"{reporting.url}/dashboard/keluar", timeout=30).status_code == 403
    assert browser.post(f"{reporting.url}/dashboard/keluar", data={"csrf": "tebakan"}, timeout=30).status_code == 403
    assert browser.get(page, allow_redirects=False, timeout=30).status_code == 200, "still signed in"
    assert sessions.count_documents({"claims.sub": sub}) == 1


def test_pages_downloads_and_the_api_carry_the_security_headers(reporting, judged, make_token):
    browser, _ = sign_in(reporting.url, make_token("ministry"))
    responses = {path: browser.get(f"{reporting.url}{path}", timeout=30) for path in (
        "/dashboard/", f"/dashboard/{judged.cid}", f"/api/v1/competitions/{judged.cid}/rankings.csv",
        f"/api/v1/competitions/{judged.cid}/rankings.xlsx", "/dashboard/static/dashboard.css",
        f"/api/v1/competitions/{judged.cid}/summary", "/api/v1/competitions/no-such/summary", "/docs")}
    responses["sign-in page"] = requests.get(f"{reporting.url}/dashboard/", timeout=30)
    for path, response in responses.items():
        assert response.status_code in (200, 404), path
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
    assert "<script" not in page and "style=" not in page and "<style" not in page


def test_with_kipp_tls_every_dashboard_cookie_is_secure(reporting, judged, make_token, stack, namespace, keys_dir,
                                                         tmp_path):
    port = free_port()
    web = start_web("reporting", service_env(stack, namespace, keys_dir, port, KIPP_TLS="1"), tmp_path)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_ready(url, web)
        form = requests.get(f"{url}/dashboard/", timeout=30)
        assert "Secure" in form.headers["Set-Cookie"] and "HttpOnly" in form.headers["Set-Cookie"]
        signed = requests.post(f"{url}/dashboard/masuk", data={"token": make_token("ministry"),
                                                               "csrf": form_token(form.text)},
                               cookies=dict(form.cookies), allow_redirects=False, timeout=30)
        assert signed.status_code == 302 and f"{COOKIE}=" in signed.headers["Set-Cookie"]
        assert "Secure" in signed.headers["Set-Cookie"] and "HttpOnly" in signed.headers["Set-Cookie"]
    finally:
        web.stop()
