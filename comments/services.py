import hashlib
import re

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

import pagecache

from .bans import active_bans
from .models import Ban, Comment, CommentReport, DiscussionSettings, ModerationLogEntry
from .moderation import comments_closed_reason, initial_verdict, reply_parent
from .notifications import notify_moderators_of_held_comment
from .privacy import email_key, mask_email, normalise_email

# PostgreSQL refuses NUL in text, and no real browser sends control characters in a header.
HEADER_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class CommentsClosed(Exception):
    """The article no longer takes comments."""


class DuplicateComment(Exception):
    """The same commenter already left the same words under this article."""


class ReplyTargetGone(Exception):
    """The comment being replied to is not an approved comment of this article."""


def lock_commenter(article, key):
    """Serialise one commenter's posts on one article until the transaction ends.

    Two identical posts sent at the same moment would both pass the duplicate check; this
    makes the second wait for the first. Other commenters are not held up. (SQLite, the local
    default, serialises every write anyway.)
    """
    if connection.vendor != "postgresql":
        return
    digest = hashlib.sha256(f"comments:{article.pk}:{key}".encode()).digest()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest[:8], "big", signed=True)]
        )


@transaction.atomic
def comment_submit(
    *,
    article,
    name,
    email,
    body,
    url="",
    ip_address=None,
    user_agent="",
    parent=None,
    site_url="",
    now=None,
):
    """Store a reader's comment with the status the moderation rules give it, and why.

    `parent` is the comment replied to (with its ancestors loaded); a reply deeper than the
    site allows is attached at the deepest allowed level. Moderators are emailed about a held
    comment once the transaction commits; `site_url` makes the link in that email absolute.
    """
    now = now or timezone.now()
    discussion = DiscussionSettings.load()
    if comments_closed_reason(article, discussion, now):
        raise CommentsClosed
    if parent is not None and (
        parent.article_id != article.pk or parent.status != Comment.Status.APPROVED
    ):
        raise ReplyTargetGone
    parent = reply_parent(parent, discussion.thread_depth)
    key = email_key(email)
    lock_commenter(article, key)
    if Comment.objects.filter(article=article, email_key=key, body=body).exists():
        raise DuplicateComment
    verdict = initial_verdict(
        body=body,
        name=name,
        email=email,
        url=url,
        ip_address=ip_address,
        discussion=discussion,
        policy=article.comment_policy,
        earlier_approved=Comment.objects.approved().filter(email_key=key).count(),
        bans=list(active_bans(now)),
    )
    comment = Comment.objects.create(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 1,
        name=name,
        email=email,
        email_key=key,
        url=url,
        body=body,
        status=verdict.status,
        moderation_reason=verdict.reason[:200],
        ip_address=ip_address,
        user_agent=HEADER_CONTROL_CHARACTERS.sub("", user_agent)[:500],
    )
    if verdict.status == Comment.Status.PENDING and discussion.notify_moderators:
        transaction.on_commit(lambda: notify_moderators_of_held_comment(comment, site_url=site_url))
    return comment


# The log's action for each status a moderator can give; back to pending is an edit.
STATUS_LOG_ACTIONS = {
    Comment.Status.APPROVED: ModerationLogEntry.Action.APPROVE,
    Comment.Status.REJECTED: ModerationLogEntry.Action.REJECT,
    Comment.Status.SPAM: ModerationLogEntry.Action.SPAM,
    Comment.Status.PENDING: ModerationLogEntry.Action.EDIT,
}


@transaction.atomic
def comment_set_status(*, comments, status, moderator, reason=""):
    """Give a queryset of comments a moderation status, logging each change; returns how many."""
    if status not in Comment.Status.values:
        raise ValueError(f"Unknown comment status: {status!r}")
    # Lock the rows first, so two moderators acting at once log each change exactly once.
    changing = list(
        Comment.objects.filter(pk__in=comments.values("pk"))
        .exclude(status=status)
        .select_for_update()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    changed = Comment.objects.filter(pk__in=changing).update(
        status=status, moderated_by=moderator, moderated_at=timezone.now()
    )
    # Approving shows a comment, anything else from approved hides one: the pages change.
    article_ids = Comment.objects.filter(pk__in=changing).values_list("article_id", flat=True)
    pagecache.changed(*pagecache.article_tags(article_ids.distinct()))
    if status == Comment.Status.PENDING:
        reason = reason or "moved back to pending"
    ModerationLogEntry.objects.bulk_create(
        ModerationLogEntry(
            comment_id=pk, moderator=moderator, action=STATUS_LOG_ACTIONS[status], reason=reason
        )
        for pk in changing
    )
    return changed


def _moderate_one(comment, status, moderator):
    return comment_set_status(
        comments=Comment.objects.filter(pk=comment.pk), status=status, moderator=moderator
    )


def comment_approve(*, comment, moderator):
    return _moderate_one(comment, Comment.Status.APPROVED, moderator)


def comment_reject(*, comment, moderator):
    return _moderate_one(comment, Comment.Status.REJECTED, moderator)


def comment_mark_spam(*, comment, moderator):
    return _moderate_one(comment, Comment.Status.SPAM, moderator)


# Moderation beyond a status: approving a commenter, bans, reveals and readers' reports.


def comment_approve_all_from(*, email_key, moderator):
    """Approve every comment still waiting from the commenter with this keyed email hash."""
    if not email_key:
        return 0
    return comment_set_status(
        comments=Comment.objects.in_moderation().filter(email_key=email_key),
        status=Comment.Status.APPROVED,
        moderator=moderator,
        reason="approved all from this commenter",
    )


def ban_description(ban):
    """What a ban covers and for how long, with the email masked: safe for the log."""
    covered = " and ".join(
        filter(None, [mask_email(ban.email) if ban.email else "", ban.ip_network])
    )
    if ban.expires_at is None:
        return f"{covered}, for good"
    return f"{covered}, until {timezone.localtime(ban.expires_at):%Y-%m-%d %H:%M}"


@transaction.atomic
def ban_save(*, ban, moderator, comment=None):
    """Save a new or changed ban and log it."""
    created = ban._state.adding
    if created:
        ban.created_by = moderator
    ban.email = normalise_email(ban.email)
    ban.ip_network = ban.ip_network.strip()
    ban.save()
    ModerationLogEntry.objects.create(
        comment=comment,
        moderator=moderator,
        action=ModerationLogEntry.Action.BAN,
        reason=(
            f"banned {ban_description(ban)}" if created else f"ban changed: {ban_description(ban)}"
        )
        + (f" ({ban.reason})" if ban.reason else ""),
    )
    return ban


def commenter_ban(*, moderator, email="", ip_network="", expires_at=None, reason="", comment=None):
    """Ban a commenter by email and/or IP address or range, until expires_at (None: for good)."""
    ban = Ban(email=email, ip_network=ip_network, expires_at=expires_at, reason=reason)
    return ban_save(ban=ban, moderator=moderator, comment=comment)


@transaction.atomic
def ban_lift(*, ban, moderator):
    """Remove a ban, logging who lifted it."""
    ModerationLogEntry.objects.create(
        moderator=moderator,
        action=ModerationLogEntry.Action.UNBAN,
        reason=f"lifted ban on {ban_description(ban)}",
    )
    ban.delete()


@transaction.atomic
def comment_reveal_email(*, comment, moderator):
    """The full email address, for a moderator allowed to see it; each look is logged."""
    ModerationLogEntry.objects.create(
        comment=comment, moderator=moderator, action=ModerationLogEntry.Action.REVEAL_EMAIL
    )
    return comment.email


class AlreadyReported(Exception):
    """This client has reported this comment before."""


def reports_to_hold():
    """How many distinct reports send an approved comment back to the moderators' queue."""
    return getattr(settings, "NEWSROOM_COMMENT_REPORTS_TO_HOLD", 3)


@transaction.atomic
def comment_report(*, comment, reporter_key, reason, details=""):
    """Record a reader's report once per client; enough reports hold the comment again."""
    try:
        # A savepoint: a duplicate (even a concurrent one) fails alone, the transaction goes on.
        with transaction.atomic():
            report = CommentReport.objects.create(
                comment=comment, reporter_key=reporter_key, reason=reason, details=details
            )
    except IntegrityError:
        raise AlreadyReported from None
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    count = Comment.objects.values_list("report_count", flat=True).get(pk=comment.pk)
    note = report.get_reason_display()
    # Exactly at the threshold: once a moderator approves it again, later reports only count.
    if count == reports_to_hold():
        held = Comment.objects.filter(pk=comment.pk, status=Comment.Status.APPROVED).update(
            status=Comment.Status.PENDING, moderation_reason=f"held: reported by {count} readers"
        )
        if held:
            note += f"; held after {count} reports"
            pagecache.changed(*pagecache.article_tags([comment.article_id]))
    ModerationLogEntry.objects.create(
        comment=comment,
        action=ModerationLogEntry.Action.REPORT,
        reason=f"{note}: {details}"[:300] if details else note,
    )
    return report
