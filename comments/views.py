import ipaddress
import logging
import time

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from security.origins import REFUSED_MESSAGE, request_refusal

from . import ratelimit
from .forms import PARENT_MESSAGE, TOKEN_MESSAGE, CommentForm, CommentGuardForm, form_token
from .models import Comment
from .moderation import comments_closed_reason
from .privacy import email_key
from .services import CommentsClosed, DuplicateComment, ReplyTargetGone, comment_submit
from .threads import discussion_settings, page_number_of

AWAITING_MESSAGE = _("Your comment is awaiting moderation.")
PUBLISHED_MESSAGE = _("Your comment is published.")
DUPLICATE_MESSAGE = _(
    "You have already posted this comment here (it may be waiting for moderation), "
    "so it was not sent again."
)
RATE_MESSAGES = {
    "email": _("You have posted several comments in the last few minutes."),
    "ip": _("Several comments have come from your network in the last few minutes."),
    "article": _("This article is receiving a great many comments right now."),
}
RATE_ADVICE = _("Please wait %(minutes)s and send yours again; what you wrote is kept below.")
logger = logging.getLogger(__name__)


def client_ip(request):
    """The address the request came from, or None when it is missing or not an IP address."""
    # Behind a proxy, DJANGO_PROXY_COUNT has REMOTE_ADDR set from X-Forwarded-For
    # (security.middleware.TrustedProxyMiddleware).
    address = request.META.get("REMOTE_ADDR") or ""
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address


def comments_closed(request, article):
    return TemplateResponse(
        request, "comments/comments_closed.html", {"article": article}, status=403
    )


def refused(request, article, form, *, status, issued, reply_to=None, message=""):
    """The article page again, with the reader's words in the form and why they were refused."""
    context = {
        "article": article,
        "comment_form": form,
        "comment_form_message": message,
        "comment_issued": issued,
        "comment_reply_to": reply_to,
    }
    return TemplateResponse(request, "articles/article_detail.html", context, status=status)


def request_size(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@csrf_exempt  # checked below, once the size is known: CSRF checking reads the whole body
@require_POST
def comment_post(request, article_id):
    """Take a reader's comment; on success redirect back to the article (Post/Redirect/Get).

    The form sits on article pages that nginx and a CDN keep for every reader, so it carries no
    per-reader token: a forgery is refused by where the browser says the post comes from
    (security/origins.py). A signed-in user's post is a forgery target worth more (their
    session), so it must carry Django's CSRF token as well; their pages are never shared.
    """
    if request_size(request) > settings.NEWSROOM_COMMENT_MAX_REQUEST_BYTES:
        # Refused before the body is read; a 5,000-character comment is far smaller.
        return TemplateResponse(request, "comments/comment_too_large.html", status=413)
    refusal = request_refusal(request)
    if refusal:
        logger.info("Comment post refused as cross-origin (%s)", refusal)
        raise PermissionDenied(REFUSED_MESSAGE)
    if is_signed_in(request):
        return csrf_protect(take_comment)(request, article_id)
    return take_comment(request, article_id)


def is_signed_in(request):
    # The session is read only when there is one: a reader's post never loads it.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


@require_GET
@never_cache
def comment_form_time(request):
    """A freshly signed form time, which comments.js puts in a form from a cached page."""
    return HttpResponse(form_token(time.time()), content_type="text/plain; charset=utf-8")


def form_max_age():
    """How old a form's signed time may be: the form's own limit plus the longest a cached copy
    of its page may be served. The lifetimes add up: Django's page cache keeps a copy fresh,
    then serves it stale while it is rendered again; a shared cache in front receives it at the
    end of that, keeps it for s-maxage and serves it stale while revalidating."""
    return (
        settings.NEWSROOM_COMMENT_FORM_MAX_AGE
        + settings.NEWSROOM_PAGE_CACHE_SECONDS
        + settings.NEWSROOM_PAGE_STALE_SECONDS
        + settings.NEWSROOM_PAGE_SHARED_MAX_AGE
        + settings.NEWSROOM_PAGE_STALE_WHILE_REVALIDATE
    )


def take_comment(request, article_id):
    article = Article.objects.published().for_listing().filter(pk=article_id).first()
    if article is None:
        raise Http404("No published article takes comments here.")
    now = timezone.now()
    discussion = discussion_settings()
    if comments_closed_reason(article, discussion, now):
        return comments_closed(request, article)

    form = CommentForm(request.POST)
    guard = CommentGuardForm(
        request.POST,
        now=now.timestamp(),
        min_age=settings.NEWSROOM_COMMENT_MIN_SECONDS,
        max_age=form_max_age(),
    )
    form_ok, guard_ok = form.is_valid(), guard.is_valid()
    submitted_token = request.POST.get("issued", "")
    if guard_ok or guard.has_error("__all__", "too_fast"):
        issued = submitted_token  # still good: sent again a moment later, it is accepted
    else:
        issued = form_token(now.timestamp())
    reply_to = None
    if guard_ok and guard.cleaned_data["replytocom"]:
        reply_to = (
            Comment.objects.approved()
            .filter(article=article, pk=guard.cleaned_data["replytocom"])
            .select_related("parent__parent")
            .first()
        )
        if reply_to is None:
            return refused(
                request, article, form, status=400, issued=issued, message=PARENT_MESSAGE
            )
    if not (form_ok and guard_ok):
        message = " ".join(guard.non_field_errors())
        if not guard_ok and not message:
            message = TOKEN_MESSAGE
        return refused(
            request, article, form, status=400, issued=issued, reply_to=reply_to, message=message
        )

    ip_address = client_ip(request)
    scope = ratelimit.over_limit(
        ip_address=ip_address,
        email_key=email_key(form.cleaned_data["email"]),
        article_id=article.pk,
    )
    if scope:
        wait = ratelimit.retry_after()
        minutes = max(1, round(wait / 60))
        duration = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
        advice = RATE_ADVICE % {"minutes": duration}
        response = refused(
            request,
            article,
            form,
            status=429,
            issued=issued,
            reply_to=reply_to,
            message=f"{RATE_MESSAGES[scope]} {advice}",
        )
        response["Retry-After"] = str(wait)
        return response

    try:
        comment = comment_submit(
            article=article,
            ip_address=ip_address,
            user_agent=request.headers.get("User-Agent", ""),
            parent=reply_to,
            site_url=request.build_absolute_uri("/"),
            now=now,
            **form.cleaned_data,
        )
    except CommentsClosed:
        return comments_closed(request, article)
    except ReplyTargetGone:
        return refused(request, article, form, status=400, issued=issued, message=PARENT_MESSAGE)
    except DuplicateComment:
        return refused(
            request,
            article,
            form,
            status=409,
            issued=issued,
            reply_to=reply_to,
            message=DUPLICATE_MESSAGE,
        )
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, PUBLISHED_MESSAGE)
        page = page_number_of(comment, per_page=discussion.comments_per_page)
        query = f"?cpage={page}" if page > 1 else ""
        return redirect(f"{article.get_absolute_url()}{query}#comment-{comment.pk}")
    # Spam is told the same as a held comment: nothing for a spammer to learn from.
    messages.success(request, AWAITING_MESSAGE)
    return redirect(f"{article.get_absolute_url()}#comments")
