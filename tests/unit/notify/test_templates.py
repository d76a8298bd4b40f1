"""The templates: every one in both languages, both parts, escaping, and the message around them."""
from __future__ import annotations

from datetime import datetime, timezone
from email import message_from_bytes, policy

import pytest

from services.notify.adapters.templates import Templates
from services.notify.domain.compose import compose
from services.notify.domain.errors import UnknownTemplate
from services.notify.domain.messages import TEMPLATES
from services.notify.domain.samples import sample_context

TEMPLATES_ = Templates()


@pytest.mark.parametrize("name", TEMPLATES)
@pytest.mark.parametrize("lang, greeting", [("id", "Yth."), ("en", "Dear")])
def test_every_template_renders_subject_text_and_html(name, lang, greeting):
    rendered = TEMPLATES_.render(name, lang, sample_context(name, lang))
    assert rendered.subject and "\n" not in rendered.subject
    assert rendered.text.startswith(greeting) and "{{" not in rendered.text
    assert f'<html lang="{lang}">' in rendered.html and f"<title>{rendered.subject}</title>" in rendered.html


def test_status_words_follow_the_decision():
    eligible = TEMPLATES_.render("screened", "id", sample_context("screened", "id"))
    refused = TEMPLATES_.render("screened", "id", {**sample_context("screened", "id"), "decision": "ineligible",
                                                   "reason": "Belum dua tahun"})
    assert "Status: LOLOS" in eligible.text and "Status: TIDAK LOLOS" in refused.text
    assert refused.subject.startswith("Tidak lolos") and "Keterangan: Belum dua tahun" in refused.text


def test_html_escapes_what_people_typed_but_plain_text_keeps_it():
    context = {**sample_context("receipt", "en"), "title": "Sehat & <Cepat>"}
    rendered = TEMPLATES_.render("receipt", "en", context)
    assert "Sehat &amp; &lt;Cepat&gt;" in rendered.html and "Sehat & <Cepat>" in rendered.text


def test_an_unknown_template_or_language_is_named():
    with pytest.raises(UnknownTemplate):
        TEMPLATES_.render("nope", "id", {})
    with pytest.raises(UnknownTemplate):
        TEMPLATES_.render("receipt", "fr", sample_context("receipt", "id"))


def test_the_message_has_both_parts_and_a_deterministic_message_id():
    delivery = {"_id": "abc", "source_id": "ev", "template": "receipt", "language": "en",
                "recipient": "biro@sulsel.go.id", "message_id": "<abc@kipp.local>",
                "context": sample_context("receipt", "en")}
    message = compose(delivery, TEMPLATES_.render("receipt", "en", delivery["context"]),
                      "KIPP PANRB <noreply@kipp.local>", datetime(2026, 3, 10, tzinfo=timezone.utc))
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Message-ID"] == "<abc@kipp.local>" and parsed["X-KIPP-Delivery-ID"] == "abc"
    assert parsed["To"] == "Admin Lokal Kota Makassar <biro@sulsel.go.id>" and parsed["Content-Language"] == "en"
    assert parsed.get_body(("plain",)).get_content().startswith("Dear")
    assert parsed.get_body(("html",)).get_content().startswith("<!doctype html>")


@pytest.mark.parametrize("address", ["no-at-sign", "a@b.id\r\nBcc: x@y.id", "a b@c.id"])
def test_an_unusable_address_is_refused_before_sending(address):
    delivery = {"_id": "x", "source_id": "ev", "template": "receipt", "language": "id", "recipient": address,
                "message_id": "<x@kipp.local>", "context": sample_context("receipt", "id")}
    with pytest.raises(ValueError):
        compose(delivery, TEMPLATES_.render("receipt", "id", delivery["context"]), "k@kipp.local",
                datetime(2026, 3, 10, tzinfo=timezone.utc))
