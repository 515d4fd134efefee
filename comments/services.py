import re

from django.db import transaction
from django.utils import timezone

from .models import Comment
from .moderation import initial_verdict

# PostgreSQL refuses NUL in text, and no real browser sends control characters in a header.
HEADER_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class CommentsClosed(Exception):
    """The article no longer takes comments."""


@transaction.atomic
def comment_submit(*, article, name, email, body, url="", ip_address=None, user_agent=""):
    """Store a reader's comment with the status the moderation rules give it."""
    if not article.comments_open or not article.is_published:
        raise CommentsClosed
    verdict = initial_verdict(body=body, name=name, email=email, url=url)
    return Comment.objects.create(
        article=article,
        name=name,
        email=email,
        url=url,
        body=body,
        status=verdict.status,
        ip_address=ip_address,
        user_agent=HEADER_CONTROL_CHARACTERS.sub("", user_agent)[:500],
    )


@transaction.atomic
def comment_set_status(*, comments, status, moderator):
    """Give a queryset of comments a moderation status; returns how many changed."""
    if status not in Comment.Status.values:
        raise ValueError(f"Unknown comment status: {status!r}")
    return comments.exclude(status=status).update(
        status=status, moderated_by=moderator, moderated_at=timezone.now()
    )


def comment_approve(*, comment, moderator):
    return comment_set_status(
        comments=Comment.objects.filter(pk=comment.pk),
        status=Comment.Status.APPROVED,
        moderator=moderator,
    )


def comment_reject(*, comment, moderator):
    return comment_set_status(
        comments=Comment.objects.filter(pk=comment.pk),
        status=Comment.Status.REJECTED,
        moderator=moderator,
    )


def comment_mark_spam(*, comment, moderator):
    return comment_set_status(
        comments=Comment.objects.filter(pk=comment.pk),
        status=Comment.Status.SPAM,
        moderator=moderator,
    )
