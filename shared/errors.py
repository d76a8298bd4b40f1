"""Domain errors every service raises; the web edge maps them to problem+json in one place."""
from __future__ import annotations

import sys
from typing import Callable


class NotFound(Exception):
    """The thing does not exist or is not visible to the caller (both answer 404)."""


def only_if_visible(found: dict | None, may_see: Callable[[dict], bool], what: str) -> dict:
    """`found` if it exists and `may_see` it; else NotFound, so a caller cannot tell another's from none."""
    if found is None or not may_see(found):
        raise NotFound(f"{what} not found")
    return found


class RuleBroken(Exception):
    """A business rule refused the request. Subclasses name the rule and its status."""

    status = 409
    rule = "rule"

    def __init__(self, detail: str, field: str | None = None, errors: dict | None = None, **extra):
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.extra = extra
        self._errors = errors

    @property
    def errors(self) -> dict | None:
        """{field: [messages]} for every field the refusal names (the one `field`, or the `errors` given)."""
        if self._errors:
            return self._errors
        return {self.field: [self.detail]} if self.field else None


class Invalid(RuleBroken):
    """A field breaks a rule (422)."""

    status = 422
    rule = "invalid"


def refusal(rule: str, status: int = 409, doc: str | None = None, base: type[RuleBroken] = RuleBroken) -> type:
    """The error type of one rule: named after it in CamelCase, answering `status` (409 unless said).
    Most rules need nothing but their name and status, so services list them as one line each."""
    name = "".join(part.capitalize() for part in rule.split("-"))
    module = sys._getframe(1).f_globals.get("__name__", __name__)  # as namedtuple does: the defining module
    return type(name, (base,), {"rule": rule, "status": status, "__doc__": doc or f"Refused: {rule}.",
                                "__module__": module})
