"""Sample data for previewing each template (GET /api/v1/templates/{name}/preview). No I/O."""
from __future__ import annotations

ENTRY = {"entry_id": "contoh-0001", "title": "Layanan Kesehatan Keliling Pulau (Sehati)",
         "agency_name": "Dinas Kesehatan Kota Makassar", "region_code": "73.71", "region_name": "Kota Makassar",
         "province_code": "73", "province_name": "Sulawesi Selatan", "category": "kesehatan", "group": "umum",
         "competition_id": "kipp-2026", "competition_name": "Kompetisi Inovasi Pelayanan Publik 2026",
         "submitted_at": "2026-03-10T09:59:59.123Z"}
EVENT = {"stage": None, "to_stage": None, "decision": None, "reason": None, "rank": None, "score": None,
         "award": None, "event_time": "2026-03-20T03:00:00.000Z"}
STATUS = {
    "receipt": {},
    "screened": {"stage": "administrasi", "decision": "eligible", "reason": None},
    "advanced": {"stage": "evaluasi", "to_stage": "wawancara", "rank": 12, "score": 87.45},
    "eliminated": {"stage": "evaluasi", "to_stage": None, "rank": 140, "score": 61.2,
                   "reason": "Nilai di bawah batas Top 99"},
    "awarded": {"stage": "wawancara", "award": "top45"},
}


def sample_context(name: str, lang: str) -> dict | None:
    """Template variables that exercise `name`; None when there is no such template."""
    if name in STATUS:
        return {**ENTRY, **EVENT, **STATUS[name], "recipient_name": "Admin Lokal Kota Makassar", "lang": lang}
    if name == "assignment":
        return {"recipient_name": "Dr. Sri Wahyuni", "lang": lang, "judge_id": "juri-07",
                "competition_id": ENTRY["competition_id"], "competition_name": ENTRY["competition_name"],
                "stage": "evaluasi", "due_at": "2026-04-15T16:59:59.000Z",
                "entries": [{**{k: ENTRY[k] for k in ("entry_id", "title", "agency_name", "region_name",
                                                        "category")}, "due_at": "2026-04-15T16:59:59.000Z"},
                            {"entry_id": "contoh-0002", "title": "Sekolah Pesisir Digital",
                             "agency_name": "Dinas Pendidikan Kabupaten Bantaeng", "region_name": "Kabupaten Bantaeng",
                             "category": "pendidikan", "due_at": "2026-04-15T16:59:59.000Z"}]}
    if name == "reminder":
        return {"recipient_name": "Dr. Sri Wahyuni", "lang": lang, "judge_id": "juri-07",
                "competition_id": ENTRY["competition_id"], "competition_name": ENTRY["competition_name"],
                "stage": "evaluasi", "room": "http://127.0.0.1:8002/judge/assignments",
                "entries": [{"entry_id": ENTRY["entry_id"], "title": ENTRY["title"], "due_at": "2026-04-15T16:59:59.000Z"}]}
    if name == "digest":
        receipt = {**ENTRY, **EVENT, "template": "receipt", "event_id": "e1", "day": "2026-03-10",
                   "time": "2026-03-10T09:59:59+00:00"}
        passed = {**receipt, **STATUS["screened"], "template": "screened", "event_id": "e2"}
        return {"recipient_name": "Admin Lokal Sulawesi Selatan", "lang": lang, "day": "2026-03-10",
                "items": [receipt, passed]}
    if name == "signin":
        return {"recipient_name": "Andi Pratama", "lang": lang, "minutes": 15,
                "link": "http://127.0.0.1:8003/masuk/tautan/contoh-rahasia-sekali-pakai"}
    return None
