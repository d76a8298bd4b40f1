"""intake's rules, one error type each; the web edge maps them to problem+json in one place."""
from __future__ import annotations

from shared.errors import Invalid, NotFound, RuleBroken, refusal

__all__ = ["Invalid", "NotFound", "RuleBroken", "NotADraft", "NotSubmitted", "WindowClosed", "DuplicateTitle",
           "AgencyCap", "AlreadyScreened", "Ineligible",
           "NotAPdf", "DeclaredTypeNotPdf", "NameNotPdf", "FileTooLarge", "TooManyAttachments"]


NotADraft = refusal("not-a-draft")
NotSubmitted = refusal("not-submitted")
WindowClosed = refusal("window-closed")
DuplicateTitle = refusal("duplicate-title")
AgencyCap = refusal("agency-cap")
AlreadyScreened = refusal("already-screened")
TooManyAttachments = refusal("too-many-attachments")
NotAPdf = refusal("not-a-pdf", 415)
DeclaredTypeNotPdf = refusal("declared-type-not-pdf", 415)
NameNotPdf = refusal("name-not-pdf", 415)
FileTooLarge = refusal("file-too-large", 413)


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
