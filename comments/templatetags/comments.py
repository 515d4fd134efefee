from django import template
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from ..forms import CommentForm

register = template.Library()


@register.filter
def comment_html(text):
    """Render a comment's plain text: escaped, paragraphs and line breaks kept, links marked."""
    linked = urlize(text, nofollow=True, autoescape=True)
    # urlize escaped the text, so the only rel="nofollow" left is the one it wrote itself.
    linked = linked.replace(' rel="nofollow"', ' rel="nofollow ugc noopener"')
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 (escaped above)


@register.inclusion_tag("comments/includes/comment_section.html", takes_context=True)
def comment_section(context, article):
    """The approved comments under an article, then the form (bound again after an error)."""
    comments = list(article.comments.approved().order_by("created_at", "id"))
    return {
        "article": article,
        "comments": comments,
        "form": context.get("comment_form") or CommentForm(),
        "messages": context.get("messages"),
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }
