"""The moderation log and readers' reports on comments: read-only for everyone, superusers
included."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import CommentReport, ModerationLogEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ModerationLogEntry)
class ModerationLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "moderator", "action", "comment_link", "reason"]
    list_filter = ["action", ("moderator", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["moderator", "comment"]
    search_fields = ["reason", "moderator__username"]
    date_hierarchy = "created_at"

    @admin.display(description=_("comment"))
    def comment_link(self, entry):
        if entry.comment_id is None:
            return "—"
        return format_html(
            '<a href="{}">#{}</a>',
            reverse("admin:comments_comment_change", args=[entry.comment_id]),
            entry.comment_id,
        )


@admin.register(CommentReport)
class CommentReportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "comment", "reason", "details"]
    list_filter = ["reason"]
    list_select_related = ["comment__article"]
