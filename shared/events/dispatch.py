"""Event dispatch by a registry: each service's `handlers.EVENTS` names the handler of each event type its
worker consumes; types it does not name are passed over (another service's business)."""
from __future__ import annotations

from typing import Any, Callable

Handler = Callable[[Any, dict], Any]


def dispatcher(registry: dict[str, Handler], deps) -> Callable[[dict], None]:
    """The consumer loop's handler: `registry[event type](deps, event)`."""
    def handle(event: dict) -> None:
        handler = registry.get(event["type"])
        if handler is not None:
            handler(deps, event)
    return handle
