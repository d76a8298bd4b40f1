"""The sign-in desk's words, in Bahasa Indonesia and English."""
from __future__ import annotations

WORDS = {
    "id": {
        "title": "Masuk ke KIPP", "intro": ("Masukkan alamat e-mail Anda. Jika alamat itu terdaftar, kami "
                                           "mengirim tautan masuk yang berlaku sekali selama 15 menit."),
        "email": "Alamat e-mail", "send": "Kirim tautan masuk", "bad_address": "Tulis alamat e-mail yang sah, misalnya nama@instansi.go.id.",
        "sent_title": "Periksa kotak surat Anda",
        "sent": ("Jika {email} terdaftar di KIPP, tautan masuk sudah kami kirim ke alamat itu. Tautan berlaku "
                 "{minutes} menit dan hanya sekali. Tidak menerima e-mail? Periksa folder spam, atau hubungi "
                 "Sekretariat KIPP."),
        "confirm_title": "Masuk sebagai {email}?", "confirm": "Tekan tombol di bawah untuk masuk.",
        "confirm_button": "Masuk", "dead_link": "Tautan tidak berlaku",
        "dead_link_text": ("Tautan ini sudah dipakai, sudah kedaluwarsa, atau tidak dikenal. Minta tautan baru di "
                           "halaman masuk."),
        "expired": "Formulir kedaluwarsa", "expired_text": ("Formulir ini kedaluwarsa atau tidak sah; tidak ada yang "
                                                           "diubah. Muat ulang halaman lalu coba lagi."),
        "too_many": "Terlalu banyak permintaan", "too_many_text": ("Terlalu banyak permintaan tautan dari alamat atau "
                                                                 "perangkat ini. Coba lagi dalam 15 menit."),
        "signed_out": "Anda telah keluar", "signed_out_text": "Anda telah keluar dari semua halaman KIPP.",
        "again": "Masuk lagi", "signed_in": "Anda sudah masuk sebagai {name} ({email}).",
        "go_to": "Lanjutkan ke:", "desk": "Meja masuk", "sign_out": "Keluar",
    },
    "en": {
        "title": "Sign in to KIPP", "intro": ("Enter your e-mail address. If it is registered, we send a sign-in "
                                             "link that works once, for 15 minutes."),
        "email": "E-mail address", "send": "Send sign-in link", "bad_address": "Write a valid e-mail address, such as name@agency.go.id.",
        "sent_title": "Check your inbox",
        "sent": ("If {email} is registered with KIPP, a sign-in link is on its way to it. The link works once, "
                 "for {minutes} minutes. No e-mail? Look in the spam folder, or contact the KIPP Secretariat."),
        "confirm_title": "Sign in as {email}?", "confirm": "Press the button below to sign in.",
        "confirm_button": "Sign in", "dead_link": "This link does not work",
        "dead_link_text": "This link was used already, has expired, or is unknown. Ask for a new one on the sign-in page.",
        "expired": "The form has expired", "expired_text": ("This form has expired or is not valid; nothing was "
                                                           "changed. Reload the page and try again."),
        "too_many": "Too many requests", "too_many_text": ("Too many sign-in links were asked for from this address "
                                                         "or device. Try again in 15 minutes."),
        "signed_out": "You have signed out", "signed_out_text": "You have signed out of every KIPP page.",
        "again": "Sign in again", "signed_in": "You are signed in as {name} ({email}).",
        "go_to": "Continue to:", "desk": "Sign-in desk", "sign_out": "Sign out",
    },
}
