"""intake's rules, one error type each; the shared web edge maps them to problem+json."""
from shared.errors import Invalid, NotFound, RuleBroken

__all__ = ["Invalid", "NotFound", "RuleBroken", "NotADraft", "WindowClosed"]


class NotADraft(RuleBroken):
    rule = "not-a-draft"


class WindowClosed(RuleBroken):
    rule = "window-closed"
