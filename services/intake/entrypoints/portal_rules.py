"""Every rule intake can refuse a region's entry with (services/intake/domain/eligibility.py, errors.py), worded
for people in Bahasa Indonesia and English, and the form field each one is shown at.

A refusal names the API's field ("sections.ringkasan", "agency.region_code", "videos.2", "agency"); the
portal shows it at the form field that holds it (`form_field`). A refusal without a rule is a field the
body schema refused (a missing title, a bad e-mail): it is worded by what that field asks for (FIELDS).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from shared import regions
from services.intake.entrypoints.portal_words import day, label, wib

FORM = "_form"  # a refusal about the whole entry (the window), shown above the form

RULES = {
    "id": {
        "window-closed": "Masa pengajuan sudah ditutup ({closes}); entri tidak dapat diajukan lagi.",
        "section-missing": "Bagian ini belum diisi.",
        "section-too-long": "Bagian ini berisi {words} kata; batasnya {limit} kata. Kurangi {over} kata.",
        "section-unknown": "Bagian ini tidak dikenal kompetisi ini.",
        "too-young": "Inovasi harus sudah diterapkan paling sedikit {months} bulan sebelum penutupan ({closes}); "
                     "tanggal ini {since}.",
        "duplicate-title": "Judul yang sama sudah diajukan dalam kompetisi ini (huruf besar, tanda baca dan spasi "
                           "tidak dibedakan). Pilih judul lain.",
        "past-winner": "Judul ini milik pemenang tahun sebelumnya dan tidak dapat diajukan lagi.",
        "region-unknown": "{code} bukan kode wilayah Kemendagri.",
        "region-level": "Klaster {cluster} memerlukan wilayah tingkat {allowed}; {code} adalah {kind}.",
        "region-outside": "Wilayah {code} berada di luar wilayah Anda ({region}).",
        "agency-cap": "Instansi ini sudah mengajukan {cap} inovasi pada kelompok {group}; itu batasnya.",
        "unknown-group": "Kelompok ini tidak ada dalam kompetisi ini.",
        "unknown-category": "Kategori ini tidak ada dalam kompetisi ini.",
        "unknown-cluster": "Klaster ini tidak ada dalam kompetisi ini.",
        "not-a-draft": "Entri ini sudah tidak berupa draf; isinya tidak dapat diubah lagi.",
        "not-submitted": "Hanya entri yang sudah diajukan yang dapat ditarik.",
        "already-screened": "Entri ini sudah melalui seleksi administrasi dan tidak dapat ditarik lagi.",
        "control-character": "Isian ini berisi karakter kendali yang tidak diizinkan; hapus karakter itu.",
        "not-a-pdf": "Isi berkas ini bukan PDF.",
        "declared-type-not-pdf": "Berkas harus berjenis PDF.",
        "name-not-pdf": "Nama berkas harus berakhiran .pdf.",
        "file-too-large": "Berkas lebih besar dari 1 MiB.",
        "too-many-attachments": "Entri ini sudah memiliki lampiran sebanyak batasnya; hapus salah satu dulu.",
    },
    "en": {
        "window-closed": "The submission window has closed ({closes}); the entry can no longer be submitted.",
        "section-missing": "This section is still empty.",
        "section-too-long": "This section has {words} words; the limit is {limit}. Remove {over} words.",
        "section-unknown": "This competition has no such section.",
        "too-young": "The innovation must have been in use for at least {months} months before the closing date "
                     "({closes}); this date is {since}.",
        "duplicate-title": "The same title was already submitted in this competition (case, punctuation and spaces "
                           "do not count). Choose another title.",
        "past-winner": "This title belongs to an earlier year's winner and cannot be entered again.",
        "region-unknown": "{code} is not a Kemendagri region code.",
        "region-level": "The {cluster} cluster needs a {allowed} region; {code} is a {kind}.",
        "region-outside": "Region {code} lies outside your region ({region}).",
        "agency-cap": "This agency has already submitted {cap} innovations in the {group} group; that is the limit.",
        "unknown-group": "This competition has no such group.",
        "unknown-category": "This competition has no such category.",
        "unknown-cluster": "This competition has no such cluster.",
        "not-a-draft": "This entry is no longer a draft; it can no longer change.",
        "not-submitted": "Only a submitted entry can be withdrawn.",
        "already-screened": "This entry has passed the administrative screening and can no longer be withdrawn.",
        "control-character": "This field holds a control character that is not allowed; remove it.",
        "not-a-pdf": "The file's content is not a PDF.",
        "declared-type-not-pdf": "The file must be a PDF.",
        "name-not-pdf": "The file name must end in .pdf.",
        "file-too-large": "The file is larger than 1 MiB.",
        "too-many-attachments": "This entry has as many attachments as allowed; remove one first.",
    },
}

FIELDS = {
    "id": {"title": "Isi judul, 3–300 karakter.", "group": "Pilih kelompok.", "category": "Pilih kategori.",
           "agency.cluster": "Pilih klaster instansi.", "agency.region_code": "Pilih wilayah instansi.",
           "agency.name": "Isi nama instansi (paling banyak 300 karakter).",
           "implemented_since": "Isi tanggal yang sah.", "sdgs": "Pilih tujuan 1–17, masing-masing sekali.",
           "sections": "Teks bagian ini terlalu panjang (paling banyak 30.000 karakter).",
           "videos": "Setiap baris harus alamat https:// yang lengkap; paling banyak 10 tautan.",
           "contact.name": "Isi nama narahubung (paling banyak 200 karakter).",
           "contact.email": "Isi alamat e-mail yang sah.", "reason": "Tuliskan alasan, 3–1.000 karakter.",
           "file": "Pilih berkas PDF.", FORM: "Isian tidak sah; periksa kembali."},
    "en": {"title": "Enter a title of 3–300 characters.", "group": "Choose a group.", "category": "Choose a category.",
           "agency.cluster": "Choose the agency's cluster.", "agency.region_code": "Choose the agency's region.",
           "agency.name": "Enter the agency's name (at most 300 characters).",
           "implemented_since": "Enter a valid date.", "sdgs": "Choose goals 1–17, each at most once.",
           "sections": "This section's text is too long (at most 30,000 characters).",
           "videos": "Each line must be a full https:// address; at most 10 links.",
           "contact.name": "Enter the contact's name (at most 200 characters).",
           "contact.email": "Enter a valid e-mail address.", "reason": "Write a reason of 3–1,000 characters.",
           "file": "Choose a PDF file.", FORM: "Something is not valid; please check."},
}
WHOLE = {"agency": "agency.name", "contact": "contact.name", "closes_at": FORM, "_schema": FORM,
         "Idempotency-Key": FORM, "entry_id": FORM}


@dataclass(frozen=True)
class Refusal:
    """One reason the portal could not do what was asked: the API field it concerns, the rule (None for a
    field the body schema refused) and the numbers and names its message needs."""
    field: str
    rule: str | None = None
    params: dict = field(default_factory=dict)
    text: str = ""  # what the schema said, to tell a control character from any other bad value


def form_field(api_field: str | None) -> str:
    """The form field a refusal of `api_field` is shown at."""
    if not api_field:
        return FORM
    if api_field in WHOLE:
        return WHOLE[api_field]
    top, _, rest = api_field.partition(".")
    if top == "sections" and rest:
        return f"sections.{rest.split('.')[0]}"
    if top in ("agency", "contact") and rest:
        return f"{top}.{rest.split('.')[0]}"
    return top


def field_help(name: str, lang: str) -> str:
    """What a form field asks for."""
    found = FIELDS.get(lang, FIELDS["id"])
    return found.get(name) or found.get(name.split(".")[0]) or found[FORM]


def say(refusal: Refusal, lang: str) -> str:
    """A refusal as a sentence in `lang`."""
    rule = refusal.rule or ("control-character" if refusal.text.startswith("control-character") else None)
    template = RULES.get(lang, RULES["id"]).get(rule or "")
    if template is None:
        return field_help(form_field(refusal.field), lang)
    params = worded(refusal.params, lang)
    try:
        return template.format(**params)
    except (KeyError, IndexError):  # a refusal without its numbers: the sentence up to where they begin
        return template.split(" (")[0].split("{")[0].rstrip(" ;:,") + "."


def worded(params: dict, lang: str) -> dict:
    """A refusal's numbers and names as its sentence shows them: dates in words, codes with their names."""
    shown = dict(params)
    if "words" in params and "limit" in params:
        shown["over"] = params["words"] - params["limit"]
    for name in ("closes", "since"):
        if isinstance(params.get(name), str):
            shown[name] = day(params[name], lang) if len(params[name]) == 10 else wib(params[name], lang)
    for name in ("code", "region"):
        if params.get(name) and regions.name(params[name]):
            shown[name] = f"{regions.name(params[name])} ({params[name]})"
    if "cluster" in params:
        shown["cluster"] = label("clusters", params["cluster"], lang)
    if "group" in params:
        shown["group"] = label("groups", params["group"], lang)
    if "kind" in params:
        shown["kind"] = label("levels", params["kind"], lang)
    if "allowed" in params:
        shown["allowed"] = " / ".join(label("levels", kind, lang) for kind in params["allowed"])
    return shown


def by_field(refusals: list[Refusal], lang: str) -> dict[str, list[str]]:
    """{form field: [sentences]}, each sentence once."""
    found: dict[str, list[str]] = {}
    for refusal in refusals:
        sentence = say(refusal, lang)
        listed = found.setdefault(form_field(refusal.field), [])
        if sentence not in listed:
            listed.append(sentence)
    return found


def for_script(lang: str) -> dict:
    """The messages the editor's script words refusals of the API with (rules, and what each field asks)."""
    return {"rules": RULES.get(lang, RULES["id"]), "fields": FIELDS.get(lang, FIELDS["id"])}
