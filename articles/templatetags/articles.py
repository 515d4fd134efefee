from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from photos.models import Photo
from photos.templatetags.photos import responsive_image

from .. import cards
from ..html import placed_photo_ids, shape_body, stored_body

register = template.Library()

BODY_PHOTO_SIZES = "(min-width: 44rem) 40rem, 100vw"


def _render_body_photo(photo):
    context = responsive_image(photo, sizes=BODY_PHOTO_SIZES, lazy=True)
    return render_to_string("photos/includes/responsive_image.html", context).strip()


@register.simple_tag
def article_body(article):
    """The article's body as saved (sanitised), dateline leading, placed photos made responsive.

    Photos placed in the body cost two queries (photos, renditions) however many there are.
    """
    html = stored_body(article)
    ids = placed_photo_ids(html)
    photos = Photo.objects.with_renditions().in_bulk(ids) if ids else {}
    return shape_body(html, article.dateline, render_photo=_render_body_photo, photos=photos)


@register.simple_tag
def byline(article, link=True):
    """ "By Ana Ruiz and Tom Berg", each name linking to the author's page (articles/cards.py)."""
    return mark_safe(cards.byline_text(article.byline_authors, link=link))  # noqa: S308 (escaped)


@register.simple_tag
def card(article, size=None, compact=False, level=2, show_section=False):
    """A story's card in a list (articles/cards.py)."""
    return cards.card(article, size=size, compact=compact, level=level, show_section=show_section)


@register.simple_tag(name="cards")
def card_list(articles, size=None, compact=False, level=2, show_section=False):
    """The cards of several stories, alike (one tag for a list, not one per story)."""
    return mark_safe(  # noqa: S308 (each card escapes its values)
        "".join(
            cards.card(article, size=size, compact=compact, level=level, show_section=show_section)
            for article in articles
        )
    )
