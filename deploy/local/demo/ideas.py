"""What the judging competition's agencies entered: innovations by category, the way agencies name them.

Each idea is entered by a few agencies of different regions, so a title is the idea's name and its
region ("SIGAP BUMIL: ... di Kabupaten Pinrang"), and the agency the unit of that region's government.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Idea:
    category: str
    name: str
    what: str
    unit: str  # the unit of a region's government that runs it ("Dinas Kesehatan")
    cluster: str | None = None  # None: the region's own level (provinsi, kabupaten, kota)


@dataclass(frozen=True)
class Theme:
    label: str
    problem: str
    people: str
    outcome: str
    sdgs: tuple[int, ...]


THEMES = {
    "kesehatan": Theme("Kesehatan", "rujukan yang terlambat dan fasilitas kesehatan yang jauh dari permukiman",
                       "ibu hamil, balita dan lansia", "waktu tunggu rujukan turun dan kunjungan layanan naik", (3,)),
    "pendidikan": Theme("Pendidikan", "anak putus sekolah dan rendahnya minat baca di desa",
                        "pelajar, guru dan orang tua", "angka partisipasi sekolah dan nilai literasi naik", (4,)),
    "ekonomi": Theme("Ekonomi dan UMKM", "perizinan usaha yang lambat dan pasar yang sulit dijangkau pelaku usaha",
                     "pelaku UMKM, petani dan nelayan", "omzet usaha kecil naik dan izin terbit lebih cepat", (8,)),
    "tata_kelola": Theme("Tata Kelola Pemerintahan", "layanan yang berbelit dan pengaduan yang tidak ditanggapi",
                         "warga dan pelaku usaha", "waktu layanan turun dan kepuasan masyarakat naik", (16,)),
    "kependudukan": Theme("Administrasi Kependudukan", "dokumen kependudukan yang terlambat terbit",
                          "warga di desa dan kelurahan terpencil", "cakupan akta kelahiran dan KTP-el naik", (16,)),
    "lingkungan": Theme("Lingkungan Hidup", "sampah yang tidak terkelola dan sungai yang tercemar",
                        "rumah tangga dan komunitas warga", "volume sampah ke TPA turun dan mutu air membaik", (6, 13)),
    "infrastruktur": Theme("Infrastruktur dan Transportasi", "jalan rusak, air bersih dan angkutan yang terbatas",
                           "warga di pinggiran dan pelajar", "akses air bersih dan angkutan umum meluas", (9, 11)),
    "sosial": Theme("Perlindungan Sosial", "bantuan sosial yang salah sasaran dan kelompok rentan yang terlewat",
                    "keluarga miskin, penyandang disabilitas dan anak", "bantuan tepat sasaran dan kasus tertangani",
                    (1, 10)),
}

# what agencies entered, by category (ideas.json): name, what it does, the unit that runs it, and the
# agency cluster when it is not the region's own level
IDEAS = [Idea(**row) for row in json.loads(Path(__file__).with_name("ideas.json").read_text(encoding="utf-8"))]

# why the secretariat found an entry ineligible at the administrative stage
INELIGIBLE_REASONS = [
    "Bukti implementasi minimal dua tahun tidak dilampirkan; laporan yang ada baru mencakup satu tahun.",
    "Video inovasi tidak dapat diputar dan dokumen pendukung tidak lengkap.",
    "Isian kebaruan menggambarkan program rutin instansi, bukan inovasi pelayanan publik.",
    "Inovasi yang sama telah diajukan oleh instansi lain di daerah ini sebagai inovasi replikasi.",
]
