"""The moderation queue's bulk actions (approve, reject, spam, approve all from, ban), and the
permissions they and the queue's own pages check."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..models import Comment
from ..privacy import email_key
from ..services import comment_approve_all_from, comment_set_status
from .bans import BanCommentersForm, ban_commenters_of

Status = Comment.Status


class ModerationActionsMixin:
    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    def has_reveal_email_permission(self, request):
        return request.user.has_perm("comments.reveal_email")

    def has_manage_personal_data_permission(self, request):
        return request.user.has_perm("comments.manage_personal_data")

    def _moderate(self, request, queryset, status, message):
        """Move the comments; message(count) is the plural-correct sentence to show."""
        changed = comment_set_status(
            comments=queryset, status=status, moderator=request.user, reason="bulk action"
        )
        self.message_user(request, message(changed) % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Approve selected comments"), permissions=["moderate"])
    def approve(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Status.APPROVED,
            lambda n: ngettext("%(count)d comment approved.", "%(count)d comments approved.", n),
        )

    @admin.action(description=_("Reject selected comments"), permissions=["moderate"])
    def reject(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Status.REJECTED,
            lambda n: ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", n),
        )

    @admin.action(description=_("Mark selected comments as spam"), permissions=["moderate"])
    def mark_spam(self, request, queryset):
        self._moderate(
            request,
            queryset,
            Status.SPAM,
            lambda n: ngettext(
                "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", n
            ),
        )

    @admin.action(
        description=_("Approve all waiting comments from these commenters"),
        permissions=["moderate"],
    )
    def approve_all_from_commenters(self, request, queryset):
        keys = {
            comment_key(comment)
            for comment in queryset.select_related(None).only("email", "email_key")
        }
        changed = sum(
            comment_approve_all_from(email_key=key, moderator=request.user) for key in keys
        )
        # Two numbers, two plurals: each half agrees with its own number.
        comments = ngettext("%(count)d comment", "%(count)d comments", changed) % {"count": changed}
        message = ngettext(
            "%(comments)s from %(count)d commenter approved.",
            "%(comments)s from %(count)d commenters approved.",
            len(keys),
        ) % {"comments": comments, "count": len(keys)}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(
        description=_("Ban the commenters of the selected comments…"), permissions=["moderate"]
    )
    def ban_commenters(self, request, queryset):
        """Ask how (email, IP) and for how long, then ban; the page posts back to this action."""
        if not request.user.has_perm("comments.add_ban"):
            raise PermissionDenied
        form = BanCommentersForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            bans = ban_commenters_of(queryset, moderator=request.user, **form.cleaned_data)
            message = ngettext("%(count)d ban added.", "%(count)d bans added.", bans)
            self.message_user(request, message % {"count": bans}, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Ban commenters"),
            "opts": self.model._meta,
            "form": form,
            "comments": queryset.select_related("article"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/comments/comment/ban_commenters.html", context)


def comment_key(comment):
    """The commenter's keyed email hash (computed for rows stored before it was kept)."""
    return comment.email_key or email_key(comment.email)
