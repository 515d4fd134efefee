"""The rule that decides a new comment's status. Pure: no request, no database writes."""

from dataclasses import dataclass

from .models import Comment


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str


def initial_verdict(*, body, name, email, url=""):
    """Decide the status a newly submitted comment starts with, and why.

    For now every comment is held for a moderator; richer policies build on this.
    """
    return Verdict(status=Comment.Status.PENDING, reason="held: every comment is moderated")
