"""Who may read: the ministry and the secretariat; regions and judges get 403, strangers 401.
The dashboard accepts a bearer header or a cookie set by its sign-in page."""
from __future__ import annotations

import pytest
import requests

PATHS = ["/competitions/{cid}/rankings", "/competitions/{cid}/rankings.csv", "/competitions/{cid}/rankings.xlsx",
         "/competitions/{cid}/summary", "/entries/{entry}/scorecard"]


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


def test_the_dashboard_signs_in_with_an_httponly_cookie(reporting, judged, make_token):
    page = f"{reporting.url}/dashboard/{judged.cid}"
    first = requests.get(page, allow_redirects=False, timeout=30)
    assert first.status_code == 302 and "/dashboard/?next=" in first.headers["Location"]
    browser = requests.Session()
    signed = browser.post(f"{reporting.url}/dashboard/masuk", data={"token": make_token("ministry"), "next": f"/dashboard/{judged.cid}"},
                          allow_redirects=False, timeout=30)
    assert signed.status_code == 302 and signed.headers["Location"].endswith(f"/dashboard/{judged.cid}")
    assert "HttpOnly" in signed.headers["Set-Cookie"] and "SameSite=Lax" in signed.headers["Set-Cookie"]
    shown = browser.get(page, timeout=30)
    assert shown.status_code == 200 and 'id="total" data-value="9"' in shown.text and "Kemajuan penilaian" in shown.text
    assert browser.get(f"{reporting.url}/api/v1/competitions/{judged.cid}/rankings.csv", timeout=30).status_code == 200
    assert f'href="/dashboard/{judged.cid}"' in browser.get(f"{reporting.url}/dashboard/", timeout=30).text
    assert requests.get(page, headers={"Authorization": "Bearer " + make_token("admin")}, timeout=30).status_code == 200
    browser.post(f"{reporting.url}/dashboard/keluar", timeout=30)
    assert browser.get(page, allow_redirects=False, timeout=30).status_code == 302


def test_the_dashboard_refuses_regions_judges_and_forged_tokens(reporting, judged, make_token):
    page = f"{reporting.url}/dashboard/{judged.cid}"
    for role, region in (("region", "73"), ("judge", None)):
        refused = requests.post(f"{reporting.url}/dashboard/masuk", data={"token": make_token(role, region)}, timeout=30)
        assert refused.status_code == 403 and "hanya untuk Kementerian PANRB" in refused.text
        assert "Set-Cookie" not in refused.headers
        direct = requests.get(page, headers={"Authorization": "Bearer " + make_token(role, region)}, timeout=30)
        assert direct.status_code == 403
    forged = requests.post(f"{reporting.url}/dashboard/masuk", data={"token": "not.a.token"}, timeout=30)
    assert forged.status_code == 401 and "Token tidak sah" in forged.text
    elsewhere = requests.post(f"{reporting.url}/dashboard/masuk", data={"token": make_token("admin"),
                                                                        "next": "//evil.example/dashboard/"},
                              allow_redirects=False, timeout=30)
    assert elsewhere.status_code == 302 and elsewhere.headers["Location"].startswith("/dashboard/")
