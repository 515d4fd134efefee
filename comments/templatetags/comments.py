import functools
import time

from django import template
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.dateformat import re_escaped, re_formatchars
from django.utils.dates import MONTHS, MONTHS_ALT
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, pgettext_lazy

import pagecache
from pagecache import fragments

from ..forms import CommentForm, form_token
from ..models import Comment
from ..moderation import comments_close_time, comments_closed_reason
from ..threads import MAX_DEPTH, cached_discussion_settings, thread_page
from ..views import is_signed_in

register = template.Library()


# Reader-supplied links: no endorsement for search engines, no window.opener for the target.
LINK_REL = "nofollow ugc noopener"
# A comment's time in its datetime attribute (ISO 8601, as the date filter's "Y-m-d\TH:i:sO").
ISO_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# As readers see it: each language writes its own ("7 de mayo de 2026 a las 10:30").
SHOWN_FORMAT = pgettext_lazy("comment time format", "j F Y \\a\\t H:i")


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


def page_number(request):
    """The ?cpage= asked for, as a short string of digits ("1" for anything else)."""
    value = request.GET.get("cpage", "1") if request is not None else "1"
    return value if len(value) < 10 and value.isascii() and value.isdigit() else "1"


def thread_fragment(article, request, discussion, *, closed_reason):
    """The comment thread shown on this page, as a fragment (pagecache/fragments.py).

    What it shows changes with the story's comments (article:<id>) and the discussion settings
    (site); its queries run only when it is rendered. Its key holds what else it depends on:
    the page of comments and whether replies are open.
    """
    number = page_number(request)
    may_reply = not closed_reason and discussion.thread_depth > 1
    return fragments.Fragment(
        "thread",
        f"{article.pk}:{number}:{int(may_reply)}:{discussion.thread_depth}"
        f":{discussion.comments_per_page}",
        ("site", f"article:{article.pk}"),
        functools.partial(
            render_thread,
            article,
            number=number,
            discussion=discussion,
            may_reply=may_reply,
        ),
        raw=True,
    )


def render_thread(article, *, number, discussion, may_reply):
    """The page of threads and the page links, and the approved comments' count (a value)."""
    page, count = thread_page(article, number=number, per_page=discussion.comments_per_page)
    replies_until = discussion.thread_depth if may_reply else 0
    html = render_to_string(
        "comments/includes/comment_thread.html",
        {
            "comments_html": comments_html(page, replies_until=replies_until),
            "page": page,
            "is_paginated": page.paginator.num_pages > 1,
        },
    )
    # The count too, for the heading: the page's article row may come from a cache.
    return {"html": html, "count": count}


def comments_html(page, *, replies_until):
    """Every comment of the page and its replies, in one pass (no template per comment).

    A comment of depth below replies_until gets a Reply link. What is the same for every
    comment (rel, classes, the link texts) is worked out once; the name, text and links are
    escaped here.
    """
    reply_query = "?" + (f"cpage={page.number}&amp;" if page.number > 1 else "") + "replytocom="
    reply_text, report_text = escape(gettext("Reply")), escape(gettext("Report"))
    # The name goes where the translation puts it.
    reply_to = escape(gettext("to %(name)s"))
    report_by = escape(gettext("this comment by %(name)s"))
    shown = date_formatter(str(SHOWN_FORMAT))
    report_url = reverse("comments:report", args=[0]).replace("/0/", "/%(pk)s/")
    parts = []

    def add(comment, depth):
        pk, name = comment.pk, escape(comment.name)
        if comment.url:
            name_html = f'<a href="{escape(comment.url)}" rel="{LINK_REL} external">{name}</a>'
        else:
            name_html = name
        created = timezone.localtime(comment.created_at)
        iso, shown_at = created.strftime(ISO_FORMAT), escape(shown(created))
        parts.append(
            f'<li class="comment" id="comment-{pk}"><article><footer class="comment__meta">'
            f'<span class="comment__author">{name_html}</span> '
            f'<time datetime="{iso}"><a href="#comment-{pk}">{shown_at}</a></time></footer>'
            f'<div class="comment__body">{rendered_comment(str(comment.body))}'
            '</div><p class="comment__actions">'
        )
        if comment.depth < replies_until:
            parts.append(
                f'<a class="comment__reply" rel="nofollow" href="{reply_query}{pk}#respond">'
                f'{reply_text}<span class="visually-hidden"> {reply_to % {"name": name}}'
                "</span></a> "
            )
        parts.append(
            f'<a class="comment__report" rel="nofollow" href="{report_url % {"pk": pk}}">'
            f'{report_text}<span class="visually-hidden"> {report_by % {"name": name}}'
            "</span></a></p></article>"
        )
        children = getattr(comment, "children", ())
        if children and depth < MAX_DEPTH:
            parts.append('<ol class="comment-list comment-list--replies">')
            for child in children:
                add(child, depth + 1)
            parts.append("</ol>")
        parts.append("</li>")

    for comment in page.object_list:
        add(comment, 1)
    return mark_safe("".join(parts))  # noqa: S308 (every value escaped above)


# The codes a thread's time format uses most, worked out directly; any other one goes through
# Django's dateformat, which reads every format string anew for every date.
QUICK_DATE_CODES = {
    "d": lambda value: f"{value.day:02d}",
    "j": lambda value: str(value.day),
    "m": lambda value: f"{value.month:02d}",
    "n": lambda value: str(value.month),
    "F": lambda value: str(MONTHS[value.month]),
    "E": lambda value: str(MONTHS_ALT[value.month]),
    "Y": lambda value: f"{value.year:04d}",
    "H": lambda value: f"{value.hour:02d}",
    "G": lambda value: str(value.hour),
    "i": lambda value: f"{value.minute:02d}",
}


@functools.lru_cache(maxsize=64)
def date_formatter(date_format):
    """A function writing a datetime in date_format exactly as Django's date filter would.

    The format is read once (as django.utils.dateformat reads it: a backslash makes the next
    character plain), not once per comment.
    """
    pieces = []  # Plain text, or a function of the datetime.
    for i, piece in enumerate(re_formatchars.split(date_format)):
        if i % 2:
            quick = QUICK_DATE_CODES.get(piece)
            pieces.append(quick or functools.partial(format_date, format_string=piece))
        elif piece:
            pieces.append(re_escaped.sub(r"\1", piece))

    def formatted(value):
        return "".join(piece if isinstance(piece, str) else piece(value) for piece in pieces)

    return formatted


# Stands for the form's signed time in a shared copy of the form (letters only: never escaped).
ISSUED_PLACEHOLDER = "issuedtimeplaceholder"


def form_fragment(article, request, reply_to):
    """The comment form as every reader gets it before writing, as a fragment.

    The same for everyone but for its signed time, which stands as ISSUED_PLACEHOLDER (see
    form_html()); a form with a reader's words and errors, or a signed-in user's (it carries
    their CSRF token), is rendered for that request instead. It shows the story's address, and
    the comment replied to (?replytocom=), which changes with the story's comments.
    """
    number = page_number(request)
    return fragments.Fragment(
        "comment-form",
        f"{article.pk}:{number}:{reply_to.pk if reply_to else ''}",
        # Its address changes with the story; the comment replied to with the comments.
        ("site", f"article:{article.pk}" if reply_to else f"story:{article.pk}"),
        lambda: render_to_string(
            "comments/includes/comment_form.html",
            {
                "article": article,
                "cpage": int(number),
                "reply_to": reply_to,
                "form": CommentForm(),
                "issued": ISSUED_PLACEHOLDER,
            },
        ),
    )


def form_html(shared, issued):
    """The shared form (from form_fragment) with this page's signed time in it."""
    return mark_safe(shared.replace(ISSUED_PLACEHOLDER, issued))  # noqa: S308 (signed token)


FIELDS_TEMPLATE = "comments/includes/comment_form_fields.html"


@register.simple_tag
def comment_form_fields(form):
    """The form's labelled fields, and their errors once it is sent back."""
    if type(form) is CommentForm and not form.is_bound and not form.initial:
        return blank_form_fields(get_language() or "")
    return render_to_string(FIELDS_TEMPLATE, {"form": form})


# A blank form's fields are the same for every reader and story (they carry no value, and the
# widgets' templates were most of a form's render): rendered once per language in each worker.
@functools.lru_cache(maxsize=16)
def blank_form_fields(language):
    return render_to_string(FIELDS_TEMPLATE, {"form": CommentForm()})


@register.inclusion_tag("comments/includes/comment_section.html", takes_context=True)
def comment_section(context, article):
    """The approved comments under an article, a page of threads at a time, then the form.

    The thread and the form come from the page's fragments when the view looked them up
    (context "fragments"), else they are rendered here. After a refused post the form comes
    back bound, with the message and the reply target.
    """
    request = context.get("request")
    discussion = context.get("discussion") or cached_discussion_settings()
    closed_reason = comments_closed_reason(article, discussion, timezone.now())
    if not closed_reason and request is not None:
        # A cached copy of the page must not outlive the form.
        pagecache.depends_on(request, expires_at=comments_close_time(article, discussion))
    page_fragments = context.get("fragments") or {}
    thread = page_fragments.get("thread")
    if thread is None:
        thread = thread_fragment(article, request, discussion, closed_reason=closed_reason).render()
    if "comment_form" in context:
        reply_to = context.get("comment_reply_to")
    elif "comment_reply_target" in context:
        reply_to = context["comment_reply_target"]  # Looked up by the view.
    else:
        reply_to = None if closed_reason else reply_target(request, article, discussion)
    cpage = int(page_number(request))
    # The same for every reader of a cached copy: the time this page was rendered, which
    # comments.js renews when the reader starts writing.
    issued = context.get("comment_issued") or form_token(time.time())
    # Only signed-in users, whose pages are never shared, post with Django's token (and
    # not "csrf_token": an inclusion tag overwrites that with the page's own token).
    signed_in = request is not None and is_signed_in(request)
    form_csrf_token = get_token(request) if signed_in else ""
    form = context.get("comment_form")
    shared = page_fragments.get("comment-form")
    if closed_reason:
        form_part = ""
    elif form is None and not signed_in and shared is not None:
        form_part = form_html(shared, issued)
    else:
        form_part = render_to_string(
            "comments/includes/comment_form.html",
            {
                "article": article,
                "cpage": cpage,
                "reply_to": reply_to,
                "form": form or CommentForm(),
                "form_message": context.get("comment_form_message", ""),
                "issued": issued,
                "form_csrf_token": form_csrf_token,
            },
        )
    return {
        "article": article,
        "comment_count": thread["count"],
        "thread": mark_safe(thread["html"]),  # noqa: S308 (a rendered template)
        "closed_reason": closed_reason,
        "form_html": form_part,
        "messages": context.get("messages"),
        "request": request,
    }
