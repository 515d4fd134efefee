from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .privacy import mask_email


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """The only comments ever shown or counted publicly."""
        return self.filter(status=Comment.Status.APPROVED)

    def in_moderation(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    """A reader's comment under an article. The email is for moderators only, never published."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("parent"),
        help_text=_("The comment this one replies to, if any."),
    )
    depth = models.PositiveSmallIntegerField(
        _("depth"),
        default=1,
        editable=False,
        help_text=_("1 for a top-level comment, 2 for a reply, …"),
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254, help_text=_("Private: moderators only."))
    url = models.URLField(_("website"), max_length=200, blank=True)
    body = models.TextField(_("comment"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    email_key = models.CharField(
        _("email key"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_(
            "Keyed hash (HMAC) of the normalised email, to recognise returning commenters. "
            "Never shown publicly; useless without the site's secret."
        ),
    )
    moderation_reason = models.CharField(
        _("why"), max_length=200, blank=True, help_text=_("Why the comment got its status.")
    )
    report_count = models.PositiveIntegerField(
        _("report count"), default=0, help_text=_("Distinct readers who reported this comment.")
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status"),
            # Stories' comment counts (with_comment_counts: COUNT(*) per story), from the index
            # alone.
            models.Index(
                fields=["article"], condition=models.Q(status="approved"), name="comment_approved"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(depth__gte=1), name="comment_depth_positive")
        ]
        permissions = [
            ("moderate_comment", "Can approve, reject or mark comments as spam"),
            ("reveal_email", "Can see commenters' full email addresses (each look is logged)"),
            ("manage_personal_data", "Can export and erase a commenter's personal data"),
        ]

    def __str__(self):
        return gettext("%(name)s on %(article)s") % {"name": self.name, "article": self.article}


class DiscussionSettings(models.Model):
    """The site's comment rules, edited by editors in the admin. One row (pk=1)."""

    auto_approve_after = models.PositiveSmallIntegerField(
        _("auto-approve after"),
        null=True,
        blank=True,
        help_text=_(
            "Approve a commenter's new comments once they have this many approved comments. "
            "Leave empty to hold every comment for a moderator."
        ),
    )
    max_links = models.PositiveSmallIntegerField(
        _("max links"), default=2, help_text=_("Hold a comment that contains more links than this.")
    )
    moderation_words = models.TextField(
        _("moderation words"),
        blank=True,
        help_text=_("One word or phrase per line. A comment containing one is held."),
    )
    blocked_words = models.TextField(
        _("blocked words"),
        blank=True,
        help_text=_("One word or phrase per line. A comment containing one is spam."),
    )
    blocked_emails = models.TextField(
        _("blocked emails"),
        blank=True,
        help_text=_("One email address per line. Their comments are spam."),
    )
    blocked_domains = models.TextField(
        _("blocked domains"),
        blank=True,
        help_text=_("One email domain per line, e.g. spam.example. Spam."),
    )
    blocked_ips = models.TextField(
        _("blocked IP ranges"),
        blank=True,
        help_text=_("One address or range per line, e.g. 203.0.113.0/24 or 2001:db8::/32. Spam."),
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close after days"),
        null=True,
        blank=True,
        help_text=_("Close comments this many days after publication. Empty: never."),
    )
    thread_depth = models.PositiveSmallIntegerField(
        _("thread depth"),
        default=3,
        help_text=_("How deep replies may nest: 1 (no replies) to 3."),
    )
    comments_per_page = models.PositiveSmallIntegerField(
        _("comments per page"),
        default=50,
        help_text=_("Top-level comments per page under an article."),
    )
    notify_moderators = models.BooleanField(
        _("notify moderators"),
        default=True,
        help_text=_("Email moderators about each comment held for moderation."),
    )

    class Meta:
        verbose_name = _("discussion settings")
        verbose_name_plural = _("discussion settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(thread_depth__gte=1, thread_depth__lte=3),
                name="discussion_thread_depth_1_to_3",
            ),
            models.CheckConstraint(
                condition=models.Q(comments_per_page__gte=1), name="discussion_page_size_positive"
            ),
        ]

    def __str__(self):
        return gettext("Discussion settings")

    @classmethod
    def load(cls):
        """The settings row, created with the defaults the first time."""
        return cls.objects.get_or_create(pk=1)[0]


class Ban(models.Model):
    """A commenter kept out, by email and/or IP range, for a period or for good."""

    email = models.EmailField(_("email"), blank=True, help_text=_("Private: moderators only."))
    ip_network = models.CharField(
        _("IP address or range"),
        max_length=64,
        blank=True,
        help_text=_("e.g. 203.0.113.7 or /24."),
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    expires_at = models.DateTimeField(
        _("expires at"), null=True, blank=True, help_text=_("Empty: banned for good.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(email="") | ~models.Q(ip_network=""),
                name="ban_has_email_or_ip",
            )
        ]

    def __str__(self):
        # Masked: the admin shows this in checkboxes, messages and its history of changes.
        parts = [self.email and mask_email(self.email), self.ip_network]
        if all(parts):
            return gettext("%(email)s and %(ip_network)s") % {
                "email": parts[0],
                "ip_network": parts[1],
            }
        return parts[0] or parts[1]


class ModerationLogEntry(models.Model):
    """Who did what to which comment, when and why. Moderators can read it; nobody edits it."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        REJECT = "reject", _("Rejected")
        SPAM = "spam", _("Marked as spam")
        EDIT = "edit", _("Edited")
        BAN = "ban", _("Banned")
        UNBAN = "unban", _("Unbanned")
        REVEAL_EMAIL = "reveal_email", _("Revealed email")
        EXPORT = "export", _("Exported personal data")
        ERASE = "erase", _("Erased personal data")
        REPORT = "report", _("Reported by a reader")

    comment = models.ForeignKey(
        Comment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="log_entries",
        verbose_name=_("comment"),
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")

    def __str__(self):
        return gettext("%(action)s by %(moderator)s at %(when)s") % {
            "action": self.get_action_display(),
            "moderator": self.moderator,
            "when": f"{self.created_at:%Y-%m-%d %H:%M}",
        }


class CommentReport(models.Model):
    """A reader's report of an approved comment; one per comment and reader."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abusive or hateful")
        OFF_TOPIC = "off_topic", _("Off topic")
        PRIVACY = "privacy", _("Shares someone's private information")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.CharField(_("details"), max_length=500, blank=True)
    reporter_key = models.CharField(
        _("reporter key"),
        max_length=64,
        help_text=_("Keyed hash identifying the reporting client; not reversible."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_key"], name="report_once_per_client"
            )
        ]

    def __str__(self):
        return gettext("%(reason)s on comment %(id)s") % {
            "reason": self.get_reason_display(),
            "id": self.comment_id,
        }
