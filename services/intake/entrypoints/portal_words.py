"""The words of the region portal (/portal/): Bahasa Indonesia by default, English on request, and times in
WIB. The rules' messages are in portal_rules.py."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7), "WIB")

WORDS = {
    "id": {
        "home": "Beranda", "open_competitions": "Kompetisi yang sedang dibuka", "none_open":
            "Belum ada kompetisi yang sedang menerima pengajuan.", "closes": "Pengajuan ditutup {when}.",
        "time_left": "Sisa waktu", "days": "hari", "closed": "ditutup", "window": "Masa pengajuan",
        "new_entry": "Buat entri baru", "your_entries": "Entri wilayah Anda", "no_entries": "Belum ada entri.",
        "entries_of": "Entri pada {name}", "title": "Judul inovasi", "agency": "Instansi", "region": "Wilayah",
        "status": "Status", "latest_outcome": "Hasil terakhir", "updated": "Diubah", "open": "Buka",
        "edit": "Lanjutkan menyunting", "statuses": {"draft": "Draf", "submitted": "Diajukan", "withdrawn": "Ditarik"},
        "new_title": "Entri baru", "new_lead": "Isi data pokok inovasi. Setelah draf dibuat, Anda dapat menulis "
                                              "setiap bagian proposal; draf tersimpan otomatis.",
        "create": "Buat draf", "group": "Kelompok", "category": "Kategori", "cluster": "Klaster instansi",
        "region_code": "Wilayah instansi", "agency_name": "Nama instansi", "implemented_since": "Diterapkan sejak",
        "implemented_hint": "Tanggal inovasi mulai diterapkan.", "contact": "Narahubung",
        "contact_name": "Nama narahubung", "contact_email": "E-mail narahubung",
        "choose": "— pilih —", "fix": "Periksa kembali isian berikut:", "editor_title": "Menyunting draf",
        "identity": "Data pokok", "sections": "Proposal", "words": "kata", "max_words": "paling banyak {n} kata",
        "sdgs": "Tujuan Pembangunan Berkelanjutan (TPB/SDGs)", "sdgs_hint": "Pilih tujuan yang didukung inovasi ini.",
        "sdg": "TPB {n}", "videos": "Tautan video", "videos_hint": "Satu alamat https:// per baris, paling banyak 10.",
        "save": "Simpan draf", "submit": "Ajukan entri", "submit_hint": "Sebelum diajukan, setiap aturan "
                                                                       "kelayakan diperiksa.",
        "autosave_on": "Draf tersimpan otomatis saat Anda mengetik.", "save_status": "Status penyimpanan",
        "attachments": "Lampiran (PDF)", "no_attachments": "Belum ada lampiran.", "upload": "Unggah PDF",
        "upload_hint": "Berkas PDF, paling besar 1 MiB.", "choose_file": "Berkas PDF", "remove": "Hapus",
        "download": "Unduh", "size_kb": "{n} KB", "upload_progress": "Kemajuan unggahan",
        "entry_title": "Entri", "receipt": "Diterima", "withdrawn_at": "Ditarik pada", "withdraw_reason": "Alasan",
        "outcomes": "Hasil seleksi dan penilaian", "no_outcomes": "Belum ada hasil seleksi.",
        "withdraw": "Tarik entri", "withdraw_lead": "Entri dapat ditarik sebelum seleksi administrasi.",
        "withdraw_reason_label": "Alasan penarikan", "competition": "Kompetisi", "proposal": "Isi proposal",
        "objections": "Masa keberatan", "objection_open": "Masa keberatan tahap {stage} terbuka sampai {when}.",
        "objection_list": "Daftar pendek tahap {stage}", "objection_lead": "Entri berikut diumumkan lolos tahap "
            "{stage}. Wilayah dapat mengajukan keberatan atas entri yang menurutnya tidak memenuhi syarat.",
        "objection_closed": "Masa keberatan tahap ini tidak sedang dibuka.", "object": "Ajukan keberatan",
        "rank": "Peringkat", "province": "Provinsi", "see_list": "Lihat daftar pendek",
        "not_found": "Halaman atau entri tidak ditemukan.", "back_home": "Kembali ke beranda",
        "too_large": "Berkas terlalu besar: paling besar 1 MiB. Tidak ada yang diubah.",
        "notices": {"created": "Draf dibuat. Lanjutkan mengisi proposal; draf tersimpan otomatis.",
                    "saved": "Draf tersimpan.", "submitted": "Entri diajukan. Tanda terima dikirim lewat e-mail.",
                    "uploaded": "Lampiran diunggah.", "removed": "Lampiran dihapus.",
                    "withdrawn": "Entri ditarik."},
        "js": {"saving": "Menyimpan…", "saved": "Tersimpan pukul {time}.", "unsaved": "Ada perubahan yang belum "
               "tersimpan: periksa isian yang ditandai.", "offline": "Belum tersimpan (tidak terhubung); perubahan "
               "disimpan di browser ini dan dikirim lagi.", "restored": "Perubahan yang belum tersimpan dipulihkan "
               "dari browser ini.", "locked": "Entri ini bukan draf lagi; muat ulang halaman.",
               "uploading": "Mengunggah… {percent}%", "uploaded": "Lampiran diunggah.",
               "over": "Melebihi batas {over} kata."},
    },
    "en": {
        "home": "Home", "open_competitions": "Competitions open now", "none_open":
            "No competition is accepting entries at the moment.", "closes": "Submissions close {when}.",
        "time_left": "Time left", "days": "days", "closed": "closed", "window": "Submission window",
        "new_entry": "New entry", "your_entries": "Your region's entries", "no_entries": "No entries yet.",
        "entries_of": "Entries in {name}", "title": "Innovation title", "agency": "Agency", "region": "Region",
        "status": "Status", "latest_outcome": "Latest outcome", "updated": "Changed", "open": "Open",
        "edit": "Continue editing", "statuses": {"draft": "Draft", "submitted": "Submitted", "withdrawn": "Withdrawn"},
        "new_title": "New entry", "new_lead": "Fill in the innovation's basic data. Once the draft exists you can "
                                              "write each section of the proposal; the draft saves itself.",
        "create": "Create draft", "group": "Group", "category": "Category", "cluster": "Agency cluster",
        "region_code": "Agency's region", "agency_name": "Agency name", "implemented_since": "In use since",
        "implemented_hint": "The date the innovation was first put to use.", "contact": "Contact",
        "contact_name": "Contact name", "contact_email": "Contact e-mail",
        "choose": "— choose —", "fix": "Please check these fields:", "editor_title": "Editing draft",
        "identity": "Basic data", "sections": "Proposal", "words": "words", "max_words": "at most {n} words",
        "sdgs": "Sustainable Development Goals (SDGs)", "sdgs_hint": "Choose the goals this innovation serves.",
        "sdg": "SDG {n}", "videos": "Video links", "videos_hint": "One https:// address per line, at most 10.",
        "save": "Save draft", "submit": "Submit entry", "submit_hint": "Every eligibility rule is checked "
                                                                     "before the entry is submitted.",
        "autosave_on": "The draft saves itself as you type.", "save_status": "Saving status",
        "attachments": "Attachments (PDF)", "no_attachments": "No attachments yet.", "upload": "Upload PDF",
        "upload_hint": "A PDF file of at most 1 MiB.", "choose_file": "PDF file", "remove": "Remove",
        "download": "Download", "size_kb": "{n} KB", "upload_progress": "Upload progress",
        "entry_title": "Entry", "receipt": "Received", "withdrawn_at": "Withdrawn at", "withdraw_reason": "Reason",
        "outcomes": "Screening and judging outcomes", "no_outcomes": "No outcome yet.",
        "withdraw": "Withdraw entry", "withdraw_lead": "An entry can be withdrawn before the administrative screening.",
        "withdraw_reason_label": "Reason for withdrawing", "competition": "Competition", "proposal": "Proposal",
        "objections": "Objection period", "objection_open": "Objections to stage {stage} are open until {when}.",
        "objection_list": "Shortlist of stage {stage}", "objection_lead": "These entries were announced as passing "
            "stage {stage}. A region may object to an entry it believes does not meet the rules.",
        "objection_closed": "Objections to this stage are not open.", "object": "File an objection",
        "rank": "Rank", "province": "Province", "see_list": "See the shortlist",
        "not_found": "Page or entry not found.", "back_home": "Back to the home page",
        "too_large": "The file is too large: at most 1 MiB. Nothing was changed.",
        "notices": {"created": "Draft created. Go on with the proposal; the draft saves itself.",
                    "saved": "Draft saved.", "submitted": "Entry submitted. A receipt is on its way by e-mail.",
                    "uploaded": "Attachment uploaded.", "removed": "Attachment removed.",
                    "withdrawn": "Entry withdrawn."},
        "js": {"saving": "Saving…", "saved": "Saved at {time}.", "unsaved": "Some changes are not saved: check "
               "the marked fields.", "offline": "Not saved (no connection); your changes are kept in this browser "
               "and sent again.", "restored": "Unsaved changes were restored from this browser.",
               "locked": "This entry is no longer a draft; reload the page.",
               "uploading": "Uploading… {percent}%", "uploaded": "Attachment uploaded.",
               "over": "{over} words over the limit."},
    },
}

# names the definition does not carry (it has keys, and labels only for categories)
LABELS = {
    "id": {
        "sections": {"ringkasan": "Ringkasan", "latar_belakang": "Latar belakang", "kebaruan": "Kebaruan",
                     "implementasi": "Implementasi", "signifikansi": "Signifikansi", "adaptabilitas": "Adaptabilitas",
                     "sumber_daya": "Sumber daya", "keberlanjutan": "Keberlanjutan"},
        "stages": {"administrasi": "Seleksi administrasi", "evaluasi": "Evaluasi", "wawancara": "Wawancara"},
        "groups": {"umum": "Umum", "replikasi": "Replikasi", "khusus": "Khusus"},
        "clusters": {"kementerian": "Kementerian", "lembaga": "Lembaga", "provinsi": "Provinsi",
                     "kabupaten": "Kabupaten", "kota": "Kota", "bumn": "BUMN", "bumd": "BUMD"},
        "levels": {"provinsi": "provinsi", "kabupaten": "kabupaten", "kota": "kota"},
    },
    "en": {
        "sections": {"ringkasan": "Summary", "latar_belakang": "Background", "kebaruan": "Novelty",
                     "implementasi": "Implementation", "signifikansi": "Significance", "adaptabilitas": "Adaptability",
                     "sumber_daya": "Resources", "keberlanjutan": "Sustainability"},
        "stages": {"administrasi": "Administrative screening", "evaluasi": "Evaluation", "wawancara": "Interview"},
        "groups": {"umum": "General", "replikasi": "Replication", "khusus": "Special"},
        "clusters": {"kementerian": "Ministry", "lembaga": "Agency", "provinsi": "Province",
                     "kabupaten": "Regency (kabupaten)", "kota": "City (kota)", "bumn": "State-owned enterprise",
                     "bumd": "Regional enterprise"},
        "levels": {"provinsi": "province", "kabupaten": "regency", "kota": "city"},
    },
}
OUTCOMES = {
    "id": {"eligible": "Lolos {stage}", "ineligible": "Tidak lolos {stage}",
           "advanced": "Lolos tahap {stage}", "advanced_to": "Lolos tahap {stage} ke tahap {to_stage}",
           "eliminated": "Tidak lolos tahap {stage}", "awarded": "Penghargaan: {award}",
           "rank": "peringkat {rank}", "score": "nilai {score}", "reason": "Alasan: {reason}",
           "reasons": {"rank": "masuk menurut peringkat", "below-cutoff": "di bawah batas daftar pendek",
                       "not-scored": "belum dinilai", "objection-upheld": "keberatan atas entri ini dikabulkan",
                       "quota:priority-region": "kuota daerah prioritas", "quota:category": "kuota kategori {key}"},
           "awards": {"top45": "Top 45", "top99": "Top 99", "outstanding": "Inovasi terpuji"}},
    "en": {"eligible": "Passed {stage}", "ineligible": "Did not pass {stage}",
           "advanced": "Passed stage {stage}", "advanced_to": "Advanced from {stage} to {to_stage}",
           "eliminated": "Did not pass stage {stage}", "awarded": "Award: {award}",
           "rank": "rank {rank}", "score": "score {score}", "reason": "Reason: {reason}",
           "reasons": {"rank": "chosen by rank", "below-cutoff": "below the shortlist's cut-off",
                       "not-scored": "not scored", "objection-upheld": "an objection to this entry was upheld",
                       "quota:priority-region": "the priority-region quota",
                       "quota:category": "the {key} category quota"},
           "awards": {"top45": "Top 45", "top99": "Top 99", "outstanding": "Outstanding innovation"}},
}
MONTHS = {"id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
                 "November", "Desember"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"]}
DAYS = {"id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
        "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]}


def words(lang: str) -> dict:
    """The portal's words in `lang` (Indonesian for anything else)."""
    return WORDS.get(lang, WORDS["id"])


def label(kind: str, key: str | None, lang: str) -> str:
    """A section's, stage's, group's or cluster's name; its key, tidied, when the portal has none."""
    if key is None:
        return ""
    return LABELS.get(lang, LABELS["id"])[kind].get(key) or key.replace("_", " ").capitalize()


def as_instant(value) -> datetime | None:
    """An aware datetime from a datetime or an ISO 8601 text (a trailing Z is UTC); None for anything else."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    try:
        found = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=timezone.utc)


def wib(value, lang: str, with_day: bool = True) -> str:
    """A moment in Western Indonesian Time: "Selasa, 10 Maret 2026 pukul 23.59 WIB"."""
    moment = as_instant(value)
    if moment is None:
        return ""
    local = moment.astimezone(WIB)
    weekday = f"{DAYS[lang][local.weekday()]}, " if with_day else ""
    when = f"{local.day} {MONTHS[lang][local.month - 1]} {local.year}"
    if lang == "en":
        return f"{weekday}{when}, {local:%H:%M} WIB"
    return f"{weekday}{when} pukul {local:%H.%M} WIB"


def day(value, lang: str) -> str:
    """A calendar date (ISO text) as words: "15 Januari 2021"; the text itself when it is no date."""
    try:
        found = date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    return f"{found.day} {MONTHS[lang][found.month - 1]} {found.year}"


def time_left(closes_at, now: datetime, lang: str) -> str:
    """What the countdown shows before its script ticks: "12 hari 03:04:05"."""
    moment = as_instant(closes_at)
    left = int((moment - now).total_seconds()) if moment else 0
    if left <= 0:
        return words(lang)["closed"]
    days, rest = divmod(left, 86400)
    clock = f"{rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}"
    return f"{days} {words(lang)['days']} {clock}" if days else clock
