"""The proposal's sections (the 2023 form's eight), written from the idea, its theme and a few figures."""
from __future__ import annotations

import random
from datetime import date


def sections(rng: random.Random, idea, theme, agency: str, since: date) -> dict:
    """Each section a few sentences, well within its word limit, with figures that differ per entry."""
    reached = _thousands(rng.randrange(800, 45000, 50))
    before, after = rng.randint(5, 21), rng.randint(1, 4)
    budget = _thousands(rng.randrange(75, 1900, 25))
    partners = rng.randint(3, 12)
    replicas = rng.randint(1, 6)
    return {
        "ringkasan": f"{idea.name} ({idea.what}) adalah inovasi {agency} sejak {since.year} untuk {theme.people}. "
                     f"Inovasi ini menjawab masalah {theme.problem}, dan kini menjangkau {reached} warga.",
        "latar_belakang": f"Sebelum {since.year}, pelayanan terhambat oleh {theme.problem}. Warga harus datang "
                          f"berulang kali dan menunggu rata-rata {before} hari. Data pengaduan dan survei kepuasan "
                          f"menunjukkan bahwa {theme.people} paling dirugikan oleh keadaan ini.",
        "kebaruan": f"Untuk pertama kalinya layanan didatangkan ke warga, bukan sebaliknya: {idea.what.lower()} "
                    f"menyatukan pendataan, layanan dan pemantauan dalam satu alur yang dapat dipantau pimpinan.",
        "implementasi": f"Dimulai sebagai uji coba di dua kecamatan pada {since.year}, lalu diperluas ke seluruh "
                        f"wilayah dengan surat keputusan kepala daerah dan standar pelayanan yang diumumkan.",
        "signifikansi": f"Waktu layanan turun dari {before} hari menjadi {after} hari, dan {theme.outcome}. "
                        f"Sebanyak {reached} warga telah dilayani; pengaduan menurun dan indeks kepuasan "
                        f"masyarakat naik pada survei terakhir.",
        "adaptabilitas": f"Inovasi ini telah direplikasi oleh {replicas} daerah lain melalui studi tiru dan "
                         f"pendampingan teknis, karena prosedurnya sederhana dan biayanya rendah.",
        "sumber_daya": f"Dijalankan oleh petugas {agency} bersama {partners} mitra (puskesmas, sekolah, desa, dan "
                       f"komunitas), dengan anggaran sekitar Rp{budget} juta per tahun dari APBD.",
        "keberlanjutan": "Inovasi ditetapkan dalam peraturan kepala daerah, masuk rencana strategis perangkat "
                         "daerah, dan anggarannya dialokasikan setiap tahun; petugas baru dilatih oleh petugas lama.",
    }


def _thousands(number: int) -> str:
    """12.500, as Indonesian writes it."""
    return f"{number:,}".replace(",", ".")
