"""The judges' web pages, server side: the session the sign-in desk's answer opens, CSRF, language,
security headers, server-side checks."""
from __future__ import annotations

import dataclasses
import re
from types import SimpleNamespace

import pytest

from shared.events import types
from shared.account_events import end_sessions
from services.review.entrypoints.web import create_app
from tests import factories
from tests.integration.review import kit
from tests.support.signin import as_desk

PAGE_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"}
COOKIE = "kipp_review"


def csrf(page: bytes) -> str:
    """The CSRF token of the page's own forms (the header's sign-out form carries the desk's)."""
    return re.search(rb'<form[^>]* action="/judge[^"]*"[^>]*>.*?name="csrf" value="([^"]+)"', page, re.S).group(1).decode()


@pytest.fixture
def judge_with_work(competition, client, admin, keys_dir):
    """A registered judge with one assignment: (judge id, keys, assignment id, fresh browser-like client)."""
    definition, _ = competition([factories.entry("73.71")], stages=[{"key": "evaluasi", "kind": "scored",
                                                                     "judges_per_entry": 1}])
    body = kit.register(client, admin, [kit.judge_body(definition["id"], "32")], definition["id"])[0]
    assert client.post(f"/api/v1/competitions/{definition['id']}/stages/evaluasi/assignments", headers=admin).status_code == 201
    aid = client.get(f"/api/v1/assignments?competition_id={definition['id']}", headers=admin).json["items"][0]["id"]
    browser = client.application.test_client()
    return body["id"], keys_dir, aid, browser


@pytest.fixture
def sessions(client):
    return client.application.extensions["deps"].db["sessions"]


def sign_in(browser, keys_dir, judge_id: str, role: str = "judge"):
    return as_desk(browser.get, keys_dir, "review", sub=judge_id, role=role, back="/judge/assignments")


def test_the_desks_answer_opens_a_server_side_session_whose_cookie_holds_only_its_id(judge_with_work, sessions):
    judge_id, keys, aid, browser = judge_with_work
    first = browser.get("/judge/assignments")
    assert first.status_code == 302 and first.headers["Location"].startswith("/sesi/mulai?lanjut=")
    to_desk = browser.get(first.headers["Location"])
    assert to_desk.status_code == 302 and "/masuk/?layanan=review" in to_desk.headers["Location"]
    forged = browser.get("/sesi/selesai?bukti=eyJhbGciOiJFZERTQSJ9.e30.AAAA")
    assert forged.status_code == 400 and COOKIE + "=" not in forged.headers.get("Set-Cookie", "")
    refused = sign_in(browser.application.test_client(), keys, "juri-x", role="ministry")
    assert refused.status_code == 302  # a ministry session is opened, but the judges' room refuses it
    unknown = browser.application.test_client()
    sign_in(unknown, keys, "juri-tak-dikenal")
    page = unknown.get("/judge/assignments")
    assert page.status_code == 403 and "belum terdaftar".encode() in page.data
    signed = sign_in(browser, keys, judge_id)
    assert signed.status_code == 302 and signed.headers["Location"].endswith("/judge/assignments")
    cookie = [c for c in signed.headers.getlist("Set-Cookie") if c.startswith(COOKIE + "=")][0]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    session_id = browser.get_cookie(COOKIE).value
    assert "." not in session_id and len(session_id) >= 43
    (stored,) = sessions.find({"claims.sub": judge_id})
    assert stored["claims"] == {"sub": judge_id, "role": "judge", "region": None}
    assert session_id not in str(stored) and stored["expires_at"] > stored["created_at"]
    listing = browser.get("/judge/assignments")
    assert listing.status_code == 200 and aid.encode() in listing.data and b"0</strong> dari 1" in listing.data
    assert "session=" not in (listing.headers.get("Set-Cookie") or ""), "no signed Flask session cookie"


def test_score_form_posts_need_the_session_csrf_token_and_are_checked_server_side(judge_with_work, client, admin):
    judge_id, keys, aid, browser = judge_with_work
    other = browser.application.test_client()
    sign_in(other, keys, judge_id)
    someone_elses = csrf(other.get(f"/judge/assignments/{aid}").data)  # another session's token
    sign_in(browser, keys, judge_id)
    page = browser.get(f"/judge/assignments/{aid}")
    assert page.status_code == 200 and b"Rubrik penilaian" in page.data and b'id="score-form"' in page.data
    form = {f"score-{k}": str(v) for k, v in kit.GOOD.items()}
    for forged in (form, {**form, "csrf": someone_elses}, {**form, "csrf": "tebakan"}):
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


def test_the_desks_sign_out_ends_the_session_and_a_copied_cookie_opens_nothing(judge_with_work, sessions):
    judge_id, keys, aid, browser = judge_with_work
    sign_in(browser, keys, judge_id)
    session_id = browser.get_cookie(COOKIE).value
    page = browser.get("/judge/assignments")
    assert b'action="http://127.0.0.1:8003/masuk/keluar"' in page.data  # every page's sign-out goes to the desk
    assert browser.get("/sesi/keluar?bukti=bukan-dari-meja").status_code == 302
    assert browser.get("/judge/assignments").status_code == 200, "only the desk's word signs out"
    end_sessions(SimpleNamespace(db={"sessions": sessions}),  # as the worker does on kipp.account.signed_out
                 {"type": types.ACCOUNT_SIGNED_OUT, "data": {"session": "desk-session-uji"}})
    assert sessions.count_documents({"claims.sub": judge_id}) == 0
    thief = browser.application.test_client()
    thief.set_cookie(COOKIE, session_id)
    assert thief.get("/judge/assignments").status_code == 302, "a cookie copied before sign-out opens nothing"


def test_judge_pages_carry_the_security_headers_and_no_inline_script_or_style(judge_with_work):
    judge_id, keys, aid, browser = judge_with_work
    responses = {"refused": browser.get("/sesi/selesai?bukti=x")}
    sign_in(browser, keys, judge_id)
    for path in ("/judge/assignments", f"/judge/assignments/{aid}", "/judge/static/judge.js", "/judge/static/judge.css",
                 "/judge/assignments/no-such-assignment"):
        responses[path] = browser.get(path)
    for path, response in responses.items():
        assert response.status_code in (200, 400, 404), path
        assert {k: response.headers.get(k) for k in PAGE_HEADERS} == PAGE_HEADERS, path
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe" not in policy, path
        assert "form-action 'self' http://127.0.0.1:8001" in policy, path  # and the platform's other services
        if response.mimetype == "text/html":
            html = response.get_data(as_text=True)
            assert "style=" not in html and "<style" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html), path


def test_with_kipp_tls_the_judge_cookies_are_secure(review_settings, judge_with_work):
    judge_id, keys, _, _ = judge_with_work
    browser = create_app(dataclasses.replace(review_settings, tls=True)).test_client()
    started = browser.get("/sesi/mulai?lanjut=/judge/&lang=id")
    assert all("Secure" in c and "HttpOnly" in c for c in started.headers.getlist("Set-Cookie"))  # state, language
    signed = sign_in(browser, keys, judge_id)
    cookie = [c for c in signed.headers.getlist("Set-Cookie") if c.startswith(COOKIE + "=")][0]
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_english_on_request_and_a_stranger_sees_not_found(judge_with_work, competition, client, admin):
    judge_id, keys, aid, browser = judge_with_work
    sign_in(browser, keys, judge_id)
    english = browser.get(f"/judge/assignments/{aid}?lang=en")
    assert b"Scoring rubric" in english.data and b'lang="en"' in english.data
    assert b"Scoring rubric" in browser.get(f"/judge/assignments/{aid}").data, "the choice is remembered"
    back = browser.get(f"/judge/assignments/{aid}?lang=id")
    assert b"Rubrik penilaian" in back.data
    other = kit.judge_body("kipp-x", "35")
    assert client.post("/api/v1/judges", json=other, headers=admin).status_code == 201
    stranger = client.application.test_client()
    sign_in(stranger, keys, other["id"])
    assert stranger.get(f"/judge/assignments/{aid}").status_code == 404
