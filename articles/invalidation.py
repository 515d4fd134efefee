"""Which cached pages a change to a story, its parts or the sections shows on (pagecache.watch)."""

from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag, TaggedItem

import pagecache

from .models import Article, Byline, Correction, Section


def shows(article):
    # A draft never published shows nowhere; once out (or scheduled) it may show anywhere.
    return article.status == Article.Status.PUBLISHED or article.published_at is not None


def article_tags(article_id):
    # story:<id> is the story without its comments (the article page's story fragments), so a
    # comment approved changes article:<id> and not the story.
    return (f"article:{article_id}", f"story:{article_id}", "listings", "article-set")


def article_changed(article, created):
    return article_tags(article.pk) if shows(article) else ()


def part_changed(part, created):
    """A byline or correction of an article (which may be gone already, on a delete)."""
    return _article_part(part.article_id)


def tagging_changed(tagging, created):
    if tagging.content_type_id != ContentType.objects.get_for_model(Article).pk:
        return ()
    return _article_part(tagging.object_id)


def _article_part(article_id):
    article = Article.objects.filter(pk=article_id).only("status", "published_at").first()
    return article_tags(article_id) if article is not None and shows(article) else ()


def watch():
    pagecache.watch(Article, article_changed)
    for model in (Byline, Correction):
        pagecache.watch(model, part_changed)
    pagecache.watch(TaggedItem, tagging_changed)
    # Sections and tag names show in every page's navigation or cards.
    for model in (Section, Tag):
        pagecache.watch(model)
