import ipaddress

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from articles.models import Article

from .forms import CommentForm
from .services import CommentsClosed, comment_submit


def client_ip(request):
    """The address the request came from, or None when it is missing or not an IP address."""
    # Behind a proxy, configure it to set REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips).
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


@require_POST
def comment_post(request, article_id):
    """Take a reader's comment; on success redirect back to the article (Post/Redirect/Get)."""
    article = Article.objects.published().for_listing().filter(pk=article_id).first()
    if article is None:
        raise Http404("No published article takes comments here.")
    if not article.comments_open:
        return comments_closed(request, article)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "articles/article_detail.html",
            {"article": article, "comment_form": form},
            status=400,
        )
    try:
        comment_submit(
            article=article,
            ip_address=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
            **form.cleaned_data,
        )
    except CommentsClosed:
        return comments_closed(request, article)
    messages.success(request, "Your comment is awaiting moderation.")
    return redirect(f"{article.get_absolute_url()}#comments")
