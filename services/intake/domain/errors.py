"""intake's rules, one error type each; the web edge maps them to problem+json in one place."""
from __future__ import annotations

from shared.errors import Invalid, NotFound, RuleBroken

__all__ = ["Invalid", "NotFound", "RuleBroken", "NotADraft", "NotSubmitted", "WindowClosed", "DuplicateTitle",
           "AgencyCap", "AlreadyScreened", "Ineligible", "IdempotencyMismatch",
           "NotAPdf", "DeclaredNotPdf", "NameNotPdf", "FileTooLarge", "TooManyAttachments"]


class NotADraft(RuleBroken):
    rule = "not-a-draft"


class NotSubmitted(RuleBroken):
    rule = "not-submitted"


class WindowClosed(RuleBroken):
    rule = "window-closed"


class DuplicateTitle(RuleBroken):
    rule = "duplicate-title"


class AgencyCap(RuleBroken):
    rule = "agency-cap"


class AlreadyScreened(RuleBroken):
    rule = "already-screened"


class TooManyAttachments(RuleBroken):
    rule = "too-many-attachments"


class IdempotencyMismatch(RuleBroken):
    status = 422
    rule = "idempotency-key-reused"


class NotAPdf(RuleBroken):
    status = 415
    rule = "not-a-pdf"


class DeclaredNotPdf(RuleBroken):
    status = 415
    rule = "declared-type-not-pdf"


class NameNotPdf(RuleBroken):
    status = 415
    rule = "name-not-pdf"


class FileTooLarge(RuleBroken):
    status = 413
    rule = "file-too-large"


class Ineligible(RuleBroken):
    """One or more rules of DESIGN §6 refuse a draft's fields or its submission; all of them are named."""
    status = 422

    def __init__(self, violations: list):
        first = violations[0]
        errors: dict = {}
        for violation in violations:
            errors.setdefault(violation.field, []).append(f"{violation.rule}: {violation.detail}")
        listed = [{"rule": v.rule, "field": v.field, "detail": v.detail, **({"params": v.params} if v.params else {})}
                  for v in violations]
        super().__init__(first.detail, first.field, errors=errors, violations=listed)
        self.rule = first.rule
        self.violations = violations
