"""The judges' web pages, server side: sign-in, the server-side session, CSRF, language, security
headers, server-side checks."""
from __future__ import annotations

import dataclasses
import re

import pytest

from services.review.entrypoints.web import create_app
from tests import factories
from tests.integration.review import kit

PAGE_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"}


def csrf(page: bytes) -> str:
    return re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()


@pytest.fixture
def judge_with_work(competition, client, admin, make_token):
    """A registered judge with one assignment: (judge id, token, assignment id, fresh browser-like client)."""
    definition, _ = competition([factories.entry("73.71")], stages=[{"key": "evaluasi", "kind": "scored",
                                                                     "judges_per_entry": 1}])
    body = kit.judge_body(definition["id"], "32")
    assert client.post("/api/v1/judges", json=body, headers=admin).status_code == 201
    assert client.post(f"/api/v1/competitions/{definition['id']}/stages/evaluasi/assignments", headers=admin).status_code == 201
    aid = client.get(f"/api/v1/assignments?competition_id={definition['id']}", headers=admin).json["items"][0]["id"]
    browser = client.application.test_client()
    return body["id"], make_token("judge", sub=body["id"]), aid, browser


@pytest.fixture
def sessions(client):
    return client.application.extensions["deps"].db["judge_sessions"]


def sign_in(browser, token: str):
    form = browser.get("/judge/sign-in")
    return browser.post("/judge/sign-in", data={"token": token, "csrf": csrf(form.data)})


def test_sign_in_starts_a_server_side_session_whose_cookie_holds_only_its_id(judge_with_work, make_token, sessions):
    judge_id, token, aid, browser = judge_with_work
    assert browser.get("/judge/assignments").status_code == 302
    page = browser.get("/judge/sign-in")
    assert page.status_code == 200 and "Token juri".encode() in page.data and b'lang="id"' in page.data
    assert "kipp_judge_csrf=" in page.headers["Set-Cookie"], "the sign-in form's double-submit cookie"
    refused = browser.post("/judge/sign-in", data={"token": make_token("admin", sub="a"), "csrf": csrf(page.data)})
    assert refused.status_code == 401 and "bukan token juri".encode() in refused.data
    unknown = browser.post("/judge/sign-in", data={"token": make_token("judge", sub="juri-tak-dikenal"),
                                                   "csrf": csrf(page.data)})
    assert unknown.status_code == 401 and "belum terdaftar".encode() in unknown.data
    no_token = browser.post("/judge/sign-in", data={"token": token})
    assert no_token.status_code == 403 and "Formulir kedaluwarsa".encode() in no_token.data
    assert "kipp_judge=" not in no_token.headers.get("Set-Cookie", "")
    assert sessions.count_documents({"claims.sub": judge_id}) == 0, "no CSRF token, no session"
    signed = sign_in(browser, token)
    assert signed.status_code == 302 and signed.headers["Location"].endswith("/judge/assignments")
    cookie = signed.headers["Set-Cookie"]
    assert "kipp_judge=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/judge" in cookie
    session_id = browser.get_cookie("kipp_judge", path="/judge").value
    assert token not in cookie and "." not in session_id and len(session_id) >= 43
    (stored,) = sessions.find({"claims.sub": judge_id})
    assert stored["claims"] == {"sub": judge_id, "role": "judge", "region": None}
    assert token not in str(stored) and session_id not in str(stored) and stored["expires_at"] > stored["created_at"]
    listing = browser.get("/judge/assignments")
    assert listing.status_code == 200 and aid.encode() in listing.data and b"0</strong> dari 1" in listing.data
    assert "session=" not in (listing.headers.get("Set-Cookie") or ""), "no signed Flask session cookie any more"


def test_score_form_posts_need_the_session_csrf_token_and_are_checked_server_side(judge_with_work, client, admin):
    judge_id, token, aid, browser = judge_with_work
    signed_out_token = csrf(browser.get("/judge/sign-in").data)
    sign_in(browser, token)
    page = browser.get(f"/judge/assignments/{aid}")
    assert page.status_code == 200 and b"Rubrik penilaian" in page.data and b'id="score-form"' in page.data
    form = {f"score-{k}": str(v) for k, v in kit.GOOD.items()}
    for forged in (form, {**form, "csrf": signed_out_token}, {**form, "csrf": "tebakan"}):
        refused = browser.post(f"/judge/assignments/{aid}/score", data=forged)
        assert refused.status_code == 403 and b"Formulir kedaluwarsa" in refused.data
    assert browser.post(f"/judge/assignments/{aid}/recuse", data={"reason": "konflik"}).status_code == 403
    unchanged = client.get(f"/api/v1/assignments/{aid}", headers=admin).json["assignment"]
    assert unchanged["status"] == "pending" and not unchanged.get("revision"), "a refused post changes nothing"
    bad = browser.post(f"/judge/assignments/{aid}/score",
                       data={**form, "score-kebaruan": "150", "score-signifikansi": "", "csrf": csrf(page.data)})
    assert bad.status_code == 422
    assert "tidak boleh lebih dari 100".encode() in bad.data and "wajib diisi".encode() in bad.data
    saved = browser.post(f"/judge/assignments/{aid}/score", data={**form, "score-kebaruan": "70,0",
                                                                 "csrf": csrf(page.data)}, follow_redirects=True)
    assert saved.status_code == 200 and "Nilai tersimpan (revisi 1)".encode() in saved.data


def test_sign_out_needs_the_token_and_deletes_the_session(judge_with_work, sessions):
    judge_id, token, aid, browser = judge_with_work
    sign_in(browser, token)
    page = browser.get("/judge/assignments")
    session_id = browser.get_cookie("kipp_judge", path="/judge").value
    assert browser.post("/judge/sign-out").status_code == 403
    assert browser.get("/judge/assignments").status_code == 200, "a refused sign-out leaves the judge signed in"
    out = browser.post("/judge/sign-out", data={"csrf": csrf(page.data)}, follow_redirects=True)
    assert out.status_code == 200 and "Anda telah keluar.".encode() in out.data
    assert sessions.count_documents({"claims.sub": judge_id}) == 0
    thief = browser.application.test_client()
    thief.set_cookie("kipp_judge", session_id, path="/judge")
    assert thief.get("/judge/assignments").status_code == 302, "a cookie copied before sign-out opens nothing"


def test_judge_pages_carry_the_security_headers_and_no_inline_script_or_style(judge_with_work):
    judge_id, token, aid, browser = judge_with_work
    responses = {"sign-in": browser.get("/judge/sign-in")}
    sign_in(browser, token)
    for path in ("/judge/assignments", f"/judge/assignments/{aid}", "/judge/static/judge.js", "/judge/static/judge.css",
                 "/judge/assignments/no-such-assignment"):
        responses[path] = browser.get(path)
    for path, response in responses.items():
        assert response.status_code in (200, 404), path
        assert {k: response.headers.get(k) for k in PAGE_HEADERS} == PAGE_HEADERS, path
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe" not in policy, path
        if response.mimetype == "text/html":
            html = response.get_data(as_text=True)
            assert "style=" not in html and "<style" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html), path


def test_with_kipp_tls_the_judge_cookies_are_secure(review_settings, judge_with_work):
    judge_id, token, _, _ = judge_with_work
    app = create_app(dataclasses.replace(review_settings, tls=True))
    browser = app.test_client()
    form = browser.get("/judge/sign-in?lang=id")
    cookies = form.headers.getlist("Set-Cookie")  # the sign-in form's double-submit cookie and the language
    assert len(cookies) == 2 and all("Secure" in c and "HttpOnly" in c for c in cookies)
    signed = browser.post("/judge/sign-in", data={"token": token, "csrf": csrf(form.data)})
    assert signed.status_code == 302 and "kipp_judge=" in signed.headers["Set-Cookie"]
    assert "Secure" in signed.headers["Set-Cookie"] and "HttpOnly" in signed.headers["Set-Cookie"]


def test_english_on_request_and_a_stranger_sees_not_found(judge_with_work, competition, client, admin, make_token):
    judge_id, token, aid, browser = judge_with_work
    sign_in(browser, token)
    english = browser.get(f"/judge/assignments/{aid}?lang=en")
    assert b"Scoring rubric" in english.data and b'lang="en"' in english.data
    assert b"Scoring rubric" in browser.get(f"/judge/assignments/{aid}").data, "the choice is remembered"
    back = browser.get(f"/judge/assignments/{aid}?lang=id")
    assert b"Rubrik penilaian" in back.data
    other = kit.judge_body("kipp-x", "35")
    assert client.post("/api/v1/judges", json=other, headers=admin).status_code == 201
    stranger = client.application.test_client()
    sign_in(stranger, make_token("judge", sub=other["id"]))
    assert stranger.get(f"/judge/assignments/{aid}").status_code == 404
