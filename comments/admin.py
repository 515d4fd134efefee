import ipaddress
import json
from datetime import timedelta

from django import forms
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
from django.views.decorators.http import require_POST

from .forms import WebsiteField
from .models import Ban, Comment, CommentReport, ModerationLogEntry
from .moderation import count_links
from .personal_data import EraseMode, erase_summary, personal_data_erase, personal_data_export
from .privacy import email_key, mask_email
from .services import (
    ban_lift,
    ban_save,
    comment_approve_all_from,
    comment_reveal_email,
    comment_set_status,
    commenter_ban,
)

Status = Comment.Status

# One-click moderation: the word in the address, the status it gives, the button's label.
ONE_CLICK = {
    "approve": (Status.APPROVED, "Approve", "approved"),
    "reject": (Status.REJECTED, "Reject", "rejected"),
    "spam": (Status.SPAM, "Spam", "marked as spam"),
}

# How long a ban lasts: the choices offered to moderators, in days (None: for good).
BAN_DURATIONS = [("1", "1 day"), ("7", "1 week"), ("30", "30 days"), ("365", "1 year")]
FOREVER = "forever"


def ban_expiry(duration, now=None):
    if duration == FOREVER:
        return None
    return (now or timezone.now()) + timedelta(days=int(duration))


def clean_ip_network(value):
    """A single address or a range (203.0.113.0/24), normalised; ValidationError otherwise."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return str(ipaddress.ip_network(value, strict=False))
    except ValueError:
        raise forms.ValidationError(
            "Enter an IP address (203.0.113.7) or a range (203.0.113.0/24 or 2001:db8::/32)."
        ) from None


class ModerationActionsMixin:
    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    def has_reveal_email_permission(self, request):
        return request.user.has_perm("comments.reveal_email")

    def has_manage_personal_data_permission(self, request):
        return request.user.has_perm("comments.manage_personal_data")

    def _moderate(self, request, queryset, status, verb):
        changed = comment_set_status(
            comments=queryset, status=status, moderator=request.user, reason="bulk action"
        )
        self.message_user(request, f"{changed} comment(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["moderate"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, Status.APPROVED, "approved")

    @admin.action(description="Reject selected comments", permissions=["moderate"])
    def reject(self, request, queryset):
        self._moderate(request, queryset, Status.REJECTED, "rejected")

    @admin.action(description="Mark selected comments as spam", permissions=["moderate"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Status.SPAM, "marked as spam")

    @admin.action(
        description="Approve all waiting comments from these commenters", permissions=["moderate"]
    )
    def approve_all_from_commenters(self, request, queryset):
        keys = {
            comment_key(comment)
            for comment in queryset.select_related(None).only("email", "email_key")
        }
        changed = sum(
            comment_approve_all_from(email_key=key, moderator=request.user) for key in keys
        )
        self.message_user(
            request,
            f"{changed} comment(s) from {len(keys)} commenter(s) approved.",
            messages.SUCCESS,
        )

    @admin.action(
        description="Ban the commenters of the selected comments…", permissions=["moderate"]
    )
    def ban_commenters(self, request, queryset):
        """Ask how (email, IP) and for how long, then ban; the page posts back to this action."""
        if not request.user.has_perm("comments.add_ban"):
            raise PermissionDenied
        form = BanCommentersForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            bans = ban_commenters_of(queryset, moderator=request.user, **form.cleaned_data)
            self.message_user(request, f"{bans} ban(s) added.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Ban commenters",
            "opts": self.model._meta,
            "form": form,
            "comments": queryset.select_related("article"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/comments/comment/ban_commenters.html", context)


def comment_key(comment):
    """The commenter's keyed email hash (computed for rows stored before it was kept)."""
    return comment.email_key or email_key(comment.email)


class BanCommentersForm(forms.Form):
    by_email = forms.BooleanField(label="Ban their email addresses", required=False, initial=True)
    by_ip = forms.BooleanField(label="Ban their IP addresses", required=False)
    duration = forms.ChoiceField(
        label="For", choices=[*BAN_DURATIONS, (FOREVER, "Good")], initial="30"
    )
    reason = forms.CharField(max_length=150, required=False)
    mark_spam = forms.BooleanField(
        label="Also mark the selected comments as spam", required=False, initial=True
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("by_email") and not cleaned.get("by_ip"):
            raise forms.ValidationError("Ban by email, by IP address, or both.")
        return cleaned


def ban_commenters_of(comments, *, moderator, by_email, by_ip, duration, reason, mark_spam):
    """One ban per distinct (email, IP) among the comments; returns how many were added."""
    expires_at = ban_expiry(duration)
    seen = set()
    for comment in comments:
        email = comment.email.strip().lower() if by_email else ""
        ip_network = (comment.ip_address or "") if by_ip else ""
        if not (email or ip_network) or (email, ip_network) in seen:
            continue
        seen.add((email, ip_network))
        commenter_ban(
            moderator=moderator,
            email=email,
            ip_network=ip_network,
            expires_at=expires_at,
            reason=reason,
            comment=comment,
        )
    if mark_spam:
        comment_set_status(
            comments=comments, status=Status.SPAM, moderator=moderator, reason="commenter banned"
        )
    return len(seen)


class ReportedFilter(admin.SimpleListFilter):
    title = "reports"
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", "Reported"), ("no", "Not reported")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(report_count__gt=0)
        if self.value() == "no":
            return queryset.filter(report_count=0)
        return queryset


@admin.register(Comment)
class CommentAdmin(ModerationActionsMixin, admin.ModelAdmin):
    """The moderation queue: pending comments first, newest first within each status."""

    list_display = [
        "excerpt",
        "article",
        "name",
        "masked_email",
        "age",
        "links",
        "report_count",
        "moderation_reason",
        "status",
    ]
    list_filter = [
        "status",
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

    @admin.display(description="comment")
    def excerpt(self, comment):
        return Truncator(comment.body).chars(80)

    @admin.display(description="email")
    def masked_email(self, comment):
        return mask_email(comment.email)

    @admin.display(description="age", ordering="created_at")
    def age(self, comment):
        return f"{timesince(comment.created_at, depth=1)} ago"

    @admin.display(description="links")
    def links(self, comment):
        return count_links(comment.body)

    @admin.display(description="readers' reports")
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
                        report.details or "no details",
                        f"{timezone.localtime(report.created_at):%Y-%m-%d %H:%M}",
                    )
                    for report in reports
                ),
            ),
        )

    def one_click_column(self, request):
        """Approve / Reject / Spam buttons for each row, posting the changelist's own form."""
        back = request.get_full_path()

        @admin.display(description="moderate")
        def one_click(comment):
            return format_html_join(
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
                    for word, (status, label, _) in ONE_CLICK.items()
                    if comment.status != status
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
        status, _, verb = ONE_CLICK[word]
        comment_set_status(
            comments=Comment.objects.filter(pk=comment.pk),
            status=status,
            moderator=request.user,
            reason="one click in the queue",
        )
        self.message_user(
            request,
            f"Comment by {comment.name} {verb}.",
            messages.SUCCESS,
        )
        return self._back(request)

    def approve_all_from_view(self, request, object_id):
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        comment = self._comment_or_404(request, object_id)
        changed = comment_approve_all_from(email_key=comment_key(comment), moderator=request.user)
        self.message_user(
            request, f"{changed} comment(s) from {comment.name} approved.", messages.SUCCESS
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
            "title": "Email address",
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
            "title": "Personal-data requests",
            "opts": self.model._meta,
            "form": form,
        }
        response = TemplateResponse(request, "admin/comments/comment/personal_data.html", context)
        add_never_cache_headers(response)
        return response


class PersonalDataForm(forms.Form):
    EXPORT, ERASE = "export", "erase"

    email = forms.EmailField(label="Email address", max_length=254)
    task = forms.ChoiceField(
        label="Request",
        choices=[(EXPORT, "Export everything stored (JSON)"), (ERASE, "Erase")],
        widget=forms.RadioSelect,
        initial=EXPORT,
    )
    mode = forms.ChoiceField(
        label="When erasing",
        choices=EraseMode.choices,
        widget=forms.RadioSelect,
        initial=EraseMode.ANONYMISE,
        required=False,
    )
    confirm = forms.BooleanField(label="Yes, erase: this cannot be undone", required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("task") == self.ERASE:
            if not cleaned.get("mode"):
                self.add_error("mode", "Choose whether to keep the comments or delete them.")
            if not cleaned.get("confirm"):
                self.add_error("confirm", "Tick this box to confirm the erasure.")
        return cleaned


# Bans.


class BanForm(forms.ModelForm):
    duration = forms.ChoiceField(
        label="Ban for",
        choices=[*BAN_DURATIONS, (FOREVER, "Good"), ("until", "Until the date below")],
        initial="30",
    )

    class Meta:
        model = Ban
        fields = ["email", "ip_network", "duration", "expires_at", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["duration"].initial = "until" if self.instance.expires_at else FOREVER

    def clean_ip_network(self):
        return clean_ip_network(self.cleaned_data.get("ip_network"))

    def clean(self):
        cleaned = super().clean()
        # Without the reveal permission the email is not in the form: it stays as it was.
        email = cleaned.get("email") if "email" in self.fields else self.instance.email
        if not email and not cleaned.get("ip_network") and not self.errors:
            raise forms.ValidationError("Give an email address, an IP address or range, or both.")
        duration = cleaned.get("duration")
        if duration == "until":
            if not cleaned.get("expires_at"):
                self.add_error("expires_at", "Give the date the ban ends.")
        elif duration:
            cleaned["expires_at"] = ban_expiry(duration)
            self.instance.expires_at = cleaned["expires_at"]
        return cleaned


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    form = BanForm
    list_display = [
        "masked_email",
        "ip_network",
        "reason",
        "expires_at",
        "is_active",
        "created_by",
        "created_at",
    ]
    list_filter = ["expires_at", "created_at"]
    search_fields = ["=email", "ip_network", "reason"]
    readonly_fields = ["created_by", "created_at"]

    @admin.display(description="email", ordering="email")
    def masked_email(self, ban):
        return mask_email(ban.email) if ban.email else "—"

    @admin.display(description="active", boolean=True)
    def is_active(self, ban):
        return ban.expires_at is None or ban.expires_at > timezone.now()

    def get_fields(self, request, obj=None):
        fields = ["email", "ip_network", "duration", "expires_at", "reason"]
        if obj is not None and not request.user.has_perm("comments.reveal_email"):
            fields[0] = "masked_email"
        return [*fields, "created_by", "created_at"] if obj else fields

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not request.user.has_perm("comments.reveal_email"):
            readonly.append("masked_email")
        return readonly

    def save_model(self, request, obj, form, change):
        ban_save(ban=obj, moderator=request.user)

    def delete_model(self, request, obj):
        ban_lift(ban=obj, moderator=request.user)

    def delete_queryset(self, request, queryset):
        for ban in queryset:
            ban_lift(ban=ban, moderator=request.user)


# The log and the reports: read-only for everyone, superusers included.


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

    @admin.display(description="comment")
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


from . import admin_settings  # noqa: E402, F401  (registers the discussion settings admin)
