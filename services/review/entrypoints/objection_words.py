"""The words of the regions' objection page (/keberatan/…): Bahasa Indonesia by default, English on request."""
from __future__ import annotations

from datetime import timedelta, timezone

WIB = timezone(timedelta(hours=7), "WIB")
WORDS = {
    "id": {
        "title": "Ajukan keberatan", "lead": "Wilayah dapat mengajukan keberatan atas entri yang diumumkan lolos "
        "tahap ini bila menurutnya entri itu tidak memenuhi syarat. Sekretariat KIPP memeriksa setiap keberatan.",
        "entry": "Entri", "agency": "Instansi", "stage": "Tahap", "rank": "Peringkat", "window": "Masa keberatan",
        "until": "sampai {when}", "reason": "Alasan keberatan", "reason_hint": "Jelaskan syarat yang tidak dipenuhi "
        "dan buktinya (3–4.000 karakter).", "send": "Kirim keberatan", "back": "Kembali ke Portal Wilayah",
        "filed": "Keberatan Anda tercatat dan akan diperiksa Sekretariat KIPP.", "yours": "Keberatan wilayah Anda",
        "filed_at": "Diajukan", "status": "Status", "statuses": {"open": "Sedang diperiksa", "upheld": "Dikabulkan",
                                                                "rejected": "Ditolak"},
        "resolution": "Keputusan", "not_found": "Entri atau tahap ini tidak ditemukan.",
        "form_expired": "Formulir kedaluwarsa atau tidak sah; tidak ada yang diubah. Muat ulang halaman lalu coba lagi.",
        "refusals": {
            "objection-window-closed": "Masa keberatan tahap ini sudah ditutup atau belum dibuka ({opens} – {closes}).",
            "duplicate-objection": "Wilayah Anda sudah mengajukan keberatan atas entri ini pada tahap ini.",
            "not-shortlisted": "Entri ini tidak ada dalam daftar pendek yang diumumkan untuk tahap ini.",
            "shortlist-not-published": "Daftar pendek tahap ini belum diumumkan; keberatan belum dapat diajukan.",
            "reason-required": "Tuliskan alasan keberatan.",
            "reason-length": "Alasan harus 3–4.000 karakter.",
            "control-character": "Alasan berisi karakter kendali yang tidak diizinkan; hapus karakter itu.",
        },
    },
    "en": {
        "title": "File an objection", "lead": "A region may object to an entry announced as passing this stage if it "
        "believes the entry does not meet the rules. The KIPP Secretariat examines every objection.",
        "entry": "Entry", "agency": "Agency", "stage": "Stage", "rank": "Rank", "window": "Objection period",
        "until": "until {when}", "reason": "Reason for the objection", "reason_hint": "Explain which rule is not met "
        "and the evidence (3–4,000 characters).", "send": "Send objection", "back": "Back to the region portal",
        "filed": "Your objection is recorded and will be examined by the KIPP Secretariat.",
        "yours": "Your region's objection", "filed_at": "Filed", "status": "Status",
        "statuses": {"open": "Being examined", "upheld": "Upheld", "rejected": "Rejected"},
        "resolution": "Decision", "not_found": "This entry or stage was not found.",
        "form_expired": "The form has expired or is not valid; nothing was changed. Reload the page and try again.",
        "refusals": {
            "objection-window-closed": "The objection period of this stage is closed or not yet open ({opens} – "
                                       "{closes}).",
            "duplicate-objection": "Your region has already objected to this entry in this stage.",
            "not-shortlisted": "This entry is not on the shortlist announced for this stage.",
            "shortlist-not-published": "This stage's shortlist has not been announced; objections cannot be filed yet.",
            "reason-required": "Write the reason for the objection.",
            "reason-length": "The reason must be 3–4,000 characters.",
            "control-character": "The reason holds a control character that is not allowed; remove it.",
        },
    },
}
STAGES = {"id": {"evaluasi": "Evaluasi", "wawancara": "Wawancara"},
          "en": {"evaluasi": "Evaluation", "wawancara": "Interview"}}
MONTHS = {"id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
                 "November", "Desember"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"]}


def words(lang: str) -> dict:
    return WORDS.get(lang, WORDS["id"])


def stage_name(key: str, lang: str) -> str:
    return STAGES.get(lang, STAGES["id"]).get(key) or key.replace("_", " ").capitalize()


def wib(moment, lang: str) -> str:
    """An aware datetime in Western Indonesian Time: "10 Maret 2026 pukul 23.59 WIB"."""
    local = moment.astimezone(WIB)
    when = f"{local.day} {MONTHS.get(lang, MONTHS['id'])[local.month - 1]} {local.year}"
    return f"{when}, {local:%H:%M} WIB" if lang == "en" else f"{when} pukul {local:%H.%M} WIB"
