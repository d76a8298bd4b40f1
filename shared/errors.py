"""Domain errors every service raises; the web edge maps them to problem+json in one place."""


class NotFound(Exception):
    """The thing does not exist or is not visible to the caller (both answer 404)."""


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
