"""The competition pages of the secretariat's console on intake, with a signed-in admin's session: the form
is checked exactly as PUT /api/v1/competitions/{cid} is (errors at their fields, nothing saved), dates are
WIB, and saving publishes kipp.competition.published as the API does."""
from __future__ import annotations

import re

import pytest
from werkzeug.datastructures import MultiDict

from services.intake.entrypoints import console_form
from tests import factories
from tests.support.signin import as_desk

ACTION_NEW = "/konsol/kompetisi/baru"


def csrf_of(page: bytes) -> str:
    found = re.search(rb'<form[^>]* id="competition-form"[^>]*>\s*<input type="hidden" name="csrf" value="([^"]+)"', page)
    assert found, page[:400]
    return found.group(1).decode()


def form_of(definition: dict) -> MultiDict:
    """The form a browser posts for `definition` (rows numbered as the page numbers them)."""
    shown = console_form.values(definition)
    pairs = []
    for key, value in shown.items():
        if key in console_form.ROWS:
            for i, row in enumerate(value):
                pairs += [(f"{key}.{i}.{column}", text) for column, text in row.items()]
        elif key == "clusters":
            pairs += [("clusters", c) for c in value]
        elif key == "blind_review":
            if value:
                pairs.append(("blind_review", "on"))
        else:
            pairs.append((key, value))
    return MultiDict(pairs)


@pytest.fixture
def console(client, keys_dir):
    browser = client.application.test_client()
    as_desk(browser.get, keys_dir, "intake", sub="sekretariat-kipp", role="admin", back="/konsol/kompetisi/")
    return browser


def test_only_the_secretariat_gets_in(client, keys_dir):
    away = client.application.test_client().get("/konsol/kompetisi/")
    assert away.status_code == 302 and away.headers["Location"].startswith("/sesi/mulai")
    region = client.application.test_client()
    as_desk(region.get, keys_dir, "intake", sub="biro-73", role="region", region="73", back="/konsol/kompetisi/")
    assert region.get("/konsol/kompetisi/").status_code == 403
    assert region.get("/konsol/kompetisi/baru").status_code == 403


def test_a_competition_is_created_and_edited_through_the_form(console, client, auth, competitions_topic):
    page = console.get(ACTION_NEW)
    assert page.status_code == 200 and b'id="weight-sum"' in page.data and b">100<" in page.data, "§5's weights"
    definition = factories.competition(quotas={"min_per_category": 1, "max_per_province": 3, "min_priority_regions": 0})
    definition["opens_at"], definition["closes_at"] = "2026-01-16T00:00:00+07:00", "2026-03-10T23:59:59+07:00"
    form = form_of(definition)
    assert form["closes_at"] == "2026-03-10T23:59:59", "shown in WIB"
    form["csrf"] = csrf_of(page.data)
    created = console.post(ACTION_NEW, data=form)
    assert created.status_code == 302 and created.headers["Location"].endswith(f"/konsol/kompetisi/{definition['id']}?notice=saved")
    stored = client.get(f"/api/v1/competitions/{definition['id']}", headers=auth("admin")).get_json()
    assert stored["closes_at"] == "2026-03-10T23:59:59+07:00" and stored["criteria"] == definition["criteria"]
    assert stored["quotas"] == definition["quotas"] and stored["stages"] == definition["stages"]
    published = competitions_topic.wait_for(1, type="kipp.competition.published", subject=definition["id"])
    assert published[-1]["data"]["name"] == definition["name"]

    edit = console.get(f"/konsol/kompetisi/{definition['id']}")
    assert edit.status_code == 200 and definition["name"].encode() in edit.data and b"23:59:59" in edit.data
    form = form_of({**stored, "name": "KIPP 2026 (diubah)"})
    form["csrf"] = csrf_of(edit.data)
    form["sections.8.key"], form["sections.8.max_words"] = "", ""  # a blank row is dropped
    saved = console.post(f"/konsol/kompetisi/{definition['id']}", data=form)
    assert saved.status_code == 302
    assert client.get(f"/api/v1/competitions/{definition['id']}", headers=auth("admin")).get_json()["name"] == \
        "KIPP 2026 (diubah)"
    listed = console.get("/konsol/kompetisi/")
    assert listed.status_code == 200 and b"KIPP 2026 (diubah)" in listed.data


def test_the_form_is_refused_as_the_api_refuses_it_with_each_message_at_its_field(console, client, auth):
    definition = factories.competition()
    page = console.get(ACTION_NEW)
    form = form_of(definition)
    for key, value in {"csrf": csrf_of(page.data), "closes_at": "2020-01-01T00:00:00", "criteria.1.weight": "berat",
                       "categories.0.label": "", "stages.1.kind": "screening", "quotas.max_per_province": "0",
                       "priority_regions": "73, 99.99", "groups": "umum, umum"}.items():
        form[key] = value  # replaces (MultiDict.update would add a second value)
    refused = console.post(ACTION_NEW, data=form)
    assert refused.status_code == 422
    text = refused.data.decode()
    for field in ("closes_at", "criteria.1.weight", "categories.0.label", "stages.1.kind", "quotas.max_per_province",
                  "priority_regions.1", "groups.1"):
        assert f'data-field="{field}"' in text, field
    assert "Harus setelah waktu dibuka." in text and "Harus berupa angka." in text
    assert 'id="msg-criteria-1-weight"' in text and 'name="criteria.1.weight" value="berat"' in text, "kept, at its field"
    api = client.put(f"/api/v1/competitions/{definition['id']}", headers=auth("admin"),
                     json={**definition, "closes_at": "2020-01-01T00:00:00+07:00", "groups": ["umum", "umum"]})
    assert api.status_code == 422 and {"closes_at", "groups.1"} <= set(api.get_json()["errors"]), "the same rules"
    assert client.get(f"/api/v1/competitions/{definition['id']}", headers=auth("admin")).status_code == 404
    english = console.post(ACTION_NEW + "?lang=en", data=form)
    assert english.status_code == 422 and b"must be later than opens_at" in english.data


def test_an_id_in_use_and_forms_without_their_token_are_refused(console, client, auth):
    definition = factories.competition()
    assert client.put(f"/api/v1/competitions/{definition['id']}", json=definition, headers=auth("admin")).status_code == 200
    page = console.get(ACTION_NEW)
    form = form_of(definition)
    assert console.post(ACTION_NEW, data=form).status_code == 403, "no CSRF token"
    form["csrf"] = csrf_of(page.data)
    taken = console.post(ACTION_NEW, data=form)
    assert taken.status_code == 409 and "sudah dipakai".encode() in taken.data
    elsewhere = console.post(f"/konsol/kompetisi/{definition['id']}", data={**form.to_dict(), "id": "lain"})
    assert elsewhere.status_code == 422
    assert console.get("/konsol/kompetisi/tidak-ada").status_code == 404
