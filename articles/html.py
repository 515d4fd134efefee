"""Sanitising and shaping article HTML. Stored bodies always pass through sanitize_html()."""

import re

import nh3
from django.utils.html import escape
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "a", "ul", "ol", "li",
    "blockquote", "figure", "figcaption", "img", "hr", "code", "pre", "sub", "sup",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "abbr", "cite", "q",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html):
    """Keep the structure editors write; drop scripts, styles, frames, event handlers, bad URLs."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    )


FIRST_PARAGRAPH = re.compile(r"<p(\s[^>]*)?>", re.IGNORECASE)


def body_with_dateline(body, dateline):
    """Lead the first paragraph with the dateline, as in "MOSCOW — The talks …"."""
    body = sanitize_html(body)
    if not dateline:
        return mark_safe(body)  # noqa: S308 (sanitised above)
    lead = f'<span class="dateline">{escape(dateline)}</span> — '
    match = FIRST_PARAGRAPH.search(body)
    if match is None:
        return mark_safe(f"<p>{lead}</p>{body}")  # noqa: S308 (sanitised above, dateline escaped)
    body = f"{body[: match.end()]}{lead}{body[match.end() :]}"
    return mark_safe(body)  # noqa: S308 (sanitised above, dateline escaped)
