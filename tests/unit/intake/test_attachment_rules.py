"""What an upload must be to be kept (type, name and bytes agree), and the safe name it is kept under."""
from __future__ import annotations

import pytest

from services.intake.domain import attachments
from services.intake.domain.errors import DeclaredTypeNotPdf, FileTooLarge, NameNotPdf, NotAPdf
from tests import factories

PDF = factories.pdf_bytes(100)


def test_a_pdf_declared_named_and_made_as_one_is_described_by_its_bytes():
    meta = attachments.describe("../../etc/Proposal.pdf", "application/pdf", PDF)
    assert meta["filename"] == "Proposal.pdf" and meta["size"] == 100 and len(meta["sha256"]) == 64
    assert meta["content_type"] == "application/pdf"
    assert attachments.describe("LAPORAN.PDF", "Application/X-PDF", PDF)["filename"] == "LAPORAN.PDF"


@pytest.mark.parametrize("name,declared,data,error,status", [
    ("proposal.txt", "text/plain", PDF, DeclaredTypeNotPdf, 415),  # the probe's PDF sent as text/plain
    ("proposal.pdf", "application/octet-stream", PDF, DeclaredTypeNotPdf, 415),
    ("proposal.pdf", None, PDF, DeclaredTypeNotPdf, 415),
    ("proposal.txt", "application/pdf", PDF, NameNotPdf, 415),
    ("proposal", "application/pdf", PDF, NameNotPdf, 415),
    ("proposal.pdf\x00.txt", "application/pdf", PDF, NameNotPdf, 415),
    ("proposal.pdf", "application/pdf", b"Ini hanya teks biasa.", NotAPdf, 415),
    ("proposal.pdf", "application/pdf", b" %PDF-1.4", NotAPdf, 415),
    ("proposal.pdf", "application/pdf", factories.pdf_bytes(attachments.MAX_BYTES + 1), FileTooLarge, 413),
])
def test_type_name_and_bytes_must_all_say_pdf(name, declared, data, error, status):
    with pytest.raises(error) as refused:
        attachments.describe(name, declared, data)
    assert refused.value.status == status and refused.value.field == "file" and refused.value.rule


@pytest.mark.parametrize("raw,kept", [
    ("<script>alert(1)</script>.pdf", "script_.pdf"),
    ("<img src=x onerror=alert(1)>.pdf", "_img src=x onerror=alert(1)_.pdf"),
    ('a:b*c?d"e|f.pdf', "a_b_c_d_e_f.pdf"),
    ("C:\\Users\\andi\\Proposal Inovasi.pdf", "Proposal Inovasi.pdf"),
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("Lapor\x00an\x1b[31m.pdf", "Laporan[31m.pdf"),
    ("laporan\u202egnp.pdf", "laporangnp.pdf"),  # a right-to-left override that disguises the extension
    ("Inovasi   Puskesmas\tKeliling.pdf", "Inovasi Puskesmas Keliling.pdf"),
    ("Sistem Layanan Terpadu — Kabupaten Gowa ✓.pdf", "Sistem Layanan Terpadu — Kabupaten Gowa ✓.pdf"),
    ("ملف.pdf", "ملف.pdf"), ("提案書.pdf", "提案書.pdf"),
    (".pdf", "lampiran.pdf"), ("...pdf", "lampiran.pdf"), ("  .hidden.pdf", "hidden.pdf"), ("a. .pdf", "a.pdf"),
    ("", "lampiran"), (None, "lampiran"), ("/", "lampiran"), ("laporan", "laporan"),
])
def test_names_are_kept_in_a_safe_form(raw, kept):
    assert attachments.clean_name(raw) == kept


def test_a_long_name_is_cut_but_keeps_its_extension():
    kept = attachments.clean_name("Proposal " + "sangat panjang " * 40 + ".pdf")
    assert len(kept) <= attachments.MAX_NAME_CHARS and kept.endswith(".pdf") and kept.startswith("Proposal sangat")
    assert attachments.clean_name("é" * 500 + ".pdf") == "é" * (attachments.MAX_NAME_CHARS - 4) + ".pdf"


def test_a_clean_name_stays_as_it_is():
    for raw in ("<x>.pdf", "a/b\\c.pdf", "Proposal " * 30 + ".pdf", "\x7f.pdf"):
        once = attachments.clean_name(raw)
        assert attachments.clean_name(once) == once
        assert not set(once) & set('<>:"/\\|?*') and once.isprintable()
