"""Event type names (DESIGN §3) and the topic each one travels on."""

COMPETITION_PUBLISHED = "kipp.competition.published"
ENTRY_SUBMITTED = "kipp.entry.submitted"
ENTRY_WITHDRAWN = "kipp.entry.withdrawn"
ENTRY_SCREENED = "kipp.entry.screened"
ASSIGNMENT_CREATED = "kipp.assignment.created"
REVIEW_SCORED = "kipp.review.scored"
ENTRY_ADVANCED = "kipp.entry.advanced"
ENTRY_ELIMINATED = "kipp.entry.eliminated"
ENTRY_AWARDED = "kipp.entry.awarded"
STAGE_CLOSED = "kipp.stage.closed"
NOTIFICATION_SENT = "kipp.notification.sent"
NOTIFICATION_FAILED = "kipp.notification.failed"
JUDGE_REGISTERED = "kipp.judge.registered"
JUDGE_APPOINTED = "kipp.judge.appointed"
JUDGE_RELEASED = "kipp.judge.released"
JUDGE_REMINDED = "kipp.judge.reminded"
ACCOUNT_CHANGED = "kipp.account.changed"
ACCOUNT_SIGNED_OUT = "kipp.account.signed_out"

# short topic name (without the namespace) for each event type
TOPIC_OF = {
    COMPETITION_PUBLISHED: "competitions",
    ENTRY_SUBMITTED: "entries",
    ENTRY_WITHDRAWN: "entries",
    ENTRY_SCREENED: "reviews",
    ASSIGNMENT_CREATED: "reviews",
    REVIEW_SCORED: "reviews",
    ENTRY_ADVANCED: "reviews",
    ENTRY_ELIMINATED: "reviews",
    ENTRY_AWARDED: "reviews",
    STAGE_CLOSED: "reviews",
    NOTIFICATION_SENT: "notifications",
    NOTIFICATION_FAILED: "notifications",
    JUDGE_REGISTERED: "reviews",
    JUDGE_APPOINTED: "reviews",
    JUDGE_RELEASED: "reviews",
    JUDGE_REMINDED: "reviews",
    ACCOUNT_CHANGED: "accounts",
    ACCOUNT_SIGNED_OUT: "accounts",
}

TOPICS = ("competitions", "entries", "reviews", "notifications", "accounts")
