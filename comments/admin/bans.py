"""Bans: the Ban admin, and banning the commenters of selected comments from the queue
(how long a ban lasts, the IP ranges accepted)."""

import ipaddress
from datetime import timedelta

from django import forms
from django.contrib import admin
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from ..models import Ban, Comment
from ..privacy import mask_email
from ..services import ban_lift, ban_save, comment_set_status, commenter_ban

Status = Comment.Status

# How long a ban lasts: the choices offered to moderators, in days, or with no end.
BAN_DURATIONS = [("1", _("1 day")), ("7", _("1 week")), ("30", _("30 days")), ("365", _("1 year"))]
FOREVER = "forever"
PERMANENTLY = _("permanently")


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
            _("Enter an IP address (203.0.113.7) or a range (203.0.113.0/24 or 2001:db8::/32).")
        ) from None


class BanCommentersForm(forms.Form):
    by_email = forms.BooleanField(
        label=_("Ban their email addresses"), required=False, initial=True
    )
    by_ip = forms.BooleanField(label=_("Ban their IP addresses"), required=False)
    duration = forms.ChoiceField(
        label=_("How long"), choices=[*BAN_DURATIONS, (FOREVER, PERMANENTLY)], initial="30"
    )
    reason = forms.CharField(label=_("Reason"), max_length=150, required=False)
    mark_spam = forms.BooleanField(
        label=_("Also mark the selected comments as spam"), required=False, initial=True
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("by_email") and not cleaned.get("by_ip"):
            raise forms.ValidationError(_("Ban by email, by IP address, or both."))
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


class BanForm(forms.ModelForm):
    duration = forms.ChoiceField(
        label=_("How long"),
        choices=[*BAN_DURATIONS, (FOREVER, PERMANENTLY), ("until", _("Until the date below"))],
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
            raise forms.ValidationError(
                _("Give an email address, an IP address or range, or both.")
            )
        duration = cleaned.get("duration")
        if duration == "until":
            if not cleaned.get("expires_at"):
                self.add_error("expires_at", _("Give the date the ban ends."))
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
        "ends",
        "is_active",
        "created_by",
        "created_at",
    ]
    list_filter = ["expires_at", "created_at"]
    search_fields = ["=email", "ip_network", "reason"]
    readonly_fields = ["created_by", "created_at"]

    @admin.display(description=_("email"), ordering="email")
    def masked_email(self, ban):
        return mask_email(ban.email) if ban.email else "—"

    @admin.display(description=_("ends"), ordering="expires_at")
    def ends(self, ban):
        """The end of the ban, or "permanently" for one with no end."""
        if ban.expires_at is None:
            return PERMANENTLY
        return formats.date_format(timezone.localtime(ban.expires_at), "DATETIME_FORMAT")

    @admin.display(description=_("active"), boolean=True)
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
