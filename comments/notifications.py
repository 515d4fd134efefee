"""Email to moderators about comments held for moderation. Mail trouble never reaches readers."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MODERATOR_GROUP = "Moderator"


def moderator_emails():
    """NEWSROOM_MODERATOR_EMAILS, or else every active Moderator account with an email."""
    if settings.NEWSROOM_MODERATOR_EMAILS:
        return list(settings.NEWSROOM_MODERATOR_EMAILS)
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=MODERATOR_GROUP)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def held_comment_message(comment, *, site_url=""):
    """The subject and text of the email about one held comment (for moderators only)."""
    admin_url = reverse("admin:comments_comment_change", args=[comment.pk])
    context = {
        "comment": comment,
        "article": comment.article,
        "admin_url": f"{site_url.rstrip('/')}{admin_url}",
        "article_url": f"{site_url.rstrip('/')}{comment.article.get_absolute_url()}",
        "site_name": settings.NEWSROOM_SITE_NAME,
    }
    headline = comment.article.headline
    subject = _("Comment held for moderation: %(headline)s") % {"headline": headline}
    # One line, whatever the headline holds: a line break would end the header.
    subject = " ".join(subject.split())[:200]
    return subject, render_to_string("comments/email/comment_held.txt", context)


def notify_moderators_of_held_comment(comment, *, site_url=""):
    """Send the email; log, never raise, when there is nobody to tell or the mail fails."""
    try:
        recipients = moderator_emails()
        if not recipients:
            logger.info("Comment %s held for moderation; no moderator email to tell.", comment.pk)
            return 0
        subject, body = held_comment_message(comment, site_url=site_url)
        return send_mail(subject, body, None, recipients, fail_silently=False)
    except Exception:
        # The comment is saved; a moderator will find it in the queue. Never break the request.
        logger.exception("Could not email moderators about held comment %s.", comment.pk)
        return 0
