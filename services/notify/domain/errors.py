"""notify's rules, one error type each; the shared web edge maps them to problem+json."""
from shared.errors import Invalid, NotFound, RuleBroken, refusal

__all__ = ["Invalid", "NotFound", "RuleBroken", "UnknownRegion", "UnknownTemplate", "TooManyRequests", "DemoLinksOff"]


class UnknownRegion(NotFound):
    """The code is well formed but names no province or kabupaten/kota."""


class UnknownTemplate(NotFound):
    """No template by that name."""


TooManyRequests = refusal("too-many-requests", 429, doc="More sign-in links asked for an address (or from a "
                                                       "client) than the desk's limits allow.")
DemoLinksOff = refusal("demo-links-off", 403,
                       doc="Reusable sign-in links are for the local demo only (NOTIFY_DEMO_LINKS=1).")
