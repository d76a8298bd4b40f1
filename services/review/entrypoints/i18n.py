"""Words the judges read: Bahasa Indonesia by default, English on request (?lang=en or a cookie)."""
from __future__ import annotations

from flask import request

LANGS = ("id", "en")
COOKIE = "kipp_lang"

TEXT = {
    "id": {
        "app": "KIPP — Ruang Juri",
        "not_registered": "Alamat ini belum terdaftar sebagai juri. Hubungi Sekretariat KIPP.", "assignments": "Penugasan saya", "progress": "Kemajuan",
        "of": "dari", "scored_n": "sudah dinilai", "pending": "Belum dinilai", "scored": "Sudah dinilai",
        "recused": "Mengundurkan diri", "withdrawn": "Ditarik", "cancelled": "Dibatalkan",
        "none": "Belum ada penugasan.", "title": "Judul", "stage": "Tahap", "status": "Status",
        "due": "Batas waktu", "total": "Nilai total", "open": "Buka", "entry": "Proposal inovasi",
        "agency": "Instansi", "category": "Kategori", "group": "Kelompok", "since": "Diterapkan sejak",
        "blind": "Penilaian tertutup: identitas instansi disembunyikan.", "rubric": "Rubrik penilaian",
        "criterion": "Kriteria", "weight": "Bobot", "scale": "Skala nilai", "score_form": "Nilai",
        "comment": "Catatan untuk Sekretariat (tidak wajib)", "save": "Simpan nilai",
        "revise": "Simpan revisi", "saved": "Nilai tersimpan (revisi {revision}).",
        "revision": "Revisi", "history": "Riwayat revisi", "fix": "Periksa kembali isian berikut:",
        "recuse": "Mengundurkan diri dari penugasan ini", "recuse_reason": "Alasan (misalnya konflik kepentingan)",
        "recuse_button": "Mengundurkan diri",
        "recused_done": "Anda telah mengundurkan diri; proposal ini dialihkan ke juri lain.",
        "recused_nojudge": ("Pengunduran diri tercatat, tetapi belum ada juri lain yang dapat menggantikan. "
                            "Sekretariat akan menanganinya."),
        "closed": "Tahap ini sudah ditutup; nilai tidak dapat diubah lagi.", "back": "Kembali ke daftar",
        "not_found": "Penugasan tidak ditemukan.", "csrf": "Formulir kedaluwarsa. Muat ulang halaman dan coba lagi.",
        "language": "English", "lang_code": "en", "attachments": "Lampiran", "sdgs": "TPB/SDGs",
        "weighted_total": "Nilai total berbobot", "reason_short": "Alasan minimal 3 karakter.",
        "not_open": "Penugasan ini tidak dapat diubah lagi.",
        "total_hint": "Dihitung otomatis: Σ bobot × nilai / Σ bobot",
    },
    "en": {
        "app": "KIPP — Judges' room",
        "not_registered": "This address is not registered as a judge. Contact the KIPP Secretariat.", "assignments": "My assignments", "progress": "Progress",
        "of": "of", "scored_n": "scored", "pending": "Not scored yet", "scored": "Scored",
        "recused": "Recused", "withdrawn": "Withdrawn", "cancelled": "Cancelled",
        "none": "No assignments yet.", "title": "Title", "stage": "Stage", "status": "Status",
        "due": "Due", "total": "Total", "open": "Open", "entry": "Innovation proposal",
        "agency": "Agency", "category": "Category", "group": "Group", "since": "Implemented since",
        "blind": "Blind review: the agency is hidden.", "rubric": "Scoring rubric",
        "criterion": "Criterion", "weight": "Weight", "scale": "Score scale", "score_form": "Score",
        "comment": "Note for the Secretariat (optional)", "save": "Save scores",
        "revise": "Save revision", "saved": "Scores saved (revision {revision}).",
        "revision": "Revision", "history": "Revision history", "fix": "Please check these fields:",
        "recuse": "Recuse from this assignment", "recuse_reason": "Reason (e.g. a conflict of interest)",
        "recuse_button": "Recuse", "recused_done": "You have recused; the proposal goes to another judge.",
        "recused_nojudge": "Your recusal is recorded, but no other judge is free yet. The Secretariat will handle it.",
        "closed": "This stage is closed; scores can no longer change.", "back": "Back to the list",
        "not_found": "Assignment not found.", "csrf": "The form has expired. Reload the page and try again.",
        "language": "Bahasa Indonesia", "lang_code": "id", "attachments": "Attachments", "sdgs": "SDGs",
        "weighted_total": "Weighted total", "reason_short": "The reason needs at least 3 characters.",
        "not_open": "This assignment can no longer change.", "total_hint": "Computed: Σ weight × score / Σ weight",
    },
}

PROBLEMS = {
    "id": {"required": "wajib diisi ({min:g}–{max:g})", "not-a-number": "harus berupa angka ({min:g}–{max:g})",
           "below-min": "tidak boleh kurang dari {min:g}", "above-max": "tidak boleh lebih dari {max:g}",
           "unknown-criterion": "bukan kriteria dalam rubrik ini"},
    "en": {"required": "is required ({min:g}–{max:g})", "not-a-number": "must be a number ({min:g}–{max:g})",
           "below-min": "must not be below {min:g}", "above-max": "must not be above {max:g}",
           "unknown-criterion": "is not a criterion of this rubric"},
}


def language() -> str:
    """?lang= first, then the cookie; the API also honours Accept-Language; else Indonesian."""
    asked = request.args.get("lang") or request.cookies.get(COOKIE)
    if asked in LANGS:
        return asked
    if request.path.startswith("/api/") and request.accept_languages.best_match(LANGS) == "en":
        return "en"
    return "id"


def words(lang: str) -> dict:
    return TEXT.get(lang, TEXT["id"])


def say(message, lang: str) -> str:
    """A message as text: plain text stays, a (code, params) pair is worded in `lang`."""
    if isinstance(message, tuple):
        code, params = message
        return PROBLEMS.get(lang, PROBLEMS["id"]).get(code, code).format(**params)
    return str(message)


def worded(errors: dict, lang: str) -> dict:
    """{field: [messages]} with every message as text."""
    return {field: [say(m, lang) for m in messages] for field, messages in errors.items()}
