"""notify's rules, one error type each; the shared web edge maps them to problem+json."""
from shared.errors import Invalid, NotFound, RuleBroken

__all__ = ["Invalid", "NotFound", "RuleBroken", "UnknownRegion", "UnknownTemplate"]


class UnknownRegion(NotFound):
    """The code is well formed but names no province or kabupaten/kota."""


class UnknownTemplate(NotFound):
    """No template by that name."""
