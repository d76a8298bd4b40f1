"""review's rules, one error type each; the shared web edge maps them to problem+json."""
from shared.errors import Invalid, NotFound, RuleBroken

__all__ = ["Invalid", "NotFound", "RuleBroken", "StageClosed", "NotThisKindOfStage", "Unassignable",
           "NoJudgeAvailable", "AssignmentNotOpen", "JudgeExists", "FieldErrors", "InvalidScores",
           "Busy", "StageNotClosed", "NoProposal", "ShortlistPublished", "JudgeNotAvailable", "NotOnPanel",
           "NothingLate", "ShortlistNotPublished", "ObjectionWindowClosed", "NotShortlisted", "DuplicateObjection",
           "AlreadyResolved", "ReasonRequired", "InvalidDecision"]


class StageClosed(RuleBroken):
    rule = "stage-closed"


class NotThisKindOfStage(RuleBroken):
    rule = "wrong-stage-kind"


class Unassignable(RuleBroken):
    """No valid assignment exists; `entries` (and `judges`) in the reply say why."""

    rule = "assignment-infeasible"


class NoJudgeAvailable(RuleBroken):
    rule = "no-judge-available"


class AssignmentNotOpen(RuleBroken):
    rule = "assignment-not-open"


class JudgeExists(RuleBroken):
    rule = "judge-exists"


class FieldErrors(RuleBroken):
    """Several fields break rules at once: `errors` maps each field to its messages, a message
    being text or a (code, params) pair the edge words in the reader's language."""

    status = 422
    rule = "invalid"

    def __init__(self, detail: str, errors: dict):
        super().__init__(detail, errors=errors)


class InvalidScores(FieldErrors):
    """Scores that break the rubric; `errors` names each bad criterion as scores.<key>."""

    rule = "invalid-scores"


class Busy(RuleBroken):
    """The store could not take the change yet (its events are still being published): retry."""

    status = 503
    rule = "busy"


class StageNotClosed(RuleBroken):
    rule = "stage-not-closed"


class NoProposal(RuleBroken):
    rule = "no-shortlist-proposal"


class ShortlistPublished(RuleBroken):
    rule = "shortlist-published"


class JudgeNotAvailable(RuleBroken):
    """The judge may not sit on this panel (inactive, or registered for other competitions or stages)."""

    rule = "judge-not-available"


class NotOnPanel(RuleBroken):
    """Releasing a judge who is not on the stage's panel."""

    status = 404
    rule = "not-on-panel"


class NothingLate(RuleBroken):
    """A reminder for a judge with no late work in the stage."""

    rule = "nothing-late"


class ShortlistNotPublished(RuleBroken):
    rule = "shortlist-not-published"


class ObjectionWindowClosed(RuleBroken):
    """Filing outside the window; the reply carries `opens_at` and `closes_at`."""

    rule = "objection-window-closed"


class NotShortlisted(RuleBroken):
    status = 422
    rule = "not-shortlisted"


class DuplicateObjection(RuleBroken):
    rule = "duplicate-objection"


class AlreadyResolved(RuleBroken):
    rule = "already-resolved"


class ReasonRequired(RuleBroken):
    status = 422
    rule = "reason-required"


class InvalidDecision(RuleBroken):
    status = 422
    rule = "invalid-decision"
