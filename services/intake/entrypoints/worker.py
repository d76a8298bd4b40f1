"""intake's worker: the outbox relays of competitions and entries, and review's outcomes seen on <ns>.reviews."""
from __future__ import annotations

from shared.mongo.indexes import ensure_indexes
from shared.worker import configure_logging, serve
from services.intake import config
from services.intake.bootstrap import CONSUMED, bootstrap
from services.intake.handlers import EVENTS


def main() -> None:
    """Run the relays and the outcomes consumer until SIGTERM."""
    configure_logging()
    settings = config.load()
    deps = bootstrap(settings)
    ensure_indexes(deps)
    deps.store.add_areas()
    serve(settings, deps, CONSUMED, EVENTS, [deps.store.competitions, deps.store.entries])


if __name__ == "__main__":
    main()
