"""Every mail names its competition, even when the entry's news reaches notify before the competition
does (another topic: nothing orders them)."""
from __future__ import annotations

import pytest

from tests import factories
from tests.integration.notify import support

pytestmark = pytest.mark.integration


def test_an_entry_that_comes_before_its_competition_waits_and_is_mailed_once_naming_it(notify, api, publisher,
                                                                                       sink):
    definition = factories.competition(name=f"Kompetisi Inovasi Gorontalo {factories.uid()}")
    cid = definition["id"]
    kota, province = support.contacts(api, "75.71", "en")[0], support.contacts(api, "75", "id")[0]
    entry = support.submitted("75.71", competition_id=cid)  # Kota Gorontalo
    readers = (kota, province, entry["data"]["contact"]["email"])
    publisher.publish_all([entry, support.screened(entry)])  # intake's and review's relays are ahead
    support.wait_settled(notify)
    assert [sink.messages(a) for a in readers] == [[], [], []]  # held: no mail without the competition's name
    assert requests_ok(api("GET", "/readyz")).json()["held_for_competition"] == {cid: 2}

    publisher.publish_all([support.published(definition)])
    title = entry["data"]["title"]
    for address in readers:
        received = sink.wait_for(address, 2)
        subjects = [str(m["Subject"]) for m in received]
        receipts = [s for s in subjects if s in (f"Proposal received: {title}", f"Tanda terima proposal: {title}")]
        screenings = [s for s in subjects if s.startswith(("Passed ", "Lolos ")) and s.endswith(title)]
        assert (len(receipts), len(screenings)) == (1, 1), subjects
        for message in received:
            text, html = support.parts(message)
            assert definition["name"] in text and definition["name"] in html
    support.wait_settled(notify)
    assert [len(sink.messages(a)) for a in readers] == [2, 2, 2]
    assert cid not in requests_ok(api("GET", "/readyz")).json()["held_for_competition"]


def requests_ok(response):
    assert response.status_code == 200, response.text
    return response
