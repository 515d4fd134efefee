"""Readers report an approved comment: the form, the page, and the limits on reporting."""

import time

from django import forms
from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from articles.models import Article

from . import ratelimit
from .models import Comment, CommentReport
from .privacy import keyed_hash, reporter_key
from .services import AlreadyReported, comment_report
from .views import client_ip


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"),
        choices=CommentReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a reason."),
            "invalid_choice": _("Please choose one of the reasons listed."),
        },
    )
    details = forms.CharField(
        label=_("Anything moderators should know? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )

    def clean_details(self):
        # PostgreSQL refuses NUL in text; the rest of a reader's text is kept as typed.
        return self.cleaned_data["details"].replace("\x00", "")


def report_rate_limit():
    """(reports, seconds): how many reports one IP address may send in that many seconds."""
    return getattr(settings, "NEWSROOM_COMMENT_REPORT_RATE", (10, 3600))


def is_rate_limited(ip_address):
    """Count this report against its IP address; True once the address is over the limit."""
    limit, seconds = report_rate_limit()
    # A keyed hash: the cache holds no readable IP address.
    key = f"report-ip:{keyed_hash('report-rate', ip_address or '')}"
    return ratelimit.hit(key, seconds, time.time()) > limit


def reportable_comment(comment_id):
    """An approved comment under a published article, or 404."""
    comment = (
        Comment.objects.approved()
        .filter(pk=comment_id, article__in=Article.objects.published())
        .select_related("article")
        .first()
    )
    if comment is None:
        raise Http404("No comment to report here.")
    return comment


@never_cache
@require_http_methods(["GET", "POST"])
def comment_report_view(request, comment_id):
    """GET: the report form. POST: record the report once per client, and thank the reader."""
    comment = reportable_comment(comment_id)
    context = {"comment": comment, "article": comment.article}
    if request.method == "GET":
        context["form"] = ReportForm()
        return TemplateResponse(request, "comments/report_form.html", context)
    form = ReportForm(request.POST)
    if not form.is_valid():
        context["form"] = form
        return TemplateResponse(request, "comments/report_form.html", context, status=400)
    ip_address = client_ip(request)
    if is_rate_limited(ip_address):
        return TemplateResponse(request, "comments/report_limited.html", context, status=429)
    try:
        comment_report(
            comment=comment,
            reporter_key=reporter_key(
                ip_address=ip_address, user_agent=request.headers.get("User-Agent", "")
            ),
            **form.cleaned_data,
        )
    except AlreadyReported:
        context["already_reported"] = True
    return TemplateResponse(request, "comments/report_thanks.html", context)
