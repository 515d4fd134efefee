"""Admin for the discussion settings: one row, edited by editors."""

from django import forms
from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import DiscussionSettings


def may_edit_discussion(user):
    """Editors (who may publish) and anyone given the model's own change permission."""
    return user.is_active and (
        user.has_perm("comments.change_discussionsettings")
        or user.has_perm("articles.publish_article")
    )


class DiscussionSettingsForm(forms.ModelForm):
    class Meta:
        model = DiscussionSettings
        fields = [
            "auto_approve_after", "max_links", "moderation_words", "blocked_words",
            "blocked_emails", "blocked_domains", "blocked_ips", "close_after_days",
            "thread_depth", "comments_per_page", "notify_moderators",
        ]  # fmt: skip

    def clean_thread_depth(self):
        depth = self.cleaned_data["thread_depth"]
        if not 1 <= depth <= 3:
            raise forms.ValidationError(_("Choose a depth from 1 (no replies) to 3."))
        return depth

    def clean_comments_per_page(self):
        per_page = self.cleaned_data["comments_per_page"]
        if per_page < 1:
            raise forms.ValidationError(_("Show at least one comment per page."))
        return per_page


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(admin.ModelAdmin):
    """The site's comment rules on one page: the list goes straight to it."""

    form = DiscussionSettingsForm
    fieldsets = [
        (
            _("Who is held for moderation"),
            {"fields": ["auto_approve_after", "max_links", "moderation_words"]},
        ),
        (
            _("What is spam"),
            {"fields": ["blocked_words", "blocked_emails", "blocked_domains", "blocked_ips"]},
        ),
        (
            _("Threads and pages"),
            {"fields": ["close_after_days", "thread_depth", "comments_per_page"]},
        ),
        (_("Notifications"), {"fields": ["notify_moderators"]}),
    ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            return super().changelist_view(request, extra_context)
        settings_row = DiscussionSettings.load()
        return redirect(reverse("admin:comments_discussionsettings_change", args=[settings_row.pk]))

    def has_module_permission(self, request):
        return may_edit_discussion(request.user)

    def has_view_permission(self, request, obj=None):
        return may_edit_discussion(request.user)

    def has_change_permission(self, request, obj=None):
        return may_edit_discussion(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
