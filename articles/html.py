"""Sanitising and shaping article HTML.

A body is made ready for readers once, when it is saved: render_body() links outside pictures
and sanitises, and the result is kept in Article.body_html. Pages then only place the photos and
the dateline (shape_body()), which may change without the article being saved.
"""

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
    # data-file: the photo library id the editor keeps on a placed photo.
    "img": {"src", "alt", "width", "height", "title", "data-file"},
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
# A library photo placed in the body: the editor stores <img src="/photos/<id>/" ...>.
PLACED_PHOTO = re.compile(r"<img\b[^>]*?\bsrc=\"/photos/(\d+)/\"[^>]*>", re.IGNORECASE)


def placed_photo_ids(body):
    """The ids of the library photos placed in a body, in order."""
    return [int(match) for match in PLACED_PHOTO.findall(body or "")]


def embed_photos(body, photos, render):
    """Replace each placed photo with render(photo); drop those no longer in the library."""

    def replace(match):
        photo = photos.get(int(match.group(1)))
        return render(photo) if photo is not None else ""

    return PLACED_PHOTO.sub(replace, body)


# A picture from another site in a stored body: an import whose files were not found, or one
# pasted in. Pages load nothing from other sites (no reader is seen by a third party, and the
# CSP allows images from our own origins only), so each one becomes a link to the picture.
# Done before sanitising, which then cleans whatever the patterns made of odd markup.
OUTSIDE_IMAGE = r'<img\b[^>]*?\bsrc="((?:https?:)?//[^"]+)"[^>]*>'
LINKED_OUTSIDE_IMAGE = re.compile(
    rf'<a\b[^>]*?\bhref="([^"]*)"[^>]*>\s*{OUTSIDE_IMAGE}\s*</a>', re.IGNORECASE
)
LONE_OUTSIDE_IMAGE = re.compile(OUTSIDE_IMAGE, re.IGNORECASE)
ALT = re.compile(r'\balt="([^"]*)"')
ANY_IMAGE = re.compile(r"<img\b", re.IGNORECASE)


def link_outside_images(body):
    """Replace each image from another site with a link to it, named by its alt text or file."""
    if not ANY_IMAGE.search(body or ""):
        return body

    def link(href, src, img):
        alt = ALT.search(img)
        name = alt.group(1).strip() if alt else ""
        return f'<a href="{href}">Picture: {name or file_name(src)}</a>'

    body = LINKED_OUTSIDE_IMAGE.sub(lambda m: link(m.group(1), m.group(2), m.group(0)), body)
    return LONE_OUTSIDE_IMAGE.sub(lambda m: link(m.group(1), m.group(1), m.group(0)), body)


def file_name(url):
    return url.split("?")[0].rstrip("/").rsplit("/")[-1]


def render_body(body):
    """The body as readers get it, before photos and dateline: what Article.body_html keeps.

    Changing the rules in this module changes stored bodies only when they are rendered again
    (see migration 0006): ship such a change with a migration that does.
    """
    return sanitize_html(link_outside_images(body))


def stored_body(article):
    """The article's rendered body: body_html, or rendered now if no save() wrote it.

    body_html is not editable and is only written from render_body() (Article.save(), bulk
    writes, migration 0006), so it is not sanitised again here. A row written without any of
    them (a fixture, a raw update) has none and is rendered per view.
    """
    if article.body_html is None:
        return render_body(article.body)
    return article.body_html


def shape_body(html, dateline, render_photo=None, photos=None):
    """Place the photos and lead the first paragraph with the dateline; html from render_body().

    Placed photos become responsive markup through render_photo (after sanitising, since that
    markup is ours: <picture>, <source> and srcset are not allowed in stored bodies).
    """
    if render_photo is not None:
        html = embed_photos(html, photos or {}, render_photo)
    if not dateline:
        return mark_safe(html)  # noqa: S308 (sanitised by render_body)
    lead = f'<span class="dateline">{escape(dateline)}</span> — '
    match = FIRST_PARAGRAPH.search(html)
    if match is None:
        return mark_safe(f"<p>{lead}</p>{html}")  # noqa: S308 (sanitised, dateline escaped)
    html = f"{html[: match.end()]}{lead}{html[match.end() :]}"
    return mark_safe(html)  # noqa: S308 (sanitised by render_body, dateline escaped)


def body_with_dateline(body, dateline, render_photo=None, photos=None):
    """Lead the first paragraph with the dateline, as in "MOSCOW — The talks …".

    The whole way from a raw body, as pages did before body_html; pages use stored_body().
    """
    return shape_body(render_body(body), dateline, render_photo, photos)
