"""Every adapter declares its own indexes the MongoDB way (create_index); a worker creates them all at start."""
from __future__ import annotations


def ensure_indexes(deps) -> None:
    """Create the indexes of every adapter `deps` holds (each adapter with an ensure_indexes; idempotent)."""
    for part in vars(deps).values():
        # looked up on the type: a pymongo Database answers any attribute with a collection of that name
        if callable(getattr(type(part), "ensure_indexes", None)):
            part.ensure_indexes()
