import functools
import time

from django import template
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

import pagecache

from ..forms import CommentForm, form_token
from ..models import Comment
from ..moderation import comments_close_time, comments_closed_reason
from ..threads import discussion_settings, thread_page
from ..views import is_signed_in

register = template.Library()


# Reader-supplied links: no endorsement for search engines, no window.opener for the target.
LINK_REL = "nofollow ugc noopener"


@register.filter
def comment_html(text):
    """Render a comment's plain text: escaped, paragraphs and line breaks kept, links marked."""
    # A plain str even if handed a SafeString: urlize would trust and not escape that.
    return mark_safe(rendered_comment(str.__str__(str(text))))  # noqa: S308 (escaped below)


# A pure function of the text, and urlize is the slowest step of an article page: each worker
# keeps the latest few thousand results (a few MB) instead of redoing them on every render.
@functools.lru_cache(maxsize=4096)
def rendered_comment(plain):
    linked = urlize(plain, autoescape=True)
    # urlize escaped the text (a reader's "<" is "&lt;" now), so every "<a " left is a link it
    # wrote itself, web or mailto: mark each one, not only those urlize would mark nofollow.
    linked = linked.replace("<a href=", f'<a rel="{LINK_REL}" href=')
    return str(linebreaks(linked, autoescape=False))


def approved_count(article):
    """The article's approved comments: the annotation from for_listing(), or one query."""
    count = getattr(article, "comment_count", None)
    return article.comments.approved().count() if count is None else count


def reply_target(request, article, discussion):
    """The comment named by ?replytocom= (the reply link without JavaScript), or None."""
    value = request.GET.get("replytocom", "") if request is not None else ""
    if not (len(value) < 20 and value.isascii() and value.isdigit() and 0 < int(value) < 2**63):
        return None
    return (
        Comment.objects.approved()
        .filter(article=article, pk=int(value), depth__lt=discussion.thread_depth)
        .first()
    )


@register.inclusion_tag("comments/includes/comment_section.html", takes_context=True)
def comment_section(context, article):
    """The approved comments under an article, a page of threads at a time, then the form.

    After a refused post the form comes back bound, with the message and the reply target.
    """
    request = context.get("request")
    discussion = discussion_settings()
    closed_reason = comments_closed_reason(article, discussion, timezone.now())
    if not closed_reason and request is not None:
        # A cached copy of the page must not outlive the form.
        pagecache.depends_on(request, expires_at=comments_close_time(article, discussion))
    count = approved_count(article)
    number = request.GET.get("cpage", 1) if request is not None else 1
    page = thread_page(
        article,
        number=number,
        per_page=discussion.comments_per_page,
        count=0 if count == 0 else None,
    )
    if "comment_form" in context:
        reply_to = context.get("comment_reply_to")
    else:
        reply_to = None if closed_reason else reply_target(request, article, discussion)
    return {
        "article": article,
        "comments": page.object_list,
        "comment_count": count,
        "page": page,
        "is_paginated": page.paginator.num_pages > 1,
        "may_reply": not closed_reason and discussion.thread_depth > 1,
        "thread_depth": discussion.thread_depth,
        "closed_reason": closed_reason,
        "reply_to": reply_to,
        "form": context.get("comment_form") or CommentForm(),
        "form_message": context.get("comment_form_message", ""),
        # The same for every reader of a cached copy: the time this page was rendered, which
        # comments.js renews when the reader starts writing.
        "issued": context.get("comment_issued") or form_token(time.time()),
        "messages": context.get("messages"),
        "request": request,
        # Only signed-in users, whose pages are never shared, post with Django's token (and
        # not "csrf_token": an inclusion tag overwrites that with the page's own token).
        "form_csrf_token": get_token(request)
        if request is not None and is_signed_in(request)
        else "",
    }
