"""The moderation queue: the Comment admin (pending first, one-click buttons, the change form)
and its own pages (reveal an email, approve all from a commenter, personal-data requests)."""

import json

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles.previews import preview_token

from ..forms import WebsiteField
from ..models import Comment, ModerationLogEntry
from ..moderation import count_links
from ..personal_data import erase_summary, personal_data_erase, personal_data_export
from ..privacy import mask_email
from ..services import comment_approve_all_from, comment_reveal_email, comment_set_status
from .actions import ModerationActionsMixin, comment_key
from .personal_data import PersonalDataForm

Status = Comment.Status

# One-click moderation: the word in the address, the status it gives, the button's label and
# the message once done.
ONE_CLICK = {
    "approve": (Status.APPROVED, _("Approve"), _("Comment by %(name)s approved.")),
    "reject": (Status.REJECTED, _("Reject"), _("Comment by %(name)s rejected.")),
    "spam": (Status.SPAM, _("Spam"), _("Comment by %(name)s marked as spam.")),
}
# The queue opens on what waits; "all" is a value of its own, so every comment stays a click away.
ALL = "all"


class StatusFilter(admin.SimpleListFilter):
    """The status filter under Django's own parameter (status__exact), plus an explicit "all"."""

    title = _("status")
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        return [*Status.choices, (ALL, _("All"))]

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset

    def choices(self, changelist):
        # No bare "All" link without the parameter: that address opens on the pending ones.
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == str(value),
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


class ReportedFilter(admin.SimpleListFilter):
    title = _("reports")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", _("Reported")), ("no", _("Not reported"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(report_count__gt=0)
        if self.value() == "no":
            return queryset.filter(report_count=0)
        return queryset


@admin.register(Comment)
class CommentAdmin(ModerationActionsMixin, admin.ModelAdmin):
    """The moderation queue: pending comments first, newest first within each status."""

    # Two columns: the comment with a meta line under it, and the buttons. Who wrote it, where,
    # when, its status and why it was held are short, and would squeeze the text as columns.
    list_display = ["summary"]
    list_display_links = None
    list_filter = [
        StatusFilter,
        ReportedFilter,
        ("article", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    list_select_related = ["article"]
    actions = ["approve", "reject", "mark_spam", "approve_all_from_commenters", "ban_commenters"]
    date_hierarchy = "created_at"
    # The same rule as the public form: a website is http(s), never javascript: or data:.
    formfield_overrides = {models.URLField: {"form_class": WebsiteField, "assume_scheme": "https"}}
    readonly_fields = [
        "article",
        "masked_email",
        "moderation_reason",
        "report_count",
        "reports",
        "ip_address",
        "user_agent",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]
    # The full email is never in the form: a moderator with the permission reveals it, logged.
    fields = [
        "article",
        "status",
        "moderation_reason",
        "report_count",
        "reports",
        "name",
        "masked_email",
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
            When(status=Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return [pending_first.asc(), "-created_at", "-id"]

    def get_search_fields(self, request):
        # Without the reveal permission an email is found only when typed in full: a substring
        # search would let anyone spell the address out one guess at a time.
        email = "email" if self.has_reveal_email_permission(request) else "=email"
        return ["name", email, "body", "ip_address", "article__headline"]

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if self.has_moderate_permission(request):
            columns.append(self.one_click_column(request))
        return columns

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

    # Columns.

    @admin.display(description=_("comment"))
    def summary(self, comment):
        """The text (a link to the comment), then one line: who, where, when, status, why."""
        meta = [
            format_html('<span class="comment-meta__author">{}</span>', comment.name),
            mask_email(comment.email),
            comment.ip_address or "",
            format_html(
                '<a href="{}" class="comment-meta__article">{}</a>',
                self.article_url(comment.article),
                comment.article,
            ),
            gettext("%(age)s ago") % {"age": timesince(comment.created_at, depth=1)},
            format_html(
                '<span class="comment-meta__status comment-meta__status--{}">{}</span>',
                comment.status,
                comment.get_status_display(),
            ),
        ]
        links = count_links(comment.body)
        if links:
            meta.append(ngettext("%(count)d link", "%(count)d links", links) % {"count": links})
        if comment.report_count:
            meta.append(
                ngettext("%(count)d report", "%(count)d reports", comment.report_count)
                % {"count": comment.report_count}
            )
        if comment.moderation_reason:
            meta.append(gettext("why: %(reason)s") % {"reason": comment.moderation_reason})
        return format_html(
            '<a href="{}" class="comment-text" data-open>{}</a><div class="comment-meta">{}</div>',
            reverse("admin:comments_comment_change", args=[comment.pk]),
            Truncator(comment.body).chars(300),
            format_html_join(
                " · ", '<span class="comment-meta__item">{}</span>', ((m,) for m in meta if m)
            ),
        )

    @staticmethod
    def article_url(article):
        """Where a moderator reads the article: its page, or its signed preview link until out."""
        if article.is_published:
            return article.get_absolute_url()
        return reverse("articles:preview-link", kwargs={"token": preview_token(article)})

    @admin.display(description=_("email"))
    def masked_email(self, comment):
        return mask_email(comment.email)

    @admin.display(description=_("readers' reports"))
    def reports(self, comment):
        """Each report's reason and details, newest first (readers' own words, escaped)."""
        reports = comment.reports.all()
        if not reports:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {} <small>({})</small></li>",
                (
                    (
                        report.get_reason_display(),
                        report.details or gettext("no details"),
                        f"{timezone.localtime(report.created_at):%Y-%m-%d %H:%M}",
                    )
                    for report in reports
                ),
            ),
        )

    def one_click_column(self, request):
        """Approve / Reject / Spam buttons for each row, posting the changelist's own form."""
        back = request.get_full_path()

        @admin.display(description=_("moderate"))
        def one_click(comment):
            return format_html(
                '<div class="moderation-buttons">{}</div>',
                format_html_join(
                    " ",
                    '<button type="submit" class="button moderation-button" formaction="{}" '
                    'name="next" value="{}" data-moderate="{}">{}</button>',
                    (
                        (
                            reverse("admin:comments_comment_moderate", args=[comment.pk, word]),
                            back,
                            word,
                            label,
                        )
                        for word, (status, label, _message) in ONE_CLICK.items()
                        if comment.status != status
                    ),
                ),
            )

        return one_click

    # The change form.

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        new_status = obj.status
        edited = [name for name in form.changed_data if name != "status"]
        if "status" in form.changed_data:
            # Saved with its old status, then moved through the service: stamped and logged.
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if edited:
            ModerationLogEntry.objects.create(
                comment=obj,
                moderator=request.user,
                action=ModerationLogEntry.Action.EDIT,
                reason=f"edited {', '.join(edited)}",
            )
        if new_status != obj.status:
            comment_set_status(
                comments=Comment.objects.filter(pk=obj.pk),
                status=new_status,
                moderator=request.user,
                reason="changed on the comment form",
            )
            obj.refresh_from_db()
        return None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_reveal_email": self.has_reveal_email_permission(request),
            "can_moderate": self.has_moderate_permission(request),
            "can_ban": request.user.has_perm("comments.add_ban"),
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        if (
            request.method == "GET"
            and not request.GET
            and self.has_view_or_change_permission(request)
        ):
            # The queue opens on what waits for a moderator; ?status__exact=all lists everything.
            return HttpResponseRedirect(f"{request.path}?status__exact={Status.PENDING}")
        extra_context = {
            **(extra_context or {}),
            "can_manage_personal_data": self.has_manage_personal_data_permission(request),
            "can_read_log": request.user.has_perm("comments.view_moderationlogentry"),
        }
        return super().changelist_view(request, extra_context)

    # Views of their own: one click, reveal, approve all from, personal data.

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(require_POST(function))

        return [
            path(
                "<int:object_id>/moderate/<str:word>/",
                view(self.moderate_view),
                name="comments_comment_moderate",
            ),
            path(
                "<int:object_id>/reveal-email/",
                view(self.reveal_email_view),
                name="comments_comment_reveal_email",
            ),
            path(
                "<int:object_id>/approve-all-from/",
                view(self.approve_all_from_view),
                name="comments_comment_approve_all_from",
            ),
            path(
                "personal-data/",
                self.admin_site.admin_view(self.personal_data_view),
                name="comments_comment_personal_data",
            ),
            *super().get_urls(),
        ]

    def _comment_or_404(self, request, object_id):
        comment = self.get_object(request, str(object_id))
        if comment is None:
            raise Http404("No such comment.")
        return comment

    def _back(self, request, fallback=None):
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return HttpResponseRedirect(target)
        return HttpResponseRedirect(fallback or reverse("admin:comments_comment_changelist"))

    def moderate_view(self, request, object_id, word):
        if word not in ONE_CLICK:
            raise Http404("No such moderation.")
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        comment = self._comment_or_404(request, object_id)
        status, _label, message = ONE_CLICK[word]
        comment_set_status(
            comments=Comment.objects.filter(pk=comment.pk),
            status=status,
            moderator=request.user,
            reason="one click in the queue",
        )
        self.message_user(request, message % {"name": comment.name}, messages.SUCCESS)
        return self._back(request)

    def approve_all_from_view(self, request, object_id):
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        comment = self._comment_or_404(request, object_id)
        changed = comment_approve_all_from(email_key=comment_key(comment), moderator=request.user)
        message = ngettext(
            "%(count)d comment from %(name)s approved.",
            "%(count)d comments from %(name)s approved.",
            changed,
        )
        self.message_user(
            request, message % {"count": changed, "name": comment.name}, messages.SUCCESS
        )
        return self._back(request, reverse("admin:comments_comment_change", args=[comment.pk]))

    def reveal_email_view(self, request, object_id):
        if not self.has_reveal_email_permission(request):
            raise PermissionDenied
        comment = self._comment_or_404(request, object_id)
        if not self.has_view_permission(request, comment):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Email address"),
            "opts": self.model._meta,
            "original": comment,
            "email": comment_reveal_email(comment=comment, moderator=request.user),
        }
        response = TemplateResponse(request, "admin/comments/comment/reveal_email.html", context)
        # The address must not linger in any cache.
        add_never_cache_headers(response)
        response["Cache-Control"] += ", no-store"
        return response

    def personal_data_view(self, request):
        if not self.has_manage_personal_data_permission(request):
            raise PermissionDenied
        form = PersonalDataForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            if form.cleaned_data["task"] == PersonalDataForm.EXPORT:
                data = personal_data_export(email=email, moderator=request.user)
                response = HttpResponse(
                    json.dumps(data, indent=2, ensure_ascii=False),
                    content_type="application/json; charset=utf-8",
                )
                response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
                response["Cache-Control"] = "no-store"
                return response
            counts = personal_data_erase(
                email=email, mode=form.cleaned_data["mode"], moderator=request.user
            )
            self.message_user(request, erase_summary(counts), messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:comments_comment_personal_data"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Personal-data requests"),
            "opts": self.model._meta,
            "form": form,
        }
        response = TemplateResponse(request, "admin/comments/comment/personal_data.html", context)
        add_never_cache_headers(response)
        return response
