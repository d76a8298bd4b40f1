"""reporting's refusals; the shared web edge maps them to problem+json."""
from shared.errors import Invalid, NotFound, RuleBroken

__all__ = ["Invalid", "NotFound", "RuleBroken", "Loading"]


class Loading(RuleBroken):
    """The competition is still being loaded into this web process: 503, try again in a few seconds."""

    status = 503
    rule = "loading"

    def __init__(self, detail: str):
        super().__init__(f"{detail}; try again in a few seconds.", headers={"Retry-After": "5"})
