"""What the judging competition's agencies entered: innovations by category, the way agencies name them.

Each idea is entered by a few agencies of different regions, so a title is the idea's name and its
region ("SIGAP BUMIL: ... di Kabupaten Pinrang"), and the agency the unit of that region's government.
"""
from __future__ import annotations

from dataclasses import dataclass


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

DINKES, DISDIK, DUKCAPIL, DLH, DPMPTSP = ("Dinas Kesehatan", "Dinas Pendidikan",
                                          "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Lingkungan Hidup",
                                          "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu")
IDEAS = [
    Idea("kesehatan", "SIGAP BUMIL", "Sistem Informasi Gawat Darurat Ibu Hamil", DINKES),
    Idea("kesehatan", "PUSLING CERIA", "Puskesmas Keliling Cepat Respons Ibu dan Anak", DINKES),
    Idea("kesehatan", "GENTING", "Gerakan Entaskan Stunting dari Dapur Posyandu", DINKES),
    Idea("kesehatan", "SAPA LANSIA", "Kunjungan Rumah Terjadwal bagi Lansia", DINKES),
    Idea("kesehatan", "AMBULANS DESA", "Ambulans Siaga Desa Terhubung Panggilan Darurat 112",
         "Rumah Sakit Umum Daerah"),
    Idea("pendidikan", "GEMA BACA", "Gerakan Masyarakat Gemar Membaca di Balai Desa",
         "Dinas Perpustakaan dan Kearsipan"),
    Idea("pendidikan", "KELAS JAUH", "Kelas Jarak Jauh untuk Anak Pulau Terluar", DISDIK),
    Idea("pendidikan", "BEASISWA TUNTAS", "Beasiswa Wajib Belajar 12 Tahun bagi Anak Nelayan", DISDIK),
    Idea("pendidikan", "SI PINTAR", "Sistem Informasi Pemetaan Anak Tidak Sekolah", DISDIK),
    Idea("pendidikan", "GURU KUNJUNG", "Guru Kunjung bagi Anak Berkebutuhan Khusus", DISDIK),
    Idea("ekonomi", "KEDAI UMKM", "Izin dan Pendampingan UMKM dalam Satu Hari", "Dinas Koperasi dan Usaha Mikro"),
    Idea("ekonomi", "PASAR DARING", "Pasar Tradisional Daring dengan Kurir Ojek Lokal", "Dinas Perdagangan"),
    Idea("ekonomi", "SIMANTAP TANI", "Informasi Harga dan Pasar Hasil Tani", "Dinas Pertanian"),
    Idea("ekonomi", "KUR DESA", "Kredit Usaha Rakyat Berbasis BUMDes", "Dinas Pemberdayaan Masyarakat dan Desa"),
    Idea("ekonomi", "NELAYAN TANGGUH", "Asuransi dan Pencatatan Tangkapan Nelayan Kecil",
         "Dinas Kelautan dan Perikanan"),
    Idea("tata_kelola", "MPP MINI", "Mal Pelayanan Publik Mini di Kecamatan", DPMPTSP),
    Idea("tata_kelola", "SIPANDU", "Pengaduan Terpadu dengan Jaminan Tanggapan Tiga Hari",
         "Bagian Organisasi Sekretariat Daerah"),
    Idea("tata_kelola", "IZIN KILAT", "Izin Usaha Mikro Selesai dalam Satu Jam", DPMPTSP),
    Idea("tata_kelola", "PAJAK SEKALI KLIK", "Pembayaran Pajak Daerah Nontunai", "Badan Pendapatan Daerah"),
    Idea("tata_kelola", "DESA TERBUKA", "Papan Informasi Digital Anggaran Desa", "Inspektorat"),
    Idea("kependudukan", "DUKCAPIL JEMPUT BOLA", "Perekaman KTP-el di Sekolah dan Panti", DUKCAPIL),
    Idea("kependudukan", "PAKET LAHIR", "Akta Kelahiran, Kartu Keluarga dan KIA Terbit di Ruang Bersalin", DUKCAPIL),
    Idea("kependudukan", "ADMINDUK DESA", "Layanan Administrasi Kependudukan di Kantor Desa", DUKCAPIL),
    Idea("kependudukan", "SI DUKA", "Pencatatan Kematian Terpadu dari Rumah Ibadah dan Rumah Sakit", DUKCAPIL),
    Idea("kependudukan", "KIA CERIA", "Kartu Identitas Anak untuk Layanan Ramah Anak", DUKCAPIL),
    Idea("lingkungan", "BANK SAMPAH DIGITAL", "Tabungan Sampah Terpilah dengan Aplikasi", DLH),
    Idea("lingkungan", "KAMPUNG IKLIM", "Program Kampung Iklim Berbasis Kelurahan", DLH),
    Idea("lingkungan", "SUNGAI BERSIH", "Pemulihan Sungai Bersama Komunitas", DLH),
    Idea("lingkungan", "MAGGOT BERDAYA", "Pengolahan Sampah Organik dengan Maggot", DLH),
    Idea("lingkungan", "DESA TERANG", "Penerangan Jalan Tenaga Surya di Desa Terpencil",
         "Dinas Perumahan dan Kawasan Permukiman"),
    Idea("infrastruktur", "JALAN MULUS", "Laporan Jalan Rusak dengan Foto dan Titik Lokasi",
         "Dinas Pekerjaan Umum dan Penataan Ruang"),
    Idea("infrastruktur", "AIR UNTUK SEMUA", "Sambungan Air Minum bagi Keluarga Berpenghasilan Rendah",
         "Perumda Air Minum", "bumd"),
    Idea("infrastruktur", "BUS SEKOLAH", "Angkutan Sekolah Gratis bagi Siswa Pinggiran Kota", "Dinas Perhubungan"),
    Idea("infrastruktur", "RUMAH LAYAK", "Bedah Rumah Tidak Layak Huni Bersama Swadaya Warga",
         "Dinas Perumahan dan Kawasan Permukiman"),
    Idea("infrastruktur", "SANITASI TUNTAS", "Jamban Sehat untuk Desa Bebas Buang Air Sembarangan",
         "Dinas Pekerjaan Umum dan Penataan Ruang"),
    Idea("sosial", "DTKS TERPADU", "Pemutakhiran Data Kesejahteraan Sosial oleh Kader Desa", "Dinas Sosial"),
    Idea("sosial", "RUMAH INKLUSI", "Layanan Terpadu Penyandang Disabilitas", "Dinas Sosial"),
    Idea("sosial", "SAHABAT ANAK", "Pendampingan Anak Korban Kekerasan Satu Atap",
         "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    Idea("sosial", "PEKERJA TERLINDUNGI", "Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan", "Dinas Tenaga Kerja"),
    Idea("sosial", "LANSIA BAHAGIA", "Posyandu Lansia Terpadu dengan Layanan Sosial", "Dinas Sosial"),
]

# why the secretariat found an entry ineligible at the administrative stage
INELIGIBLE_REASONS = [
    "Bukti implementasi minimal dua tahun tidak dilampirkan; laporan yang ada baru mencakup satu tahun.",
    "Video inovasi tidak dapat diputar dan dokumen pendukung tidak lengkap.",
    "Isian kebaruan menggambarkan program rutin instansi, bukan inovasi pelayanan publik.",
    "Inovasi yang sama telah diajukan oleh instansi lain di daerah ini sebagai inovasi replikasi.",
]
