"""Sitemaps for search engines: /sitemap.xml is always an index of /sitemap-<name>.xml files.

Everything listed starts from Article.objects.published(): a section, tag or author appears once
it has a published story, with that story's time as its lastmod.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from authors.models import Author
from pages.models import Page

from .models import Article, Section, corrections_prefetch

# Google News reads only the stories of the last two days, at most a thousand of them.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


def with_latest_story(queryset, articles_path):
    """Those rows of queryset with a published article, annotated with its latest time."""
    now = timezone.now()
    published = Q(
        **{
            f"{articles_path}__status": Article.Status.PUBLISHED,
            f"{articles_path}__published_at__lte": now,
        }
    )
    return queryset.annotate(
        latest_story=Max(f"{articles_path}__published_at", filter=published)
    ).filter(latest_story__isnull=False)


class ArticleSitemap(Sitemap):
    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "created_at", "updated_at")
            .prefetch_related(corrections_prefetch())
            .order_by("-published_at", "-id")
        )

    def lastmod(self, article):
        return article.updated_time or article.published_at

    def get_latest_lastmod(self):
        # For the index, without loading every article: the latest publication or save.
        latest = Article.objects.published().aggregate(
            published=Max("published_at"), saved=Max("updated_at")
        )
        return max(filter(None, latest.values()), default=None)


class LatestStorySitemap(Sitemap):
    """Lists rows annotated by with_latest_story(), lastmod being that story's time."""

    def lastmod(self, row):
        return row.latest_story

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("latest_story"))["latest"]


class SectionSitemap(LatestStorySitemap):
    def items(self):
        return with_latest_story(Section.objects.all(), "articles").order_by("order", "name")


class TagSitemap(LatestStorySitemap):
    def items(self):
        return with_latest_story(Tag.objects.all(), "article").order_by("name")

    def location(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class AuthorSitemap(LatestStorySitemap):
    def items(self):
        return with_latest_story(Author.objects.all(), "articles").order_by("name")


class PageSitemap(Sitemap):
    def items(self):
        return Page.objects.order_by("slug")

    def lastmod(self, page):
        return page.updated_at


class FrontPageSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return ["articles:front-page"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "home": FrontPageSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "pages": PageSitemap,
}


class NewsSitemap(Sitemap):
    """Stories of the last 48 hours for Google News (templates/articles/news_sitemap.xml)."""

    limit = NEWS_LIMIT

    def items(self):
        return (
            Article.objects.published()
            .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
            .only("headline", "slug", "published_at", "created_at", "updated_at")
            .prefetch_related(corrections_prefetch())
            .order_by("-published_at", "-id")[:NEWS_LIMIT]
        )

    def lastmod(self, article):
        return article.updated_time or article.published_at

    def get_urls(self, *args, **kwargs):
        urls = super().get_urls(*args, **kwargs)
        publication = {
            "name": settings.NEWSROOM_SITE_NAME,
            # Google News wants the ISO 639 language ("en"), not the locale ("en-us").
            "language": settings.LANGUAGE_CODE.split("-")[0],
        }
        for url in urls:
            url["publication"] = publication
        return urls
