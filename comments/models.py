from django.conf import settings
from django.db import models

from articles.models import Article


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
    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254, help_text="Private: moderators only.")
    url = models.URLField("website", max_length=200, blank=True)
    body = models.TextField("comment", max_length=5000)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
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
        permissions = [("moderate_comment", "Can approve, reject or mark comments as spam")]

    def __str__(self):
        return f"{self.name} on {self.article}"
