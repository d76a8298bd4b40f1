"""A minimal worker built from the shared consumer pieces, for testing their guarantees.

It consumes `<ns>.entries`, records one `effects` document per applied event, then
pauses a little so a test can kill it mid-batch.

Its effect is idempotent the way every real handler's is (keyed by the event), because the
shared de-duplication cannot close the window between applying and marking on a store
without transactions: a kill inside it applies the event again on redelivery. Such a
second application is counted in `reapplied`; a redelivery that de-duplication stopped is
counted in `skips`.
"""
from __future__ import annotations

import os
import sys
import threading
import time
import uuid

from pymongo import MongoClient
from pymongo.errors import DuplicateKeyError

from shared.kafka.consumer import ConsumerLoop, DeadLetters, make_consumer
from shared.kafka.producer import make_producer
from shared.mongo.dedup import apply_once
from shared.worker import install_stop_signals


def main() -> None:
    namespace, bootstrap, mongo_uri = sys.argv[1], sys.argv[2], sys.argv[3]
    pause = float(os.environ.get("TALLY_PAUSE", "0.03"))
    db = MongoClient(mongo_uri)[f"{namespace}_tally"]
    group = f"{namespace}.tally"

    def apply(event):
        try:
            db.effects.insert_one({"_id": event["id"], "event_id": event["id"]})
        except DuplicateKeyError:
            db.reapplied.insert_one({"_id": str(uuid.uuid4()), "event_id": event["id"]})

    def handle(event):
        if not apply_once(db, event, apply):
            db.skips.insert_one({"_id": str(uuid.uuid4()), "event_id": event["id"]})
        time.sleep(pause)

    stop = threading.Event()
    install_stop_signals(stop)
    consumer = make_consumer(bootstrap, group, [f"{namespace}.entries"])
    loop = ConsumerLoop(consumer, handle, DeadLetters(make_producer(bootstrap), group), stop)
    loop.run()
    consumer.close()


if __name__ == "__main__":
    main()
