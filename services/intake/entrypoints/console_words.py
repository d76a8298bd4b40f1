"""The words of the competition pages of the secretariat's console (intake): Bahasa Indonesia, English on request.

The API's schema and rules speak English; on an Indonesian page `said` words their messages in Indonesian
(a message it does not know stays as it is)."""
from __future__ import annotations

import re

ID = {
    "title": "Definisi kompetisi", "new": "Buat kompetisi", "edit": "Ubah", "save": "Simpan dan umumkan",
    "create": "Buat dan umumkan", "console": "Konsol Sekretariat", "none": "Belum ada kompetisi.",
    "window": "Masa pengajuan", "stages": "Tahap", "id": "ID kompetisi", "name": "Nama",
    "opens_at": "Dibuka (WIB)", "closes_at": "Ditutup (WIB)", "groups": "Kelompok", "clusters": "Klaster",
    "categories": "Kategori", "sections": "Bagian proposal", "criteria": "Kriteria penilaian",
    "key": "Kunci", "label": "Label", "max_words": "Batas kata", "weight": "Bobot", "kind": "Jenis",
    "judges_per_entry": "Juri per entri", "shortlist": "Daftar pendek", "due_at": "Batas penilaian (WIB)",
    "score_scale": "Skala nilai",
    "score_scale.min": "Nilai terendah", "score_scale.max": "Nilai tertinggi", "eligibility": "Syarat",
    "eligibility.min_age_months": "Usia inovasi minimal (bulan)",
    "eligibility.max_entries_per_agency": "Batas proposal per instansi (satu baris per kelompok: kelompok = batas)",
    "eligibility.excluded_titles": "Judul pemenang terdahulu yang dikecualikan (satu per baris)",
    "normalization": "Normalisasi nilai", "blind_review": "Penilaian tertutup (identitas instansi disembunyikan)",
    "objection_days": "Masa sanggah (hari)", "quotas": "Kuota", "quotas.min_per_category": "Minimal per kategori",
    "quotas.max_per_province": "Maksimal per provinsi (kosong: tanpa batas)",
    "quotas.min_priority_regions": "Minimal dari daerah prioritas",
    "priority_regions": "Daerah prioritas (kode wilayah, pisahkan dengan koma)", "list_hint": "Pisahkan dengan koma.",
    "weight_sum": "Jumlah bobot", "add_row": "Tambah baris", "kinds": {"screening": "Penyaringan", "scored": "Penilaian"},
    "norms": {"zscore": "Skor-z per juri", "none": "Tanpa normalisasi"}, "fix": "Periksa kembali isian berikut:",
    "saved": "Definisi tersimpan dan diumumkan ke layanan lain.", "taken": "ID ini sudah dipakai; ubah lewat halamannya.",
    "not_found": "Kompetisi tidak ditemukan.", "csrf": ("Formulir kedaluwarsa atau tidak sah; tidak ada yang diubah. "
                                                      "Muat ulang halaman lalu coba lagi."),
    "wib_hint": "Tanggal dan jam dalam WIB (UTC+7).", "general": "Umum", "scoring": "Penilaian dan hasil",
    "remove_hint": "Kosongkan satu baris untuk menghapusnya.",
}
EN = {
    **ID,
    "title": "Competition definitions", "new": "New competition", "edit": "Edit", "save": "Save and publish",
    "create": "Create and publish", "console": "Secretariat console", "none": "No competition yet.",
    "window": "Submission window", "stages": "Stages", "id": "Competition id", "name": "Name",
    "opens_at": "Opens (WIB)", "closes_at": "Closes (WIB)", "groups": "Groups", "clusters": "Clusters",
    "categories": "Categories", "sections": "Proposal sections", "criteria": "Scoring criteria", "key": "Key",
    "label": "Label", "max_words": "Word limit", "weight": "Weight", "kind": "Kind", "judges_per_entry": "Judges per entry",
    "due_at": "Scoring due (WIB)",
    "shortlist": "Shortlist", "score_scale": "Score scale", "score_scale.min": "Lowest score",
    "score_scale.max": "Highest score", "eligibility": "Eligibility", "eligibility.min_age_months": "Minimum age (months)",
    "eligibility.max_entries_per_agency": "Entries per agency (one line per group: group = cap)",
    "eligibility.excluded_titles": "Past winners' titles excluded (one per line)", "normalization": "Normalisation",
    "blind_review": "Blind review (the agency is hidden)", "objection_days": "Objection window (days)",
    "quotas": "Quotas", "quotas.min_per_category": "Minimum per category",
    "quotas.max_per_province": "Maximum per province (empty: no cap)",
    "quotas.min_priority_regions": "Minimum from priority regions",
    "priority_regions": "Priority regions (region codes, separated by commas)", "list_hint": "Separate with commas.",
    "weight_sum": "Sum of weights", "add_row": "Add a row", "kinds": {"screening": "Screening", "scored": "Scored"},
    "norms": {"zscore": "z-score per judge", "none": "No normalisation"}, "fix": "Please check these fields:",
    "saved": "The definition is saved and published to the other services.",
    "taken": "This id is taken; edit that competition on its own page.", "not_found": "Competition not found.",
    "csrf": "The form has expired or is not valid; nothing was changed. Reload the page and try again.",
    "wib_hint": "Dates and times in WIB (UTC+7).", "general": "General", "scoring": "Scoring and results",
    "remove_hint": "Empty a row to remove it.",
}

# English messages of the schema and the domain's rules, and their Indonesian wording
INDONESIAN = [
    (r"^Missing data for required field\.$", "Wajib diisi."),
    (r"^Field may not be null\.$", "Wajib diisi."),
    (r"^Not a valid integer\.$", "Harus bilangan bulat."),
    (r"^Not a valid number\.$", "Harus berupa angka."),
    (r"^Not a valid (string|list|boolean|mapping type)\.$", "Isian tidak sah."),
    (r"^Must be one of: .*$", "Pilih salah satu nilai yang tersedia."),
    (r"^Must be (greater|less) than.*$", "Di luar rentang yang diizinkan."),
    (r"^Length must be between (\d+) and (\d+)\.$", r"Panjang harus \1–\2."),
    (r"^Shorter than minimum length (\d+)\.$", r"Minimal \1."),
    (r"^Longer than maximum length (\d+)\.$", r"Maksimal \1."),
    (r"^Unknown field\.$", "Isian tidak dikenal."),
    (r"^must be 1-64 letters, digits, '_' or '-'$", "1–64 huruf, angka, '_' atau '-'."),
    (r"^must be 1-80 letters, digits, '\.', '_' or '-'$", "1–80 huruf, angka, '.', '_' atau '-'."),
    (r"^must be a code such as 73 or 73\.71$", "Harus kode wilayah seperti 73 atau 73.71."),
    (r"^must be an ISO 8601 date-time with a timezone.*$", "Isi tanggal dan jam yang sah."),
    (r"^must be later than opens_at$", "Harus setelah waktu dibuka."),
    (r"^'(.*)' appears more than once; keys must be unique$", r"'\1' muncul lebih dari sekali; kunci harus unik."),
    (r"^min must be below max$", "Nilai terendah harus di bawah nilai tertinggi."),
    (r"^at least one stage must be scored$", "Minimal satu tahap harus tahap penilaian."),
    (r"^only the first stage may be a screening$", "Hanya tahap pertama yang boleh penyaringan."),
    (r"^a screening stage has no judges$", "Tahap penyaringan tidak memakai juri."),
    (r"^a scored stage needs judges_per_entry$", "Tahap penilaian perlu jumlah juri per entri."),
    (r"^a screening stage has no scoring due date$", "Tahap penyaringan tidak memiliki batas penilaian."),
    (r"^cannot exceed the previous stage's shortlist of (\d+)$", r"Tidak boleh melebihi daftar pendek tahap sebelumnya (\1)."),
    (r"^is not one of the competition's groups$", "Bukan salah satu kelompok kompetisi ini."),
    (r"^'(.*)' is not a Kemendagri province or kabupaten/kota code$", r"'\1' bukan kode provinsi atau kabupaten/kota Kemendagri."),
    (r"^must equal the id in the path, (.*)$", r"Harus sama dengan ID kompetisi ini, \1."),
]


def words(lang: str) -> dict:
    return EN if lang == "en" else ID


def said(messages, lang: str) -> str:
    """A field's messages as one line in the page's language."""
    texts = [str(m) for m in (messages if isinstance(messages, list) else [messages])]
    if lang != "en":
        texts = [_indonesian(text) for text in texts]
    return " ".join(dict.fromkeys(texts))


def _indonesian(text: str) -> str:
    for pattern, wording in INDONESIAN:
        if re.match(pattern, text):
            return re.sub(pattern, wording, text)
    return text
