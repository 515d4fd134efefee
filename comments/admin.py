from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.text import Truncator

from .forms import WebsiteField
from .models import Comment
from .services import comment_set_status


class ModerationActionsMixin:
    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    def _moderate(self, request, queryset, status, verb):
        changed = comment_set_status(comments=queryset, status=status, moderator=request.user)
        self.message_user(request, f"{changed} comment(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["moderate"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.APPROVED, "approved")

    @admin.action(description="Reject selected comments", permissions=["moderate"])
    def reject(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REJECTED, "rejected")

    @admin.action(description="Mark selected comments as spam", permissions=["moderate"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.SPAM, "marked as spam")


@admin.register(Comment)
class CommentAdmin(ModerationActionsMixin, admin.ModelAdmin):
    """The moderation queue: pending comments first, newest first within each status."""

    list_display = ["excerpt", "name", "email", "ip_address", "article", "status", "created_at"]
    list_filter = ["status", "created_at", ("article", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "email", "body", "ip_address", "article__headline"]
    list_select_related = ["article"]
    actions = ["approve", "reject", "mark_spam"]
    date_hierarchy = "created_at"
    # The same rule as the public form: a website is http(s), never javascript: or data:.
    formfield_overrides = {models.URLField: {"form_class": WebsiteField, "assume_scheme": "https"}}
    readonly_fields = [
        "article",
        "ip_address",
        "user_agent",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]
    fields = [
        "article",
        "status",
        "name",
        "email",
        "url",
        "body",
        "ip_address",
        "user_agent",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]

    def get_ordering(self, request):
        # An expression, not an annotation's name: ModelAdmin.get_queryset() orders the
        # queryset before any annotation added to it could exist.
        pending_first = Case(
            When(status=Comment.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [pending_first.asc(), "-created_at", "-id"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # The status changes only through moderation: the same permission as the actions.
        if not self.has_moderate_permission(request):
            readonly.append("status")
        return readonly

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except (ValueError, OverflowError) as error:
            # Django 5.2's date_hierarchy lets ?created_at__year=9999 (or a huge year) escape as
            # a 500 (ticket #37357); answer like any other bad filter: the "?e=1" redirect.
            prefix = f"{self.date_hierarchy}__"
            if not any(key.startswith(prefix) for key in request.GET):
                raise
            raise IncorrectLookupParameters(error) from error

    def has_add_permission(self, request):
        # Comments come from readers, through the public form.
        return False

    @admin.display(description="comment")
    def excerpt(self, comment):
        return Truncator(comment.body).chars(80)

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            obj.moderated_by = request.user
            obj.moderated_at = timezone.now()
        super().save_model(request, obj, form, change)


from . import admin_settings  # noqa: E402, F401  (registers the discussion settings admin)
