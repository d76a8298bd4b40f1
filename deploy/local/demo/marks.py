"""How far each judge got, and the marks they gave: the same on every run (drawn from the ids).

Judges work at their own pace (some done, some not started; about half of all assignments scored) and
mark in their own way (some strict, some generous), which is what the z-score normalisation is for.
"""
from __future__ import annotations

import random
from collections import defaultdict

# the share of their assignments each judge has scored, by the judge's place in the registry
PACE = [0.5, 1.0, 0.75, 0.25, 0.6, 0.0, 1.0, 0.4, 0.5, 0.3, 0.8, 0.2, 0.6, 0.2]
COMMENTS = [
    "Masalah dirumuskan dengan jelas dan didukung data; dampak perlu dibuktikan dengan survei yang lebih luas.",
    "Kebaruan terlihat pada cara layanan didatangkan ke warga. Bukti keberlanjutan anggaran masih tipis.",
    "Replikasi ke daerah lain sudah terjadi; uraian sumber daya perlu lebih rinci.",
    "Inovasi relevan dengan kebutuhan kelompok rentan, namun indikator keberhasilan belum terukur.",
    "Dokumentasi implementasi baik. Perlu data pembanding sebelum dan sesudah inovasi.",
]


def to_score(assignments: list[dict], judge_order: list[str]) -> list[dict]:
    """The assignments the judges have scored by now: each judge's first share of their own, by id."""
    by_judge = defaultdict(list)
    for assignment in assignments:
        by_judge[assignment["judge_id"]].append(assignment)
    chosen = []
    for judge_id, own in sorted(by_judge.items()):
        place = judge_order.index(judge_id) if judge_id in judge_order else len(judge_order)
        share = PACE[place % len(PACE)]
        chosen += sorted(own, key=lambda a: a["id"])[:round(share * len(own))]
    return chosen


def marks(entry_id: str, judge_id: str, criteria: list[str]) -> dict:
    """A judge's scores (0-100) for an entry: its quality, the judge's leaning, and a judgement per criterion."""
    quality = random.Random(f"quality|{entry_id}").gauss(70, 9)
    leaning = random.Random(f"leaning|{judge_id}").gauss(0, 6)
    rng = random.Random(f"marks|{entry_id}|{judge_id}")
    scores = {key: max(0, min(100, round(quality + leaning + rng.gauss(0, 7)))) for key in criteria}
    return {"scores": scores, "comment": rng.choice(COMMENTS)}
