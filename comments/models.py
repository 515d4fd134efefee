from django.conf import settings
from django.db import models

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
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        help_text="The comment this one replies to, if any.",
    )
    depth = models.PositiveSmallIntegerField(
        default=1, editable=False, help_text="1 for a top-level comment, 2 for a reply, …"
    )
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254, help_text="Private: moderators only.")
    url = models.URLField("website", max_length=200, blank=True)
    body = models.TextField("comment", max_length=5000)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    email_key = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Keyed hash (HMAC) of the normalised email, to recognise returning commenters. "
        "Never shown publicly; useless without the site's secret.",
    )
    moderation_reason = models.CharField(
        "why", max_length=200, blank=True, help_text="Why the comment got its status."
    )
    report_count = models.PositiveIntegerField(
        default=0, help_text="Distinct readers who reported this comment."
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status")
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
        return f"{self.name} on {self.article}"


class DiscussionSettings(models.Model):
    """The site's comment rules, edited by editors in the admin. One row (pk=1)."""

    auto_approve_after = models.PositiveSmallIntegerField(
        "auto-approve after",
        null=True,
        blank=True,
        help_text="Approve a commenter's new comments once they have this many approved comments. "
        "Leave empty to hold every comment for a moderator.",
    )
    max_links = models.PositiveSmallIntegerField(
        default=2, help_text="Hold a comment that contains more links than this."
    )
    moderation_words = models.TextField(
        blank=True, help_text="One word or phrase per line. A comment containing one is held."
    )
    blocked_words = models.TextField(
        blank=True, help_text="One word or phrase per line. A comment containing one is spam."
    )
    blocked_emails = models.TextField(
        blank=True, help_text="One email address per line. Their comments are spam."
    )
    blocked_domains = models.TextField(
        blank=True, help_text="One email domain per line, e.g. spam.example. Spam."
    )
    blocked_ips = models.TextField(
        "blocked IP ranges",
        blank=True,
        help_text="One address or range per line, e.g. 203.0.113.0/24 or 2001:db8::/32. Spam.",
    )
    close_after_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Close comments this many days after publication. Empty: never.",
    )
    thread_depth = models.PositiveSmallIntegerField(
        default=3, help_text="How deep replies may nest: 1 (no replies) to 3."
    )
    comments_per_page = models.PositiveSmallIntegerField(
        default=50, help_text="Top-level comments per page under an article."
    )
    notify_moderators = models.BooleanField(
        default=True, help_text="Email moderators about each comment held for moderation."
    )

    class Meta:
        verbose_name = "discussion settings"
        verbose_name_plural = "discussion settings"
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
        return "Discussion settings"

    @classmethod
    def load(cls):
        """The settings row, created with the defaults the first time."""
        return cls.objects.get_or_create(pk=1)[0]


class Ban(models.Model):
    """A commenter kept out, by email and/or IP range, for a period or for good."""

    email = models.EmailField(blank=True, help_text="Private: moderators only.")
    ip_network = models.CharField(
        "IP address or range", max_length=64, blank=True, help_text="e.g. 203.0.113.7 or /24."
    )
    reason = models.CharField(max_length=200, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: banned for good.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(email="") | ~models.Q(ip_network=""),
                name="ban_has_email_or_ip",
            )
        ]

    def __str__(self):
        # Masked: the admin shows this in checkboxes, messages and its history of changes.
        return " and ".join(filter(None, [self.email and mask_email(self.email), self.ip_network]))


class ModerationLogEntry(models.Model):
    """Who did what to which comment, when and why. Moderators can read it; nobody edits it."""

    class Action(models.TextChoices):
        APPROVE = "approve", "Approved"
        REJECT = "reject", "Rejected"
        SPAM = "spam", "Marked as spam"
        EDIT = "edit", "Edited"
        BAN = "ban", "Banned"
        UNBAN = "unban", "Unbanned"
        REVEAL_EMAIL = "reveal_email", "Revealed email"
        EXPORT = "export", "Exported personal data"
        ERASE = "erase", "Erased personal data"
        REPORT = "report", "Reported by a reader"

    comment = models.ForeignKey(
        Comment, on_delete=models.SET_NULL, null=True, blank=True, related_name="log_entries"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "moderation log entry"
        verbose_name_plural = "moderation log"

    def __str__(self):
        return (
            f"{self.get_action_display()} by {self.moderator} at {self.created_at:%Y-%m-%d %H:%M}"
        )


class CommentReport(models.Model):
    """A reader's report of an approved comment; one per comment and reader."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Abusive or hateful"
        OFF_TOPIC = "off_topic", "Off topic"
        PRIVACY = "privacy", "Shares someone's private information"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.CharField(max_length=500, blank=True)
    reporter_key = models.CharField(
        max_length=64, help_text="Keyed hash identifying the reporting client; not reversible."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_key"], name="report_once_per_client"
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} on comment {self.comment_id}"
