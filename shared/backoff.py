"""Exponential backoff, once for every retry of the platform: a consumer's failing record, a batch the store
refused, an e-mail the SMTP server deferred, an idle relay's next look."""
from __future__ import annotations

import random


def delay(attempt: int, first: float, most: float, jitter: float = 0.0) -> float:
    """Seconds to wait before try `attempt` + 1 after `attempt` failures: `first`, doubling, at most `most`;
    `jitter` spreads it by that share either way (so many waiting clients do not all come back at once)."""
    wait = min(first * 2 ** max(attempt - 1, 0), most)
    return wait * (1 + random.uniform(-jitter, jitter)) if jitter else wait
