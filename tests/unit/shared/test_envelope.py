import json

import pytest

from shared.events import types
from shared.events.contracts import validate
from shared.events.envelope import InvalidEvent, decode, encode, new_event, schema_version


def test_new_event_is_a_cloudevent_with_request_id():
    event = new_event(types.ENTRY_WITHDRAWN, "e-1", {"entry_id": "e-1"}, "kipp/intake", request_id="rid-9")
    assert event["specversion"] == "1.0" and event["subject"] == "e-1"
    assert event["dataschema"] == "urn:kipp:entry.withdrawn:1"
    assert event["kipprequestid"] == "rid-9"
    assert event["time"].endswith("Z")


@pytest.mark.parametrize("raw, why", [
    (None, "no value"), (b"\xff\xfe", "UTF-8"), (b"[1,2]", "object"), (b'{"specversion":"1.0"}', "missing"),
    (b'{"specversion":"0.3","id":"1","source":"s","type":"t","data":{}}', "specversion"),
    (b'{"specversion":"1.0","id":"1","source":"s","type":"t","data":"x"}', "data"),
])
def test_decode_refuses_what_is_not_a_cloudevent(raw, why):
    with pytest.raises(InvalidEvent, match=why):
        decode(raw)


def test_encode_decode_round_trip_keeps_unicode():
    event = new_event(types.STAGE_CLOSED, "c", {"competition_id": "c", "stage": "évaluasi", "closed_at": "x"}, "s")
    assert decode(encode(event)) == json.loads(json.dumps(event))


def test_contract_names_the_missing_field():
    event = new_event(types.REVIEW_SCORED, "e", {"entry_id": "e"}, "kipp/review")
    with pytest.raises(InvalidEvent, match="judge_id"):
        validate(event)


def test_contract_accepts_extra_optional_fields():
    data = {"entry_id": "e", "competition_id": "c", "award": "top45", "note": "tambahan"}
    assert validate(new_event(types.ENTRY_AWARDED, "e", data, "kipp/review"))


def test_unknown_type_is_invalid():
    with pytest.raises(InvalidEvent, match="unknown event type"):
        validate(new_event("kipp.entry.teleported", "e", {}, "x"))


def test_schema_version_reads_the_urn():
    assert schema_version({"dataschema": "urn:kipp:entry.submitted:2"}) == 2
    assert schema_version({}) == 1
