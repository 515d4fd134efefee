"""Tags for the <head>: canonical URL, link-preview image and JSON-LD (seo/structured_data.py)."""

from functools import cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from seo import structured_data

register = template.Library()


def _organization(request):
    return structured_data.organization(
        name=settings.NEWSROOM_SITE_NAME,
        absolute=request.build_absolute_uri,
        logo_url=static(structured_data.LOGO_PATH),
    )


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without tracking or other parameters; the page number kept."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and page != "1":
        url += "?" + urlencode({"page": page})
    return url


@register.simple_tag(takes_context=True)
def photo_image(context, photo, ratio=""):
    """url, width, height, alt and type of the photo's widest copy, for og:image."""
    return structured_data.photo_image(
        photo, absolute=context["request"].build_absolute_uri, ratio=ratio
    )


@cache
def _social_image_size(path):
    """The default social image's size, read once from the file; the recommended one if unread."""
    from PIL import Image  # only for this, once per process

    found = finders.find(path)
    try:
        with Image.open(found) as image:
            return image.size
    except (OSError, TypeError, ValueError):  # not found locally (e.g. on a CDN only)
        return structured_data.SOCIAL_IMAGE_SIZE


def _default_image(request):
    path = settings.NEWSROOM_SOCIAL_IMAGE
    return structured_data.default_image(
        url=static(path),
        size=_social_image_size(path),
        alt=settings.NEWSROOM_SITE_NAME,
        absolute=request.build_absolute_uri,
    )


@register.simple_tag(takes_context=True)
def social_image(context, photo=None):
    """The photo's image for link previews (as photo_image), else the site's default one."""
    request = context["request"]
    return structured_data.photo_image(
        photo, absolute=request.build_absolute_uri
    ) or _default_image(request)


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    request = context["request"]
    absolute = request.build_absolute_uri
    return structured_data.json_ld(
        structured_data.news_article(
            article,
            absolute=absolute,
            publisher=_organization(request),
            fallback_image=_default_image(request),
        )
    ) + structured_data.json_ld(
        structured_data.article_breadcrumbs(
            article, absolute=absolute, site_name=settings.NEWSROOM_SITE_NAME
        )
    )


@register.simple_tag(takes_context=True)
def author_json_ld(context, author):
    absolute = context["request"].build_absolute_uri
    image = structured_data.photo_image(author.photo, absolute=absolute, ratio="1:1")
    return structured_data.json_ld(
        structured_data.profile_page(author, absolute=absolute, photo_image_data=image)
    )


@register.simple_tag(takes_context=True)
def website_json_ld(context):
    request = context["request"]
    try:
        search_path = reverse("articles:search")
    except NoReverseMatch:  # search arrives in its own change; its address is fixed by DESIGN.md
        search_path = "/search/"
    return structured_data.json_ld(
        structured_data.website(
            name=settings.NEWSROOM_SITE_NAME,
            absolute=request.build_absolute_uri,
            search_path=search_path,
            publisher=_organization(request),
        )
    )
