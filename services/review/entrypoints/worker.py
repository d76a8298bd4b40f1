"""review's worker: consumes competitions, entries and accounts, and relays the outboxes of kipp.reviews."""
from __future__ import annotations

from shared.mongo.indexes import ensure_indexes
from shared.worker import configure_logging, serve
from services.review import config
from services.review.bootstrap import CONSUMED, OUTBOXES, bootstrap
from services.review.handlers import EVENTS


def main() -> None:
    configure_logging()
    settings = config.load()
    deps = bootstrap(settings)
    ensure_indexes(deps)
    serve(settings, deps, CONSUMED, EVENTS, [deps.db[name] for name in OUTBOXES])


if __name__ == "__main__":
    main()
