"""The rules that decide about comments. Pure: everything is passed in, nothing is queried.

- comments_closed_reason(): whether an article still takes comments, and if not, why.
- initial_verdict(): the status a new comment starts with (approved, pending or spam), and why.
  Spam rules beat holds, and holds beat auto-approval.
"""

import ipaddress
import re
from dataclasses import dataclass
from datetime import timedelta

from django.utils.html import urlize

from articles.models import Article

from .bans import find_ban
from .models import Comment
from .privacy import normalise_email

Policy = Article.CommentPolicy


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str


# Whether an article takes comments.


def comments_closed_reason(article, discussion, now):
    """Why this article takes no new comments, or None while it does."""
    if not (
        article.status == Article.Status.PUBLISHED
        and article.published_at is not None
        and article.published_at <= now
    ):
        return "the article is not published"
    if article.comment_policy == Policy.CLOSED:
        return "comments are closed on this article"
    hours = article.comments_close_after_hours
    closes_at = article.published_at + timedelta(hours=hours or 0)
    if article.comment_policy == Policy.CLOSE_AFTER and hours is not None and now >= closes_at:
        return f"comments closed {plural(hours, 'hour')} after publication"
    days = discussion.close_after_days
    if days and now >= article.published_at + timedelta(days=days):
        return f"comments closed {plural(days, 'day')} after publication"
    return None


def comments_close_time(article, discussion):
    """When comments on this published article close by themselves, or None if never."""
    times = []
    hours = article.comments_close_after_hours
    if article.comment_policy == Policy.CLOSE_AFTER and hours is not None:
        times.append(article.published_at + timedelta(hours=hours))
    if discussion.close_after_days:
        times.append(article.published_at + timedelta(days=discussion.close_after_days))
    return min(times, default=None)


# The lists editors keep in the discussion settings.


def setting_lines(text):
    """The entries of a one-per-line setting: stripped, without blanks or # comments."""
    return [line.strip() for line in (text or "").splitlines() if line.strip() and line[:1] != "#"]


def find_word(words, *texts):
    """The first listed word or phrase found as a whole word in any text (any case), or None."""
    haystack = "\n".join(texts).casefold()
    for word in words:
        # Whole words only, so that "ass" does not catch "class" (the Scunthorpe problem).
        if re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", haystack):
            return word
    return None


def email_domain_blocked(email, domains):
    """Whether the email's domain is listed, or is a subdomain of a listed one."""
    domain = normalise_email(email).rpartition("@")[2]
    for blocked in domains:
        blocked = blocked.lower().lstrip("@").strip(".")
        if blocked and (domain == blocked or domain.endswith(f".{blocked}")):
            return True
    return False


def ip_blocked(ip_address, ranges):
    if not ip_address:
        return False
    try:
        address = ipaddress.ip_address(ip_address)
    except ValueError:
        return False
    for entry in ranges:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue  # a mistyped line in the settings blocks nobody
    return False


def count_links(text):
    """How many links readers would see in the text: the ones the page would make clickable."""
    # urlize escapes everything else, so each "<a " in its output is a link it made.
    return urlize(text, autoescape=True).count("<a ")


def plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


# The verdict.


def initial_verdict(
    *,
    body,
    name,
    email,
    url="",
    ip_address=None,
    discussion,
    policy=Policy.OPEN,
    earlier_approved=0,
    bans=(),
):
    """Decide the status a newly submitted comment starts with, and why.

    `discussion` is the DiscussionSettings row, `earlier_approved` the number of approved
    comments from the same email (by email_key), `bans` the active bans.
    """
    spam = Comment.Status.SPAM
    if find_ban(bans, email=email, ip_address=ip_address):
        return Verdict(spam, "spam: banned commenter")
    address = normalise_email(email)
    if address in {normalise_email(line) for line in setting_lines(discussion.blocked_emails)}:
        return Verdict(spam, "spam: blocked email")
    if email_domain_blocked(email, setting_lines(discussion.blocked_domains)):
        return Verdict(spam, "spam: blocked domain")
    if ip_blocked(ip_address, setting_lines(discussion.blocked_ips)):
        return Verdict(spam, "spam: blocked IP range")
    if find_word(setting_lines(discussion.blocked_words), body, name, url):
        return Verdict(spam, "spam: blocked word")

    held = Comment.Status.PENDING
    if policy == Policy.PREMODERATED:
        return Verdict(held, "held: article is pre-moderated")
    links = count_links(body)
    if links > discussion.max_links:
        return Verdict(held, f"held: {plural(links, 'link')}")
    word = find_word(setting_lines(discussion.moderation_words), body, name, url)
    if word:
        return Verdict(held, f"held: moderation word “{word}”")
    needed = discussion.auto_approve_after
    if needed is None:
        return Verdict(held, "held: every comment is moderated")
    if earlier_approved < needed:
        if earlier_approved == 0:
            return Verdict(held, "held: first-time commenter")
        return Verdict(held, f"held: {earlier_approved} of {needed} earlier approved comments")
    if needed == 0:
        return Verdict(Comment.Status.APPROVED, "approved: no earlier comments needed")
    return Verdict(
        Comment.Status.APPROVED, f"approved: {plural(earlier_approved, 'earlier approved comment')}"
    )


def reply_parent(parent, thread_depth):
    """The comment a reply to `parent` hangs under, given how deep threads may go.

    A reply deeper than allowed is attached at the deepest allowed level (to the closest
    ancestor that may take replies), so the reader's words are kept; with a depth of 1 it
    becomes a top-level comment. `parent` needs its ancestors loaded (parent.parent...).
    """
    while parent is not None and parent.depth >= thread_depth:
        parent = parent.parent
    return parent
