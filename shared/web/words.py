"""The words of every page's frame (header, sign-out, refusals), in Bahasa Indonesia and English."""
from __future__ import annotations

WORDS = {
    "id": {
        "platform": "KIPP", "skip": "Langsung ke isi", "language": "English", "lang_code": "en",
        "sign_out": "Keluar", "signed_in_as": "Masuk sebagai",
        "portal": "Portal Wilayah", "judge": "Ruang Juri", "dashboard": "Dasbor", "console": "Konsol Sekretariat",
        "competitions": "Definisi Kompetisi",
        "refused_title": "Bukan untuk peran Anda",
        "refused": "Halaman ini untuk peran {roles}. Anda masuk sebagai {role}.",
        "signin_failed_title": "Masuk belum selesai",
        "signin_failed": ("Jawaban meja masuk tidak berlaku di browser ini (kedaluwarsa atau dibuka di browser lain). "
                          "Silakan masuk lagi."),
        "sign_in_again": "Masuk lagi", "footer": "Kompetisi Inovasi Pelayanan Publik · Kementerian PANRB",
        "roles": {"region": "Admin Lokal wilayah", "judge": "juri", "ministry": "Kementerian PANRB",
                  "admin": "Sekretariat KIPP"},
        "form_expired": "Formulir kedaluwarsa atau tidak sah; tidak ada yang diubah. Muat ulang halaman lalu coba lagi.",
    },
    "en": {
        "platform": "KIPP", "skip": "Skip to content", "language": "Bahasa Indonesia", "lang_code": "id",
        "sign_out": "Sign out", "signed_in_as": "Signed in as",
        "portal": "Region portal", "judge": "Judges' room", "dashboard": "Dashboard", "console": "Secretariat console",
        "competitions": "Competition definitions",
        "refused_title": "Not for your role",
        "refused": "This page is for {roles}. You are signed in as {role}.",
        "signin_failed_title": "Sign-in not finished",
        "signin_failed": ("The sign-in desk's answer is not valid in this browser (it expired or was opened in "
                          "another browser). Please sign in again."),
        "sign_in_again": "Sign in again", "footer": "Public Service Innovation Competition · Ministry PANRB",
        "roles": {"region": "a region's Admin Lokal", "judge": "a judge", "ministry": "the Ministry PANRB",
                  "admin": "the KIPP Secretariat"},
        "form_expired": "The form has expired or is not valid; nothing was changed. Reload the page and try again.",
    },
}

# the pages each role works in: (word key, service, path)
AREAS = {"region": [("portal", "intake", "/portal/")],
         "judge": [("judge", "review", "/judge/")],
         "ministry": [("dashboard", "reporting", "/dashboard/")],
         "admin": [("console", "review", "/konsol/"), ("competitions", "intake", "/konsol/kompetisi/"),
                   ("dashboard", "reporting", "/dashboard/")]}


def words(lang: str) -> dict:
    return WORDS.get(lang, WORDS["id"])


def areas(role: str | None, urls: dict) -> list[tuple[str, str]]:
    """(word key, absolute URL) of the pages `role` works in."""
    return [(key, urls[service] + path) for key, service, path in AREAS.get(role or "", [])]
