"""notify's worker: consumes entries, reviews, competitions and accounts, sends the mail, relays the outcomes
and the accounts' events."""
from __future__ import annotations

from shared.mongo.indexes import ensure_indexes
from shared.worker import configure_logging, serve
from services.notify import config
from services.notify.bootstrap import CONSUMED, bootstrap
from services.notify.entrypoints.loops import SchedulerLoop, SenderLoop
from services.notify.handlers import EVENTS


def main() -> None:
    configure_logging()
    settings = config.load()
    deps = bootstrap(settings)
    ensure_indexes(deps)
    sender = SenderLoop(deps)
    deps.hint = sender.hint
    # small polls and a long poll interval: a slow store (or a sender far behind) must not get
    # this worker thrown out of its group halfway through a poll
    serve(settings, deps, CONSUMED, EVENTS, [deps.deliveries.collection, deps.accounts.accounts],
          [sender.run, SchedulerLoop(deps).run], max_poll_records=50, max_poll_interval_ms=600_000)


if __name__ == "__main__":
    main()
