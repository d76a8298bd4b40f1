"""review's rules, one error type each; the shared web edge maps them to problem+json."""
from shared.errors import Invalid, NotFound, RuleBroken, refusal

__all__ = ["Invalid", "NotFound", "RuleBroken", "StageClosed", "WrongStageKind", "AssignmentInfeasible",
           "NoJudgeAvailable", "AssignmentNotOpen", "JudgeExists", "FieldErrors", "InvalidScores",
           "Busy", "StageNotClosed", "NoShortlistProposal", "ShortlistPublished", "JudgeNotAvailable", "NotOnPanel",
           "NothingLate", "ShortlistNotPublished", "ObjectionWindowClosed", "NotShortlisted", "DuplicateObjection",
           "AlreadyResolved", "ReasonRequired", "InvalidDecision"]


StageClosed = refusal("stage-closed")
WrongStageKind = refusal("wrong-stage-kind")
AssignmentInfeasible = refusal("assignment-infeasible",
                               doc="No valid assignment exists; `entries` (and `judges`) in the reply say why.")
NoJudgeAvailable = refusal("no-judge-available")
AssignmentNotOpen = refusal("assignment-not-open")
JudgeExists = refusal("judge-exists")


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


Busy = refusal("busy", 503,
               doc="The store could not take the change yet (its events are still being published): retry.")
StageNotClosed = refusal("stage-not-closed")
NoShortlistProposal = refusal("no-shortlist-proposal")
ShortlistPublished = refusal("shortlist-published")
JudgeNotAvailable = refusal("judge-not-available", doc="The judge may not sit on this panel (inactive, or "
                                                       "registered for other competitions or stages).")
NotOnPanel = refusal("not-on-panel", 404, doc="Releasing a judge who is not on the stage's panel.")
NothingLate = refusal("nothing-late", doc="A reminder for a judge with no late work in the stage.")
ShortlistNotPublished = refusal("shortlist-not-published")
ObjectionWindowClosed = refusal("objection-window-closed",
                                doc="Filing outside the window; the reply carries `opens_at` and `closes_at`.")
NotShortlisted = refusal("not-shortlisted", 422)
DuplicateObjection = refusal("duplicate-objection")
AlreadyResolved = refusal("already-resolved")
ReasonRequired = refusal("reason-required", 422)
InvalidDecision = refusal("invalid-decision", 422)
