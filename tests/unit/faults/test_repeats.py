"""The fault suite's rule for repeated mail (DESIGN §7): only a copy the sink accepted before a kill of
notify's worker, sent again after it, with the same Message-ID, and no more than one per sender thread."""
from datetime import datetime, timedelta, timezone

from tests.e2e.faults.checks import Mail, split_repeats

T0 = datetime(2026, 12, 6, 13, 40, tzinfo=timezone.utc)
KILL = (T0, T0 + timedelta(milliseconds=30))


def mail(mid: str, seconds: float) -> Mail:
    return Mail(mid, "receipt", "a@example.org", "Layanan 0123456789", T0 + timedelta(seconds=seconds))


def test_a_copy_accepted_before_the_kill_and_sent_again_after_it_is_allowed():
    allowed, not_allowed = split_repeats([mail("<m1>", -0.01), mail("<m1>", 9.5)], [KILL], in_flight=4)
    assert (allowed, not_allowed) == ({"<m1>": 2}, {})


def test_without_a_kill_every_repeat_is_refused():
    assert split_repeats([mail("<m1>", -0.01), mail("<m1>", 9.5)], [], in_flight=4) == ({}, {"<m1>": 2})


def test_both_copies_after_the_kill_are_refused():
    assert split_repeats([mail("<m1>", 1.0), mail("<m1>", 9.5)], [KILL], in_flight=4) == ({}, {"<m1>": 2})


def test_both_copies_before_the_kill_are_refused():
    assert split_repeats([mail("<m1>", -5.0), mail("<m1>", -0.5)], [KILL], in_flight=4) == ({}, {"<m1>": 2})


def test_a_third_copy_is_refused():
    copies = [mail("<m1>", -0.01), mail("<m1>", 9.5), mail("<m1>", 19.0)]
    assert split_repeats(copies, [KILL], in_flight=4) == ({}, {"<m1>": 3})


def test_no_more_repeats_per_kill_than_messages_in_flight():
    copies = [mail(f"<m{i}>", -0.01) for i in range(3)] + [mail(f"<m{i}>", 9.5) for i in range(3)]
    allowed, not_allowed = split_repeats(copies, [KILL], in_flight=2)
    assert len(allowed) == 2 and len(not_allowed) == 1


def test_single_copies_are_neither():
    assert split_repeats([mail("<m1>", 1.0), mail("<m2>", 2.0)], [KILL], in_flight=4) == ({}, {})
