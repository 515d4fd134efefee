from django import template
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from ..forms import CommentForm

register = template.Library()

# Reader-supplied links: no endorsement for search engines, no window.opener for the target.
LINK_REL = "nofollow ugc noopener"


@register.filter
def comment_html(text):
    """Render a comment's plain text: escaped, paragraphs and line breaks kept, links marked."""
    # A plain str even if handed a SafeString: urlize would trust and not escape that.
    plain = str.__str__(str(text))
    linked = urlize(plain, autoescape=True)
    # urlize escaped the text (a reader's "<" is "&lt;" now), so every "<a " left is a link it
    # wrote itself, web or mailto: mark each one, not only those urlize would mark nofollow.
    linked = linked.replace("<a href=", f'<a rel="{LINK_REL}" href=')
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
