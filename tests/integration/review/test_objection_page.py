"""The regions' objection page (/keberatan/<cid>/<stage>/<entry_id>) on the real stack: the session of the
sign-in desk's answer, CSRF, the objection filed through review's handler, and every refusal (not yet
published, not on the list, window closed, already filed) said in the person's language."""
from __future__ import annotations

import re

from tests.support.signin import as_desk


def signed_in(client, keys_dir, region: str):
    browser = client.application.test_client()
    answer = as_desk(browser.get, keys_dir, "review", sub=f"admin-{region}", role="region", region=region,
                     back="/judge/")
    assert answer.status_code == 302
    return browser


def csrf(page) -> str:
    return re.search(r'<form[^>]* action="/keberatan[^"]*"[^>]*>.*?name="csrf" value="([^"]+)"',
                     page.get_data(as_text=True), re.S).group(1)


def test_a_region_objects_through_the_page_and_hears_each_refusal(closed_stage, client, admin, auth, keys_dir):  # noqa: F811
    cid, id_of = closed_stage()
    url = f"/keberatan/{cid}/evaluasi/{id_of['A']}"
    assert client.application.test_client().get(url).status_code == 302  # to the sign-in desk
    judge = client.application.test_client()
    as_desk(judge.get, keys_dir, "review", sub="juri-x", role="judge", back="/judge/")
    assert judge.get(url).status_code == 403
    jabar = signed_in(client, keys_dir, "32")
    early = jabar.get(url).get_data(as_text=True)
    assert "belum diumumkan" in early and "<textarea" not in early

    base = f"/api/v1/competitions/{cid}/stages/evaluasi"
    assert client.post(base + "/shortlist", headers=admin).status_code == 200
    assert client.post(base + "/shortlist/publish", headers=admin).status_code == 200
    page = jabar.get(url)
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Ajukan keberatan" in text and "<textarea" in text and "WIB" in text
    assert page.headers["Cache-Control"] == "no-store"
    outside = jabar.get(f"/keberatan/{cid}/evaluasi/{id_of['F']}?lang=en").get_data(as_text=True)
    assert "not on the shortlist" in outside and "<textarea" not in outside
    assert jabar.get(f"/keberatan/{cid}/evaluasi/tidak-ada").status_code == 404
    assert jabar.get(f"/keberatan/tidak-ada/evaluasi/{id_of['A']}").status_code == 404

    forged = jabar.post(url, data={"csrf": "dari-situs-lain", "reason": "Data dipalsukan"})
    assert forged.status_code == 403
    empty = jabar.post(url + "?lang=id", data={"csrf": csrf(page), "reason": "  "})
    assert empty.status_code == 422 and "Tuliskan alasan keberatan" in empty.get_data(as_text=True)
    filed = jabar.post(url, data={"csrf": csrf(page), "reason": "Inovasi belum berjalan sesuai klaim"})
    assert filed.status_code == 303 and filed.headers["Location"].endswith("notice=filed")
    shown = jabar.get(filed.headers["Location"]).get_data(as_text=True)
    assert "Keberatan Anda tercatat" in shown and "Sedang diperiksa" in shown and "<textarea" not in shown
    listed = client.get(base + "/objections", headers=admin).json["items"]
    assert [(o["entry_id"], o["region"], o["reason"]) for o in listed] == [
        (id_of["A"], "32", "Inovasi belum berjalan sesuai klaim")]
    again = jabar.post(url + "?lang=en", data={"csrf": csrf(page), "reason": "Sekali lagi"})
    assert again.status_code == 409 and "already objected to this entry" in again.get_data(as_text=True)


def test_after_the_window_the_page_says_so(closed_stage, client, admin, keys_dir):  # noqa: F811
    cid, id_of = closed_stage(objection_days=0)
    base = f"/api/v1/competitions/{cid}/stages/evaluasi"
    assert client.post(base + "/shortlist", headers=admin).status_code == 200
    assert client.post(base + "/shortlist/publish", headers=admin).status_code == 200
    browser = signed_in(client, keys_dir, "73")
    url = f"/keberatan/{cid}/evaluasi/{id_of['A']}"
    page = browser.get(url + "?lang=id").get_data(as_text=True)
    assert "Masa keberatan tahap ini sudah ditutup" in page and "<textarea" not in page
    # the page offers no form; a post made anyway (with the session's token) is refused by the handler
    session_csrf = browser.application.extensions["deps"].db["sessions"].find_one({"claims.sub": "admin-73"})["csrf"]
    late = browser.post(url, data={"csrf": session_csrf, "reason": "Terlambat"})
    assert late.status_code == 409 and "sudah ditutup" in late.get_data(as_text=True)
