"""What search engines and link previews read: schema.org JSON-LD built from model objects.

Pure functions: they take the objects a page has already loaded and `absolute`, a function
turning a path into an absolute URL (request.build_absolute_uri), and make no queries of their
own as long as the page loaded bylines, tags, corrections and renditions (for_listing() does).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# Inside <script>, "</script>" or "<!--" in a headline must not end or change the element;
# escaped as JSON string escapes they mean the same characters to a JSON-LD reader.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
LOGO_PATH = "img/logo.png"
LOGO_SIZE = (600, 60)
# What Facebook, X and Google show best for a large link preview.
SOCIAL_IMAGE_SIZE = (1200, 630)


def json_ld(data):
    """A <script type="application/ld+json"> element holding data, safe inside HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def photo_image(photo, *, absolute, ratio=""):
    """The photo's widest JPEG/PNG copy (of the given ratio) as url, width, height and alt."""
    if photo is None:
        return None
    copies = [r for r in photo.renditions_for(ratio) if r.format != "WEBP"]
    if copies:
        widest = copies[-1]
        url, width, height = widest.file.url, widest.width, widest.height
        mime_type = widest.mime_type
    else:
        url, width, height, mime_type = photo.image.url, photo.width, photo.height, ""
    return {
        "url": absolute(url),
        "width": width,
        "height": height,
        "alt": photo.alt_text,
        "type": mime_type,
    }


def default_image(*, url, size, alt, absolute):
    """The site's own picture (seo.templatetags.seo.social_image), as photo_image returns one."""
    return {"url": absolute(url), "width": size[0], "height": size[1], "alt": alt, "type": ""}


def image_object(image):
    return {
        "@type": "ImageObject",
        "url": image["url"],
        "width": image["width"],
        "height": image["height"],
    }


def organization(*, name, absolute, logo_url):
    """The outlet as a NewsMediaOrganization, with the 600x60 logo Google asks for."""
    return {
        "@type": "NewsMediaOrganization",
        "name": name,
        "url": absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(logo_url),
            "width": LOGO_SIZE[0],
            "height": LOGO_SIZE[1],
        },
    }


def person(author, *, absolute):
    data = {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
    if author.job_title:
        data["jobTitle"] = author.job_title
    return data


def news_article(article, *, absolute, publisher, fallback_image=None):
    """The article as a NewsArticle: every byline, lead photo (else fallback_image, the site's
    default: search engines want an image on every article), section, tags, corrections."""
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": article.dek or article.headline,
        "datePublished": article.published_at,
        "dateModified": article.updated_time or article.published_at,
        "author": [person(author, absolute=absolute) for author in article.byline_authors],
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "publisher": publisher,
        "isAccessibleForFree": True,
    }
    if article.dateline:
        data["dateline"] = article.dateline
    image = photo_image(article.lead_photo, absolute=absolute) or fallback_image
    if image is not None:
        data["image"] = [image_object(image)]
    corrections = article.public_corrections
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": c.published_at}
            for c in corrections
        ]
    return data


def breadcrumbs(trail, *, absolute):
    """A BreadcrumbList from [(name, path), ...], home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def article_breadcrumbs(article, *, absolute, site_name):
    return breadcrumbs(
        [
            (site_name, "/"),
            (article.section.name, article.section.get_absolute_url()),
            (article.headline, article.get_absolute_url()),
        ],
        absolute=absolute,
    )


def profile_page(author, *, absolute, photo_image_data=None):
    """An author's page: a ProfilePage whose main entity is the Person."""
    entity = person(author, absolute=absolute)
    if author.bio:
        entity["description"] = author.bio
    if photo_image_data is not None:
        entity["image"] = image_object(photo_image_data)
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": entity["url"],
        "mainEntity": entity,
    }


def website(*, name, absolute, search_path, publisher):
    """The site, with the search box search engines may show under its name."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": name,
        "url": absolute("/"),
        "publisher": publisher,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(search_path) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
