"""RSS 2.0 and Atom feeds of published articles: the whole site, a section, a tag, an author.

Every feed starts from Article.objects.published() and loads its 20 items in a fixed number of
queries. Items carry every byline, the section and tags as categories, the dek as summary, the
sanitised body as full content with absolute links, and the lead photo as an enclosure.
"""

import mimetypes
import re
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from taggit.models import Tag

import pagecache
from authors.models import Author
from photos.models import Photo, Rendition
from photos.templatetags.photos import responsive_image

from .html import placed_photo_ids, shape_body, stored_body
from .models import Article, Section, corrections_prefetch

FEED_LENGTH = 20
# href and src values in sanitised HTML: always double-quoted by nh3.
URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')


def absolutize_urls(html, base_url):
    """Make every href and src in html absolute against base_url; feed readers have no base."""

    def replace(match):
        attribute, url = match.groups()
        if urlsplit(url.replace("&amp;", "&")).scheme:
            return match.group(0)
        return f'{attribute}="{urljoin(base_url, url)}"'

    return URL_ATTRIBUTE.sub(replace, html)


def largest_rendition(photo):
    """The widest JPEG/PNG rendition of the photo's own proportions (readers' safest format)."""
    renditions = [
        rendition
        for rendition in photo.renditions_for("")
        if rendition.format != Rendition.Format.WEBP
    ]
    return renditions[-1] if renditions else None


def article_guid(article, host):
    """A tag: URI that survives slug and date edits: the host, the creation day and the id."""
    created = timezone.localtime(article.created_at or article.published_at)
    return f"tag:{host},{created:%Y-%m-%d}:article:{article.pk}"


class NewsRssFeed(Rss201rev2Feed):
    """RSS 2.0 with every byline (dc:creator), full content (content:encoded) and media:content."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
            "xmlns:media": "http://search.yahoo.com/mrss/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["author_names"]:
            handler.addQuickElement("dc:creator", name)
        if item["content"]:
            handler.addQuickElement("content:encoded", item["content"])
        add_media_content(handler, item["media"])


class NewsAtomFeed(Atom1Feed):
    """Atom with one author element per byline and the full content."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, uri in zip(item["author_names"], item["author_links"], strict=True):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", uri)
            handler.endElement("author")
        if item["content"]:
            handler.addQuickElement("content", item["content"], {"type": "html"})


def add_media_content(handler, media):
    if not media:
        return
    attributes = {key: str(value) for key, value in media.items() if key != "description"}
    handler.startElement("media:content", {"medium": "image", **attributes})
    handler.addQuickElement("media:description", media["description"], {"type": "plain"})
    handler.endElement("media:content")


class ArticleFeed(Feed):
    """The latest published articles. One instance serves one request (see feed_view())."""

    feed_type = NewsRssFeed
    request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    # The feed itself

    def title(self, obj):
        return settings.NEWSROOM_SITE_NAME

    def link(self, obj):
        return reverse("articles:front-page")

    def description(self, obj):
        return settings.NEWSROOM_SITE_TAGLINE

    # Atom wants an author for every entry; an article without a byline falls back to this.
    def author_name(self, obj):
        return settings.NEWSROOM_SITE_NAME

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        articles = list(
            self.articles(obj)
            .for_listing()
            .prefetch_related("tags", corrections_prefetch())[:FEED_LENGTH]
        )
        # Photos placed in the bodies, for all items at once: two queries, or none.
        ids = {pk for article in articles for pk in placed_photo_ids(stored_body(article))}
        self.placed_photos = Photo.objects.with_renditions().in_bulk(ids) if ids else {}
        return articles

    # Each item

    def item_title(self, article):
        return article.headline

    def item_description(self, article):
        return escape(article.dek) if article.dek else None

    def item_guid(self, article):
        host, _ = split_domain_port(self.request.get_host())
        return article_guid(article, host)

    item_guid_is_permalink = False

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_time or article.published_at

    def item_categories(self, article):
        return [article.section.name, *(tag.name for tag in article.tags.all())]

    def item_enclosures(self, article):
        media = self.lead_photo_media(article)
        if media is None:
            return []
        return [Enclosure(media["url"], str(media["fileSize"]), media["type"])]

    def item_extra_kwargs(self, article):
        absolute = self.request.build_absolute_uri
        return {
            "author_names": [author.name for author in article.byline_authors],
            "author_links": [
                absolute(author.get_absolute_url()) for author in article.byline_authors
            ],
            "content": self.item_content(article),
            "media": self.lead_photo_media(article),
        }

    def item_content(self, article):
        """The sanitised body as HTML, placed photos as plain images, every URL absolute."""
        html = shape_body(
            stored_body(article),
            article.dateline,
            render_photo=feed_photo_html,
            photos=self.placed_photos,
        )
        return absolutize_urls(
            str(html), self.request.build_absolute_uri(article.get_absolute_url())
        )

    def lead_photo_media(self, article):
        """url, type, size, width, height and alt text of the lead photo's largest copy."""
        photo = article.lead_photo
        if photo is None:
            return None
        rendition = largest_rendition(photo)
        if rendition is not None:
            file, size = rendition.file, rendition.size
            width, height, mime_type = rendition.width, rendition.height, rendition.mime_type
        else:
            file, width, height = photo.image, photo.width, photo.height
            mime_type = mimetypes.guess_type(file.name)[0] or "image/jpeg"
            try:
                size = file.size
            except OSError:  # the file is gone from storage: no enclosure rather than a bad one
                return None
        return {
            "url": self.request.build_absolute_uri(file.url),
            "type": mime_type,
            "fileSize": size,
            "width": width,
            "height": height,
            "description": photo.alt_text,
        }


def feed_photo_html(photo):
    """A placed photo as one plain <img> (feed readers ignore <picture>); made absolute later."""
    image = responsive_image(photo, lazy=False)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}">',
        image["src"],
        image["width"],
        image["height"],
        photo.alt_text,
    )


class ArticleAtomFeed(ArticleFeed):
    feed_type = NewsAtomFeed
    subtitle = ArticleFeed.description


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, section):
        return f"{section.name} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, section):
        return section.get_absolute_url()

    def description(self, section):
        latest = _("The latest %(section)s stories.") % {"section": section.name}
        return section.description or latest

    def articles(self, section):
        return Article.objects.published().filter(section=section)


class SectionAtomFeed(SectionFeed):
    feed_type = NewsAtomFeed
    subtitle = SectionFeed.description


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, tag):
        title = _("Stories tagged “%(name)s”") % {"name": tag.name}
        return f"{title} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})

    def description(self, tag):
        return _("The latest stories tagged “%(name)s”.") % {"name": tag.name}

    def articles(self, tag):
        return Article.objects.published().filter(tags=tag)


class TagAtomFeed(TagFeed):
    feed_type = NewsAtomFeed
    subtitle = TagFeed.description


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, author):
        title = _("Stories by %(name)s") % {"name": author.name}
        return f"{title} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, author):
        return author.get_absolute_url()

    def description(self, author):
        return _("The latest stories by %(name)s.") % {"name": author.name}

    def articles(self, author):
        return Article.objects.published().filter(authors=author)


class AuthorAtomFeed(AuthorFeed):
    feed_type = NewsAtomFeed
    subtitle = AuthorFeed.description


def feed_view(feed_class):
    """A view making a new feed object per request, so the request it keeps is never shared."""

    def view(request, *args, **kwargs):
        pagecache.cache_for_readers(
            request, "listings", expires_at=Article.objects.next_publication_time
        )
        return feed_class()(request, *args, **kwargs)

    view.__name__ = view.__qualname__ = f"{feed_class.__name__}_view"
    return view
