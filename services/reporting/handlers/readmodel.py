"""reporting's event handler: each event into the read model (the worker, and `kipp-reporting rebuild`)."""
from __future__ import annotations

from shared.events import types as t
from services.reporting.ports import Batch
from services.reporting.domain import competitions, readmodel


def on_event(batch: Batch, event: dict) -> bool:
    """Merge one event into the batch's documents; True when it changed one."""
    if event["type"] == t.COMPETITION_PUBLISHED:
        return batch.change_competition(event["data"]["id"], lambda doc: competitions.published(doc, event))
    if event["type"] == t.STAGE_CLOSED:
        return batch.change_competition(event["data"]["competition_id"],
                                        lambda doc: competitions.stage_closed(doc, event))
    changed = False
    for entry_id in readmodel.entry_ids(event):
        changed |= batch.change_entry(entry_id, lambda doc, eid=entry_id: readmodel.merge(doc, event, eid))
    return changed
