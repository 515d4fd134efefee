"""A story's card in lists (front page, sections, related stories), built in Python.

A page of lists holds up to ~90 cards: one template included per card was most of the front
page's render. Every value is escaped here; the texts are translatable, and the date is the
template's "j M Y" in the site's time zone (its month names translated).
"""

import functools
import html

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

from photos.templatetags.photos import responsive_image

LEAD_SIZES = "(min-width: 56rem) 44rem, 100vw"
CARD_SIZES = "(min-width: 40rem) 22rem, 100vw"


def escape(value):
    """django.utils.html.escape(value), the same text, without its check for lazy strings
    (a front page escapes about a thousand values)."""
    return html.escape(str(value))


@functools.lru_cache(maxsize=16)
def texts(language):
    """What every card in a language writes the same, translated once (catalogs are fixed)."""
    return {
        "months": {number: str(name).title() for number, name in MONTHS_3.items()},
        "by": escape(gettext("By %(names)s")),
        "and": escape(gettext("%(names)s and %(last)s")),
    }


def card(article, *, size=None, compact=False, level=2, show_section=False):
    """The card of article (loaded with cards() or for_listing(): no query here)."""
    url = escape(article.get_absolute_url())
    parts = [f'<article class="card card--{escape(size)}">' if size else '<article class="card">']
    if article.lead_photo_id and not compact:
        lead = size == "lead"
        context = responsive_image(
            article.lead_photo,
            ratio="16:9",
            sizes=LEAD_SIZES if lead else CARD_SIZES,
            lazy=not lead,
        )
        photo = render_to_string("photos/includes/responsive_image.html", context)
        parts.append(f'<div class="card__photo">{photo}</div>')
    if show_section:
        section = article.section
        parts.append(
            f'<p class="card__section"><a href="{escape(section.get_absolute_url())}">'
            f"{escape(section.name)}</a></p>"
        )
    level = int(level or 2)
    parts.append(
        f'<h{level} class="card__headline"><a href="{url}">{escape(article.headline)}</a>'
        f"</h{level}>"
    )
    if article.dek and not compact:
        parts.append(f'<p class="card__dek">{escape(article.dek)}</p>')
    said = texts(get_language())
    authors = article.byline_authors
    meta = [byline_text(authors, said=said)] if authors else []
    local = timezone.localtime(article.published_at)
    shown = f"{local.day} {said['months'][local.month]} {local.year}"
    meta.append(f'<time datetime="{local.strftime("%Y-%m-%dT%H:%M:%S%z")}">{escape(shown)}</time>')
    count = getattr(article, "comment_count", 0)
    if count:
        text = ngettext("%(counter)s comment", "%(counter)s comments", count) % {"counter": count}
        meta.append(f'<a class="card__comments" href="{url}#comments">{escape(text)}</a>')
    parts.append(f'<p class="card__meta">{" · ".join(meta)}</p></article>')
    return mark_safe("".join(parts))  # noqa: S308 (each value escaped above)


def byline_text(authors, link=False, said=None):
    """ "By Ana Ruiz and Tom Berg" in the site's language, escaped; each name a link to the
    author's page with link=True. Empty for no authors. said: texts() of the language."""
    names = [
        f'<a href="{escape(author.get_absolute_url())}" rel="author">{escape(author.name)}</a>'
        if link
        else escape(author.name)
        for author in authors
    ]
    if not names:
        return ""
    said = said or texts(get_language())
    if len(names) > 1:
        names = [
            said["and"]
            .replace("%(names)s", ", ".join(names[:-1]), 1)
            .replace("%(last)s", names[-1], 1)
        ]
    return said["by"].replace("%(names)s", names[0], 1)
