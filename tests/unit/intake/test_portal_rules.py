"""The region portal's wording and forms, without I/O: every rule intake refuses with has a message in both
languages, shown at the field it concerns; forms read as the API's bodies; the page's script counts words as
the server does; times are in WIB."""
from __future__ import annotations

import inspect
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from services.intake.domain import eligibility, errors
from services.intake.entrypoints import portal_forms as forms, portal_rules, portal_views, portal_words
from services.intake.entrypoints.portal_rules import Refusal
from shared.errors import RuleBroken
from tests import factories

ROOT = Path(__file__).resolve().parents[3]
ELIGIBILITY = (ROOT / "services/intake/domain/eligibility.py").read_text()
ENTRY_RULES = set(re.findall(r'Violation\("([a-z-]+)"', ELIGIBILITY)) | {"unknown-group", "unknown-category",
                                                                          "unknown-cluster"}
ERROR_RULES = {cls.rule for _, cls in inspect.getmembers(errors, inspect.isclass)
               if issubclass(cls, RuleBroken) and cls.__module__ == errors.__name__ and cls is not errors.Ineligible}
NOT_FOR_PEOPLE = {"idempotency-key-reused"}  # the portal never sends an Idempotency-Key


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_rule_intake_refuses_with_has_a_message(lang):
    rules = ENTRY_RULES | ERROR_RULES | {"control-character"}
    assert len(rules) > 20
    missing = sorted(rules - NOT_FOR_PEOPLE - set(portal_rules.RULES[lang]))
    assert missing == [], f"rules without a {lang} message"


@pytest.mark.parametrize("api_field,form_field", [
    ("sections.ringkasan", "sections.ringkasan"), ("agency.region_code", "agency.region_code"), ("agency", "agency.name"),
    ("contact", "contact.name"), ("contact.email", "contact.email"), ("videos.3", "videos"), ("sdgs.1", "sdgs"),
    ("closes_at", "_form"), ("_schema", "_form"), (None, "_form"), ("title", "title"), ("implemented_since",
                                                                                          "implemented_since")])
def test_each_refusal_is_shown_at_the_field_that_holds_it(api_field, form_field):
    assert portal_rules.form_field(api_field) == form_field


def test_a_section_too_long_is_said_with_its_numbers_in_both_languages():
    refusal = Refusal("sections.ringkasan", "section-too-long", {"section": "ringkasan", "words": 250, "limit": 200})
    assert portal_rules.say(refusal, "id") == "Bagian ini berisi 250 kata; batasnya 200 kata. Kurangi 50 kata."
    assert portal_rules.say(refusal, "en") == "This section has 250 words; the limit is 200. Remove 50 words."


def test_the_rules_of_eligibility_come_with_what_their_messages_need():
    definition = factories.competition(closes_at="2026-03-10T23:59:59+07:00")
    entry = factories.entry("73.71", "kabupaten", implemented_since="2025-06-01",
                            sections={"ringkasan": " ".join(["kata"] * 201)})
    found = {v.rule: v for v in eligibility.violations(entry, definition, "73.15")}
    said = {rule: portal_rules.say(Refusal(v.field, v.rule, v.params), "id") for rule, v in found.items()}
    assert said["too-young"] == ("Inovasi harus sudah diterapkan paling sedikit 24 bulan sebelum penutupan "
                                 "(10 Maret 2026); tanggal ini 1 Juni 2025.")
    assert said["region-level"] == "Klaster Kabupaten memerlukan wilayah tingkat kabupaten; Kota Makassar (73.71) adalah kota."
    assert said["region-outside"] == "Wilayah Kota Makassar (73.71) berada di luar wilayah Anda (Kabupaten Pinrang (73.15))."
    assert "Kurangi 1 kata" in said["section-too-long"] and said["section-missing"] == "Bagian ini belum diisi."
    english = portal_rules.say(Refusal(found["region-level"].field, "region-level", found["region-level"].params), "en")
    assert english == "The Regency (kabupaten) cluster needs a regency region; Kota Makassar (73.71) is a city."


def test_refusals_of_the_handlers_become_sentences_at_their_fields():
    definition = factories.competition(closes_at="2026-03-10T23:59:59+07:00")
    closed = forms.refusals_of(errors.WindowClosed("tutup", "closes_at"), definition)
    assert portal_rules.by_field(closed, "id") == {"_form": [
        "Masa pengajuan sudah ditutup (Selasa, 10 Maret 2026 pukul 23.59 WIB); entri tidak dapat diajukan lagi."]}
    capped = forms.refusals_of(errors.AgencyCap("penuh", "agency"), definition, {"group": "replikasi"})
    assert portal_rules.by_field(capped, "en") == {"agency.name": [
        "This agency has already submitted 5 innovations in the Replication group; that is the limit."]}
    schema = [Refusal("contact.email", None, {}, "Not a valid email address."),
              Refusal("title", None, {}, "control-character: berisi karakter kendali U+0007 pada posisi 3")]
    assert portal_rules.by_field(schema, "id") == {"contact.email": ["Isi alamat e-mail yang sah."],
                                                   "title": [portal_rules.RULES["id"]["control-character"]]}


def form(**fields) -> MultiDict:
    data = MultiDict({"title": "  Puskesmas Terapung ", "group": "umum", "category": "kesehatan",
                      "agency.cluster": "kabupaten", "agency.region_code": "73.15", "agency.name": "Dinas Kesehatan",
                      "implemented_since": "2021-01-15", "contact.name": "Andi", "contact.email": "andi@pinrangkab.go.id",
                      "videos": "https://a.id/1\r\n\r\n https://a.id/2 ", "sections.ringkasan": "Satu\r\ndua"})
    data.setlist("sdgs", ["3", "10"])
    for key, value in fields.items():
        data[key] = value
    return data


def test_forms_read_as_the_apis_bodies():
    definition = factories.competition()
    body = forms.draft(form(), definition)
    assert body["title"] == "Puskesmas Terapung" and body["agency"] == {
        "name": "Dinas Kesehatan", "cluster": "kabupaten", "region_code": "73.15"}
    assert body["sdgs"] == [3, 10] and body["videos"] == ["https://a.id/1", "https://a.id/2"]
    assert body["sections"]["ringkasan"] == "Satu\ndua" and body["sections"]["kebaruan"] == ""
    fields, refused = forms.load(forms.identity(form()))
    assert refused == [] and fields["implemented_since"] == "2021-01-15"
    _, refused = forms.load(forms.identity(form(**{"contact.email": "x", "implemented_since": "kemarin"})))
    assert {r.field for r in refused} == {"contact.email", "implemented_since"}


def test_a_save_sends_what_changed_and_leaves_out_what_was_refused():
    entry = {"title": "Puskesmas Terapung", "sections": {"ringkasan": "Satu\ndua", "kebaruan": "Lama"}, "sdgs": [3],
             "agency": {"name": "Dinas Kesehatan", "cluster": "kabupaten", "region_code": "73.15"}}
    body = {"title": "Puskesmas Terapung", "sections": {"ringkasan": "Satu\ndua", "kebaruan": "Baru", "implementasi": ""},
            "sdgs": [3, 10], "agency": dict(entry["agency"])}
    change = forms.changes(entry, body)
    assert change == {"sections": {"kebaruan": "Baru"}, "sdgs": [3, 10]}
    assert forms.without(change, "sections.kebaruan") == {"sdgs": [3, 10]}
    assert forms.without(change, "sdgs.1") == {"sections": {"kebaruan": "Baru"}}
    assert forms.without({"agency": {}, "title": "x"}, "agency.region_code") == {"title": "x"}


def test_the_scripts_word_count_splits_on_exactly_pythons_whitespace():
    script = (ROOT / "services/intake/static/portal.js").read_text()
    pattern = re.search(r"var SPACE = /(\[.*?\])\+/;", script).group(1)
    javascript_class = pattern.encode().decode("unicode_escape")
    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(re.findall(javascript_class, "".join(chr(c) for c in range(0x3001)))) == spaces
    assert eligibility.count_words("satu\u3000dua\u00a0tiga\tempat\u200b") == 4  # a zero-width space is no space


def test_times_are_shown_in_wib_and_the_countdown_starts_from_the_server():
    moment = "2026-03-10T16:59:59Z"
    assert portal_words.wib(moment, "id") == "Selasa, 10 Maret 2026 pukul 23.59 WIB"
    assert portal_words.wib(moment, "en") == "Tuesday, 10 March 2026, 23:59 WIB"
    now = datetime(2026, 3, 8, 15, 0, tzinfo=timezone.utc)
    assert portal_words.time_left(moment, now, "id") == "2 hari 01:59:59"
    assert portal_words.time_left(moment, datetime(2026, 3, 11, tzinfo=timezone.utc), "en") == "closed"
    assert portal_words.day("2021-01-15", "id") == "15 Januari 2021"


def test_a_person_enters_for_their_own_regions_only():
    assert portal_views.region_choices("73.15") == [("73.15", "Kabupaten Pinrang")]
    province = portal_views.region_choices("73")
    assert province[0] == ("73", "Provinsi Sulawesi Selatan") and len(province) == 25
    assert all(code.startswith("73.") for code, _ in province[1:]) and portal_views.region_choices("99") == []


def test_outcomes_are_said_with_their_reasons():
    advanced = {"kind": "advanced", "stage": "evaluasi", "to_stage": "wawancara", "rank": 3, "score": 81.456,
                "reason": "quota:category:kesehatan", "at": "2026-05-01T00:00:00.000000Z"}
    said = portal_views.describe(advanced, "id")
    assert said["text"] == "Lolos tahap Evaluasi ke tahap Wawancara (peringkat 3, nilai 81.46)"
    assert said["reason"] == "kuota kategori kesehatan" and said["look"] == "ok" and "WIB" in said["when"]
    screened = portal_views.describe({"kind": "screened", "stage": "administrasi", "decision": "ineligible",
                                      "reason": "Belum diterapkan 2 tahun", "at": ""}, "en")
    assert (screened["text"], screened["reason"], screened["look"]) == ("Did not pass administrative screening",
                                                                        "Belum diterapkan 2 tahun", "bad")
    awarded = portal_views.describe({"kind": "awarded", "award": "top45", "reason": None, "at": ""}, "id")
    assert awarded["text"] == "Penghargaan: Top 45"
