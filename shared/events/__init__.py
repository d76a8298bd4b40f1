"""Event envelope (CloudEvents 1.0, structured JSON) and the contracts of each event type."""
from shared.events.envelope import InvalidEvent, decode, encode, new_event

__all__ = ["InvalidEvent", "decode", "encode", "new_event"]
