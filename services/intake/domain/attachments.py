"""PDF attachments: what is accepted, judged by the bytes rather than the file name. No I/O."""
from __future__ import annotations

import hashlib
import uuid

from shared.events.envelope import utc_now_iso
from services.intake.domain.errors import FileTooLarge, NotAPdf

MAX_BYTES = 1024 * 1024
MAX_PER_ENTRY = 10
PDF_MAGIC = b"%PDF-"


def describe(filename: str, data: bytes) -> dict:
    """The metadata of an accepted PDF; raises FileTooLarge or NotAPdf."""
    if len(data) > MAX_BYTES:
        raise FileTooLarge(f"Berkas lebih dari {MAX_BYTES // 1024} KiB.", "file")
    if not data.startswith(PDF_MAGIC):
        raise NotAPdf("Berkas bukan PDF (isi berkas tidak diawali '%PDF-').", "file")
    return {"id": uuid.uuid4().hex, "filename": clean_name(filename), "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "content_type": "application/pdf",
            "uploaded_at": utc_now_iso()}


def clean_name(filename: str | None) -> str:
    """The uploaded name without folders or control characters, kept short."""
    base = (filename or "lampiran.pdf").replace("\\", "/").rsplit("/", 1)[-1]
    printable = "".join(ch for ch in base if ch.isprintable()).strip()
    return (printable or "lampiran.pdf")[:200]
