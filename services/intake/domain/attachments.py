"""PDF attachments: what is accepted and the name it is kept under. No I/O.

A file is taken only when all three say PDF: the type the client declared, the name's
extension and the bytes themselves (`%PDF-`). Any one of them alone can lie; a PDF sent
as text/plain or named .txt is refused too, so what a reader downloads is what it claims.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid

from shared.events.envelope import utc_now_iso
from services.intake.domain.errors import DeclaredTypeNotPdf, FileTooLarge, NameNotPdf, NotAPdf

MAX_BYTES = 1024 * 1024
MAX_PER_ENTRY = 10
MAX_NAME_CHARS = 120
PDF_MAGIC = b"%PDF-"
PDF_TYPE = "application/pdf"
PDF_TYPES = (PDF_TYPE, "application/x-pdf")  # the old alias some clients still send
DEFAULT_STEM = "lampiran"
UNSAFE = re.compile(r'[<>:"/\\|?*]')  # what Windows refuses in names, and HTML/shell metacharacters
SPACES = re.compile(r"\s+")


def describe(filename: str | None, declared_type: str | None, data: bytes) -> dict:
    """The metadata of an accepted PDF; raises FileTooLarge, DeclaredTypeNotPdf, NameNotPdf or NotAPdf."""
    if len(data) > MAX_BYTES:
        raise FileTooLarge(f"Berkas lebih dari {MAX_BYTES // 1024} KiB.", "file")
    if (declared_type or "").lower() not in PDF_TYPES:
        raise DeclaredTypeNotPdf(f"Jenis berkas yang dikirim '{declared_type or '(tidak ada)'}'; hanya {PDF_TYPE} "
                                 "yang diterima.", "file")
    name = clean_name(filename)
    if not name.lower().endswith(".pdf"):
        raise NameNotPdf(f"Nama berkas '{name}' tidak berakhiran .pdf; hanya berkas PDF yang diterima.", "file")
    if not data.startswith(PDF_MAGIC):
        raise NotAPdf("Berkas bukan PDF (isi berkas tidak diawali '%PDF-').", "file")
    return {"id": uuid.uuid4().hex, "filename": name, "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "content_type": PDF_TYPE, "uploaded_at": utc_now_iso()}


def clean_name(filename: str | None) -> str:
    """The uploaded name made safe to keep and show: its last path part, any whitespace a single space,
    without control or format characters or <>:"/\\|?*, at most MAX_NAME_CHARS with its extension kept."""
    base = unicodedata.normalize("NFC", filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    visible = "".join(" " if ch.isspace() else ch for ch in base if ch.isspace() or not _invisible(ch))
    safe = SPACES.sub(" ", UNSAFE.sub("_", visible))
    stem, dot, extension = safe.rpartition(".")
    if not dot or not extension.isalnum() or len(extension) > 10:
        stem, extension = safe, ""
    stem = stem.strip(" .") or DEFAULT_STEM  # no hidden ".name", no trailing dots Windows drops
    suffix = f".{extension}" if extension else ""
    return stem[:MAX_NAME_CHARS - len(suffix)].rstrip(" .") + suffix


def _invisible(ch: str) -> bool:
    """Control, format (bidi overrides that disguise an extension), surrogate, private and unassigned
    characters, and line or paragraph separators: none belongs in a file name."""
    category = unicodedata.category(ch)
    return category[0] == "C" or category in ("Zl", "Zp")
