"""Feed addresses: /feed/ and /feed/atom/, and the same under a section, a tag or an author."""

from django.urls import path

import articles.urls  # noqa: F401 (registers the tagslug converter)

from . import feeds

app_name = "feeds"

urlpatterns = [
    path("feed/", feeds.feed_view(feeds.ArticleFeed), name="latest-rss"),
    path("feed/atom/", feeds.feed_view(feeds.ArticleAtomFeed), name="latest-atom"),
    path("section/<slug:slug>/feed/", feeds.feed_view(feeds.SectionFeed), name="section-rss"),
    path(
        "section/<slug:slug>/feed/atom/",
        feeds.feed_view(feeds.SectionAtomFeed),
        name="section-atom",
    ),
    path("tag/<tagslug:slug>/feed/", feeds.feed_view(feeds.TagFeed), name="tag-rss"),
    path("tag/<tagslug:slug>/feed/atom/", feeds.feed_view(feeds.TagAtomFeed), name="tag-atom"),
    path("author/<slug:slug>/feed/", feeds.feed_view(feeds.AuthorFeed), name="author-rss"),
    path(
        "author/<slug:slug>/feed/atom/",
        feeds.feed_view(feeds.AuthorAtomFeed),
        name="author-atom",
    ),
]
