"""Reads from a PostgreSQL replica, writes to the primary (on when DATABASE_REPLICA_URL is set).

A replica runs a little behind the primary: milliseconds usually, seconds under load. A reader's
page that is a second old does no harm, and readers' pages are most of the traffic, so they are
what the replica takes off the primary. Someone who has just written something and looks at it
must not see it undone: an editor saving an article, a moderator approving a comment, a user who
just signed in. So reading from the replica is something a request is allowed, not the default:

- ReplicaReadsMiddleware allows it for GET, HEAD and OPTIONS requests that carry no session
  cookie (nobody signed in: no admin, no staff) and no pin cookie. Everything else reads from the
  primary, and so does all code outside a request: management commands, cron jobs, the shell.
- A POST (or PUT, PATCH, DELETE) reads from the primary: it checks what it is about to write
  (rate limits, duplicates, edit conflicts). Its response sets a pin cookie for
  NEWSROOM_REPLICA_PIN_SECONDS, keeping that browser on the primary meanwhile: the page a form
  redirects to shows what was just written, however far behind the replica is.
- Once a request writes (anything routed through db_for_write, select_for_update() included),
  the rest of it reads from the primary.
- Inside transaction.atomic() on the primary, reads go to the primary: a transaction must see
  its own writes, and a read that decides a write must not be stale.
- Migrations run on the primary only; the replica receives them through replication.

Why cookies, not request.user.is_staff? Knowing the user means reading the session, and that
read would itself go to the replica: someone who had just signed in could look signed out. The
session cookie is there before any query, and every signed-in person reads from the primary.
"""

import contextvars
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
PIN_COOKIE = "newsroom_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class _ReplicaReads:
    """A request allowed to read from the replica, until it writes or opens a transaction."""

    atomic_depth: int  # the primary's atomic blocks already open when the request began (tests)
    pinned: bool = False


_replica_reads = contextvars.ContextVar("newsroom_replica_reads", default=None)


class PrimaryReplicaRouter:
    """Reads to the replica when the current request may use it; everything else to the primary."""

    def db_for_read(self, model, **hints):
        state = _replica_reads.get()
        if state is None or state.pinned:
            return DEFAULT_DB_ALIAS
        if len(connections[DEFAULT_DB_ALIAS].atomic_blocks) > state.atomic_depth:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        state = _replica_reads.get()
        if state is not None:
            state.pinned = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Decide, before any query, whether this request may read from the replica (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = None
        if (
            request.method in SAFE_METHODS
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and PIN_COOKIE not in request.COOKIES
        ):
            state = _ReplicaReads(atomic_depth=len(connections[DEFAULT_DB_ALIAS].atomic_blocks))
        token = _replica_reads.set(state)
        try:
            response = self.get_response(request)
        finally:
            _replica_reads.reset(token)
        pin_seconds = settings.NEWSROOM_REPLICA_PIN_SECONDS
        if request.method not in SAFE_METHODS and pin_seconds > 0:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=pin_seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
