"""Personal-data requests: export or erase everything stored about a commenter's email address.

Reports a person made cannot be found: a report is keyed by a hash of the reporting client
(IP address and browser), never by email. Moderators' own names in the log are staff data and
are not part of a commenter's export.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

import pagecache

from .models import Ban, Comment, ModerationLogEntry
from .privacy import email_key, mask_email, normalise_email

# Stored as a name: in the site's language at the time of the erasure.
ANONYMOUS = gettext_noop("Anonymous")


class EraseMode:
    ANONYMISE = "anonymise"
    DELETE = "delete"
    choices = [
        (
            ANONYMISE,
            gettext_lazy(
                "Keep the comments as “Anonymous”, with email, website, IP and browser cleared"
            ),
        ),
        (DELETE, gettext_lazy("Delete the comments (and the replies to them)")),
    ]


def comments_of(email):
    """Every comment stored with this email address, matched as typed or by its keyed hash."""
    address = normalise_email(email)
    return Comment.objects.filter(Q(email__iexact=address) | Q(email_key=email_key(address)))


def bans_of(email):
    return Ban.objects.filter(email__iexact=normalise_email(email))


def _when(value):
    return value.isoformat() if value else None


def _comment_data(comment):
    return {
        "id": comment.pk,
        "article": comment.article.headline,
        "article_url": comment.article.get_absolute_url(),
        "in_reply_to": comment.parent_id,
        "name": comment.name,
        "email": comment.email,
        "website": comment.url,
        "comment": comment.body,
        "status": comment.status,
        "why": comment.moderation_reason,
        "report_count": comment.report_count,
        "ip_address": comment.ip_address,
        "user_agent": comment.user_agent,
        "created_at": _when(comment.created_at),
        "moderated_at": _when(comment.moderated_at),
    }


@transaction.atomic
def personal_data_export(*, email, moderator):
    """Everything stored about this email address, as JSON-ready data; the export is logged."""
    comments = list(comments_of(email).select_related("article").order_by("created_at", "pk"))
    bans = list(bans_of(email))
    log = ModerationLogEntry.objects.filter(comment__in=[c.pk for c in comments]).order_by(
        "created_at", "pk"
    )
    data = {
        "email": normalise_email(email),
        "exported_at": timezone.now().isoformat(),
        "comments": [_comment_data(comment) for comment in comments],
        "bans": [
            {
                "email": ban.email,
                "ip_network": ban.ip_network,
                "reason": ban.reason,
                "created_at": _when(ban.created_at),
                "expires_at": _when(ban.expires_at),
            }
            for ban in bans
        ],
        "moderation_log": [
            {
                "comment": entry.comment_id,
                "action": entry.get_action_display(),
                "reason": entry.reason,
                "at": _when(entry.created_at),
            }
            for entry in log
        ],
        "reports_made": "Not searchable by email: reports are stored under a keyed hash of the "
        "reporting browser and IP address, never with an email address.",
    }
    ModerationLogEntry.objects.create(
        moderator=moderator,
        action=ModerationLogEntry.Action.EXPORT,
        reason=_("exported %(comments)s and %(bans)s of %(email)s")
        % {
            "comments": ngettext("%(count)d comment", "%(count)d comments", len(comments))
            % {"count": len(comments)},
            "bans": ngettext("%(count)d ban", "%(count)d bans", len(bans)) % {"count": len(bans)},
            "email": mask_email(normalise_email(email)),
        },
    )
    return data


@transaction.atomic
def personal_data_erase(*, email, mode, moderator):
    """Erase what is stored about this email address; returns the counts of what was done.

    Comments are anonymised or deleted; bans naming the address are removed (bans by IP
    range stay). The log keeps that an erasure happened, not whose.
    """
    if mode not in (EraseMode.ANONYMISE, EraseMode.DELETE):
        raise ValueError(f"Unknown erase mode: {mode!r}")
    comments = comments_of(email).select_for_update()
    pks = list(comments.values_list("pk", flat=True))
    # Names and texts shown under articles change or go: those pages are dropped from the cache.
    article_ids = set(Comment.objects.filter(pk__in=pks).values_list("article_id", flat=True))
    pagecache.changed(*pagecache.article_tags(article_ids))
    if mode == EraseMode.ANONYMISE:
        comments_done = Comment.objects.filter(pk__in=pks).update(
            name=_(ANONYMOUS), email="", email_key="", url="", ip_address=None, user_agent=""
        )
    else:
        comments_done = len(pks)
        # Replies from other readers to these comments go with them (the parent cascades).
        deleted = Comment.objects.filter(pk__in=pks).delete()[1]
        replies_deleted = deleted.get(Comment._meta.label, 0) - comments_done
    bans_removed = bans_of(email).delete()[0]
    counts = {"mode": mode, "comments": comments_done, "bans": bans_removed}
    if mode == EraseMode.DELETE:
        counts["replies_deleted"] = replies_deleted
    ModerationLogEntry.objects.create(
        moderator=moderator,
        action=ModerationLogEntry.Action.ERASE,
        reason=_("erased personal data: %(summary)s")
        % {"summary": erase_summary(counts).rstrip(".")},
    )
    return counts


def erase_summary(counts):
    """What an erasure did, in a sentence, in the site's language."""
    comments, bans = counts["comments"], counts["bans"]
    if counts["mode"] == EraseMode.ANONYMISE:
        done = ngettext("%(count)d comment anonymised", "%(count)d comments anonymised", comments)
    else:
        done = ngettext("%(count)d comment deleted", "%(count)d comments deleted", comments)
    parts = [
        done % {"count": comments},
        ngettext("%(count)d ban removed", "%(count)d bans removed", bans) % {"count": bans},
    ]
    if replies := counts.get("replies_deleted"):
        parts.append(
            ngettext(
                "%(count)d reply from others deleted with them",
                "%(count)d replies from others deleted with them",
                replies,
            )
            % {"count": replies}
        )
    return _("%(parts)s.") % {"parts": ", ".join(parts)}
