"""The masthead with the sections menu, and the footer: the same on every page, so fragments.

Both show the sections, the footer pages and the site's name, which change with "site"
(sections, pages: pagecache.watch). The menu marks the page the reader is on (the front page,
or a section's), so there is one header per such page; the footer is one for the whole site.
"""

from django.conf import settings
from django.template.loader import render_to_string

from pagecache import fragments
from pages.templatetags.pages import footer_pages

from .models import Section


def chrome_fragments(request, section=None):
    """The header and footer fragments for a page (section: the one it shows, if any)."""
    match = getattr(request, "resolver_match", None)
    is_front_page = match is not None and match.url_name == "front-page"
    section_pk = getattr(section, "pk", None) if isinstance(section, Section) else None
    current = "front" if is_front_page else f"section-{section_pk}" if section_pk else ""
    return [
        fragments.Fragment(
            "header",
            current,
            ("site",),
            lambda: render_to_string(
                "includes/site_header.html",
                {
                    **_site(),
                    "nav_sections": list(Section.objects.all()),
                    "is_front_page": is_front_page,
                    "current_section_pk": section_pk,
                },
            ),
        ),
        fragments.Fragment(
            "footer",
            "",
            ("site",),
            lambda: render_to_string(
                "includes/site_footer.html", {**_site(), "footer_links": footer_pages()}
            ),
        ),
    ]


def _site():
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_SITE_TAGLINE,
    }
