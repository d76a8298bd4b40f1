"""Redelivered, re-sent and stale events change nothing; a rebuild from the topics equals the live model."""
from __future__ import annotations

import subprocess
import uuid

from tests import factories
from tests.integration.reporting import events as ev
from tests.support.poll import eventually
from tests.support.procs import VENV_BIN
from tests.support.stack import ROOT



def everything(api, judged) -> dict:
    """What the ministry can read about the competition: rankings, summary, every scorecard."""
    return {"rankings": api(f"/competitions/{judged.cid}/rankings", limit=500).json(),
            "summary": api(f"/competitions/{judged.cid}/summary").json(),
            "scorecards": [api(f"/entries/{entry_id}/scorecard").json() for entry_id in judged.ids]}


def test_replayed_and_stale_events_change_nothing(api, judged, publisher, settle):
    before = everything(api, judged)
    resent = [{**event, "id": str(uuid.uuid4())} for event in judged.events]  # the same facts under new event ids
    stale = {**next(iter(judged.first_revisions.values())), "id": str(uuid.uuid4())}  # revision 1 after revision 2
    publisher.publish_all(judged.events + resent + [stale])
    settle()
    assert everything(api, judged) == before


def test_rebuild_equals_live_and_the_live_worker_follows_the_swap(reporting, api, judged, publisher, settle, mongo):
    settle()
    live = everything(api, judged)
    result = subprocess.run([str(VENV_BIN / "kipp-reporting"), "rebuild"], cwd=ROOT, env=reporting.env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    rebuilt = f"{reporting.env['KIPP_NAMESPACE']}_reporting_rebuild_"
    assert "rebuild: replaying" in result.stdout and f"live read model is now {rebuilt}" in result.stdout
    pointer = mongo[f"{reporting.env['KIPP_NAMESPACE']}_reporting"].catalog.find_one({"_id": "current"})
    assert pointer["database"].startswith(rebuilt)
    eventually(lambda: everything(api, judged) == live, timeout=30, what="the rebuilt model to answer like the live one")

    later = factories.competition()  # published after the swap: the live worker must write it into the new model
    entry_id = factories.uid("e-")
    publisher.publish_all([ev.published(later), ev.submitted(later["id"], entry_id, "52.71", "ekonomi", "2026-03-09T01:00:00Z")])
    settle()
    assert api(f"/competitions/{later['id']}/summary").json()["total"] == 1
    assert mongo[pointer["database"]].competitions.find_one({"_id": later["id"]}) is not None
