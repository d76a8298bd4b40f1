"""notify's HTTP API against the running web process: contacts, template preview, delivery log."""
from __future__ import annotations

import pytest
import requests

from tests import factories
from tests.integration.notify import support
from tests.support.poll import eventually

pytestmark = pytest.mark.integration


def test_contacts_are_replaced_and_read_back(api):
    body = {"addresses": ["Biro.Organisasi@JatimProv.go.id", "biro.organisasi@jatimprov.go.id", "ortala@jatim.id"],
            "language": "en", "digest": "daily"}
    put = api("PUT", "/api/v1/regions/35/contacts", json=body)
    assert put.status_code == 200, put.text
    got = api("GET", "/api/v1/regions/35/contacts").json()
    assert got["addresses"] == ["biro.organisasi@jatimprov.go.id", "ortala@jatim.id"]
    assert (got["region_name"], got["level"], got["language"], got["digest"]) == ("Jawa Timur", "provinsi", "en", "daily")
    assert got["configured"] is True
    city = api("PUT", "/api/v1/regions/35.78/contacts", json={"addresses": ["Humas@Surabaya.go.id"]})
    assert city.status_code == 200 and city.json()["addresses"] == ["humas@surabaya.go.id"]
    unset = api("GET", "/api/v1/regions/35.77/contacts").json()
    assert unset["addresses"] == [] and unset["configured"] is False and unset["region_name"] == "Kota Madiun"


@pytest.mark.parametrize("code, body, status, field", [
    ("99", {"addresses": ["a@b.id"]}, 404, None),
    ("73.99", {"addresses": ["a@b.id"]}, 404, None),
    ("sulsel", {"addresses": ["a@b.id"]}, 422, "code"),
    ("73", {"addresses": ["bukan-email"]}, 422, "addresses.0"),
    ("73", {"addresses": ["a@b.id"], "language": "jv"}, 422, "language"),
    ("73", {"addresses": ["a@b.id"], "digest": "weekly"}, 422, "digest"),
    ("73", {"language": "id"}, 422, "addresses"),
    ("73", {"emails": ["c@d.id"]}, 422, "emails"),
    ("73", {"addresses": ["a@b.id"], "phone": "0411"}, 422, "phone"),
])
def test_bad_contacts_are_refused_naming_the_field(api, code, body, status, field):
    response = api("PUT", f"/api/v1/regions/{code}/contacts", json=body)
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    if field:
        assert field in response.json()["errors"]


def test_contacts_need_an_admin(api, notify):
    assert api("GET", "/api/v1/regions/73/contacts", role="ministry").status_code == 403
    assert api("GET", "/api/v1/regions/73/contacts", headers={"Authorization": ""}).status_code == 401
    assert api("PUT", "/api/v1/regions/73/contacts", data="{", headers={"Content-Type": "application/json"}
               ).status_code == 400
    assert api("PUT", "/api/v1/regions/73/contacts", data="x", headers={"Content-Type": "text/plain"}
               ).status_code == 415


@pytest.mark.parametrize("name", ["receipt", "screened", "advanced", "eliminated", "awarded", "assignment", "digest"])
def test_every_template_previews_in_both_languages(api, name):
    bodies = {lang: api("GET", f"/api/v1/templates/{name}/preview", params={"lang": lang}).json() for lang in ("id", "en")}
    for lang, body in bodies.items():
        assert body["subject"] and body["text"] and body["html"].startswith("<!doctype html>")
        assert f'<html lang="{lang}">' in body["html"]
    assert "Yth." in bodies["id"]["text"] and "Dear" in bodies["en"]["text"]


def test_preview_refuses_unknown_template_and_language(api):
    assert api("GET", "/api/v1/templates/nope/preview").status_code == 404
    bad = api("GET", "/api/v1/templates/receipt/preview", params={"lang": "fr"})
    assert bad.status_code == 422 and "lang" in bad.json()["errors"]
    assert api("GET", "/api/v1/templates/receipt/preview", role="region", region="73").status_code == 403


def test_delivery_log_filters_and_pages(api, publisher, sink):
    region = "52.71"  # Kota Mataram
    support_contacts = [f"{factories.uid('log-')}@ntb.go.id" for _ in range(2)]
    assert api("PUT", f"/api/v1/regions/{region}/contacts", json={"addresses": support_contacts}).status_code == 200
    entries = [support.submitted(region) for _ in range(2)]
    publisher.publish_all(entries)
    for address in support_contacts:
        sink.wait_for(address, 2)
    entry_id = entries[0]["data"]["entry_id"]
    one = eventually(lambda: (lambda b: b if len(b["items"]) == 3 and all(i["status"] == "sent" for i in b["items"])
                              else None)(api("GET", "/api/v1/deliveries", role="ministry",
                                             params={"entry_id": entry_id}).json()), what="3 sent deliveries")
    assert {i["recipient"] for i in one["items"]} == set(support_contacts) | {entries[0]["data"]["contact"]["email"]}
    assert all(i["template"] == "receipt" and i["smtp_reply"].startswith("250") for i in one["items"])
    seen, cursor = [], None
    while True:
        page = api("GET", "/api/v1/deliveries", params={"region": region, "status": "sent", "limit": 2,
                                                         "cursor": cursor}).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == 6 and len({i["id"] for i in seen}) == 6
    assert [i["created_at"] for i in seen] == sorted((i["created_at"] for i in seen), reverse=True)


@pytest.mark.parametrize("params, field", [({"status": "lost"}, "status"), ({"limit": "0"}, "limit"),
                                           ({"limit": "501"}, "limit"), ({"region": "x"}, "region"),
                                           ({"cursor": "!!"}, "cursor")])
def test_delivery_log_refuses_bad_filters(api, params, field):
    response = api("GET", "/api/v1/deliveries", params=params)
    assert response.status_code == 422 and field in response.json()["errors"]


def test_delivery_log_is_for_ministry_and_admin(api):
    assert api("GET", "/api/v1/deliveries", role="region", region="73.71").status_code == 403
    assert api("GET", "/api/v1/deliveries", role="judge").status_code == 403


def test_the_api_documents_itself(notify):
    spec = requests.get(notify.url + "/openapi.json", timeout=10).json()
    for path in ("/api/v1/regions/{code}/contacts", "/api/v1/deliveries", "/api/v1/templates/{name}/preview",
                 "/api/v1/digests/{day}/close"):
        assert path in spec["paths"], path
    assert requests.get(notify.url + "/docs", timeout=10).status_code == 200
    assert "kipp_http_requests" in requests.get(notify.url + "/metrics", timeout=10).text
