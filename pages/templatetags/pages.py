from django import template
from django.utils.safestring import mark_safe

from articles.html import link_outside_images, sanitize_html

from ..models import Page

register = template.Library()


@register.simple_tag
def page_body(page):
    """The page's body, sanitised again on the way out whatever path stored it."""
    return mark_safe(sanitize_html(link_outside_images(page.body)))  # noqa: S308 (sanitised)


@register.simple_tag
def footer_pages():
    """The pages linked from the footer (one query, on every page)."""
    return list(Page.objects.in_footer().only("title", "slug"))
