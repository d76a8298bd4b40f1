"""A late judge is reminded: kipp.judge.reminded becomes one mail to the judge, in their account's language,
listing the late work and the way to the judges' room; panel appointments mail no one."""
from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace

from shared.events import contracts, types
from shared.events.envelope import new_event
from services.notify.handlers import mail
from tests.unit.notify.fakes import FakeStore, fake_deps

NOW = datetime(2026, 4, 20, 2, 0, tzinfo=timezone.utc)
LATE = [{"assignment_id": "a1", "entry_id": "e1", "title": "Puskesmas Keliling", "due_at": "2026-04-15T16:59:59Z"},
        {"assignment_id": "a2", "entry_id": "e2", "title": "Sekolah Pesisir", "due_at": "2026-04-15T16:59:59Z"}]


class Accounts:
    def __init__(self, **found):
        self.found = found

    def get(self, email):
        return self.found.get(email)


def deps(**accounts):
    found = fake_deps()
    found.settings = SimpleNamespace(mail_from="KIPP <noreply@kipp.local>",
                                     public_urls={"review": "https://kipp.example/review"})
    found.accounts = Accounts(**accounts)
    found.store = FakeStore()
    found.store.save_competition({"id": "kipp-2026", "name": "KIPP 2026"})
    return found


def reminded(email: str = "Sri@Univ.ac.id") -> dict:
    data = {"judge_id": "juri-07", "judge_email": email, "judge_name": "Dr. Sri Wahyuni", "competition_id": "kipp-2026",
            "stage": "evaluasi", "assignments": LATE, "reminded_at": "2026-04-20T02:00:00Z"}
    return contracts.validate(new_event(types.JUDGE_REMINDED, "juri-07", data, "kipp/review"))


def test_the_judge_gets_one_reminder_listing_the_late_work():
    found = deps(**{"sri@univ.ac.id": {"language": "en"}})
    event = reminded()
    mail.on_event(found, event, NOW)
    mail.on_event(found, event, NOW)  # redelivered: the same delivery, not a second one
    (delivery,) = found.deliveries.queued()
    assert delivery["template"] == "reminder" and delivery["recipient"] == "sri@univ.ac.id"
    assert delivery["language"] == "en" and delivery["entry_ids"] == ["e1", "e2"]
    rendered = found.templates.render("reminder", "en", delivery["context"])
    assert "2 proposals" in rendered.subject and "Puskesmas Keliling" in rendered.text
    assert "https://kipp.example/review/judge/assignments" in rendered.text and "KIPP 2026" in rendered.text


def test_without_an_account_the_reminder_is_in_bahasa_indonesia():
    found = deps()
    mail.on_event(found, reminded("juri@univ.ac.id"), NOW)
    (delivery,) = found.deliveries.queued()
    rendered = found.templates.render("reminder", delivery["language"], delivery["context"])
    assert delivery["language"] == "id" and rendered.text.startswith("Yth. Dr. Sri Wahyuni")
    assert "melewati batas waktu" in rendered.subject


def test_panel_appointments_mail_no_one():
    found = deps()
    for kind in (types.JUDGE_APPOINTED, types.JUDGE_RELEASED):
        data = {"judge_id": "juri-07", "competition_id": "kipp-2026", "stage": "evaluasi", "at": "2026-04-01T00:00:00Z"}
        mail.on_event(found, contracts.validate(new_event(kind, "juri-07", data, "kipp/review")), NOW)
    assert found.deliveries.queued() == [] and found.batches.with_items() == []
