"""When each partition held by a failing record may try it again: exponential backoff, capped."""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable

from shared import backoff


@dataclass
class Failing:
    """The record a partition waits on, how often it failed, and when it is due again."""

    offset: int
    attempts: int
    due: float


class Retries:
    """Backoff per partition: `first` seconds after the first failure, doubling up to `most`."""

    def __init__(self, first: float = 0.2, most: float = 5.0, clock: Callable[[], float] = time.monotonic):
        self.first, self.most, self.clock = first, most, clock
        self.waiting: dict = {}  # partition -> Failing

    def failed(self, partition, offset: int) -> Failing:
        """Note one more failure of the record at `offset`; a different record starts afresh."""
        previous = self.waiting.get(partition)
        attempts = previous.attempts + 1 if previous and previous.offset == offset else 1
        self.waiting[partition] = failing = Failing(offset, attempts,
                                                    self.clock() + backoff.delay(attempts, self.first, self.most))
        return failing

    def succeeded(self, partition) -> bool:
        """Forget the partition's failure; True when it had one."""
        return self.waiting.pop(partition, None) is not None

    def take_due(self) -> list:
        """Partitions whose wait is over, each returned once; they stay known (with their count of
        attempts) until their record succeeds or fails again."""
        now, due = self.clock(), []
        for partition, failing in self.waiting.items():
            if failing.due <= now:
                failing.due = math.inf  # being tried again: no longer waiting for time
                due.append(partition)
        return due

    def seconds_to_next(self) -> float | None:
        """How long until the next waiting partition is due, if any waits."""
        pending = [failing.due for failing in self.waiting.values() if failing.due != math.inf]
        return max(min(pending) - self.clock(), 0.0) if pending else None

    def forget(self, partition) -> None:
        """The partition is no longer this consumer's (a rebalance); its next owner starts over."""
        self.waiting.pop(partition, None)
