"""Opening the store. MongoClient connects lazily, so creating one here never blocks.

The timeouts tell a store that is down from one that is busy (docs/operations.md, "What a 503 says"):
- down (refused, reset, gone): an operation waits about SERVER_SELECTION_MS for a server, then fails;
- hung (the process stopped, a partition): the monitor's hello, every HEARTBEAT_MS, gets no answer within
  CONNECT_MS, and pymongo then interrupts every operation in flight on that server;
- busy: nothing is cut short before SOCKET_MS, because a loaded store still answers hello at once (measured
  on the local FerretDB with 200 concurrent writers: writes up to 5 s, hello under 0.12 s).
Each of them can be set in the URI (`?serverSelectionTimeoutMS=3000`), which wins over these defaults.
While the monitor's hellos go unanswered, `unreachable(client)` says so, and the web app lets requests
fail at once instead of each waiting for a server (shared.web.app).
"""
from __future__ import annotations

from pymongo import MongoClient, monitoring
from pymongo.database import Database

from shared.config import Settings

# pymongo waits for a server in steps of half a second and may take one step more than asked, so 500 ms
# means a request that needs a store that is down answers within about a second
SERVER_SELECTION_MS = 500
CONNECT_MS = 500  # also how long the monitor waits for its hello (a busy store answers it within 0.12 s)
HEARTBEAT_MS = 500  # pymongo's least
SOCKET_MS = 30000


def connect(uri: str, timeout_ms: int | None = None) -> MongoClient:
    """A client that gives up quickly when the store is down, so callers can answer 503; `timeout_ms`
    lengthens the wait for a server and a connection (a bench on a remote store)."""
    defaults = {"serverSelectionTimeoutMS": timeout_ms or SERVER_SELECTION_MS,
                "connectTimeoutMS": timeout_ms or CONNECT_MS, "heartbeatFrequencyMS": HEARTBEAT_MS,
                "socketTimeoutMS": max(SOCKET_MS, (timeout_ms or 0) * 5),
                # an operation cut short by a hung store is not tried again in the request: that second
                # wait for a server would double the time to the 503; the client repeats (every write is
                # safe to repeat: conditional updates, ids derived from the request, Idempotency-Key)
                "retryReads": False, "retryWrites": False}
    named = _uri_options(uri)
    options = {name: value for name, value in defaults.items() if name.lower() not in named}
    return MongoClient(uri, tz_aware=True, uuidRepresentation="standard", event_listeners=[StoreWatch()], **options)


class StoreWatch(monitoring.ServerHeartbeatListener):
    """Whether pymongo's monitor reached each server at its last hello (sent every HEARTBEAT_MS). A
    failed hello is pymongo's own sign that a server is down: it then drops the server's connections."""

    def __init__(self):
        self.failing: dict = {}  # server address -> its last hello failed

    def started(self, event) -> None:
        pass

    def succeeded(self, event) -> None:
        self.failing[event.connection_id] = False

    def failed(self, event) -> None:
        self.failing[event.connection_id] = True


def unreachable(client: MongoClient) -> bool:
    """True while every server of `client` failed its last hello (False for a client not made by connect())."""
    return any(isinstance(listener, StoreWatch) and listener.failing and all(list(listener.failing.values()))
               for listener in client.options.event_listeners)


def _uri_options(uri: str) -> set[str]:
    """The (lower-cased) option names a mongodb:// URI sets in its query string."""
    query = uri.partition("?")[2]
    return {part.partition("=")[0].lower() for part in query.split("&") if part}


def service_database(client: MongoClient, settings: Settings) -> Database:
    """The database a service owns: `<ns>_<service>`."""
    return client[settings.database_name]

