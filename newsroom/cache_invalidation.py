"""What each change drops from the page cache (newsroom/pagecache.py explains the tags).

Saves and deletes arrive as model signals; the few writes made with QuerySet.update() call
pagecache.invalidate_articles() themselves (comments/services.py, comments/personal_data.py).
A new comment held for moderation changes no page, so posting one drops nothing.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from taggit.models import Tag, TaggedItem

from articles.models import Article, Byline, Correction, Section
from authors.models import Author
from comments.models import Comment, DiscussionSettings
from pages.models import Page
from photos.models import Photo, Rendition

from . import pagecache


def shows(article):
    # A draft never published shows nowhere; once out (or scheduled) it may show anywhere.
    return article.status == Article.Status.PUBLISHED or article.published_at is not None


def article_changed(sender, instance, **kwargs):
    if shows(instance):
        pagecache.invalidate(f"article:{instance.pk}", "listings", "article-set")


def article_part_changed(sender, instance, **kwargs):
    """A byline, correction or tag of an article (which may be gone already, on a delete)."""
    article_id = instance.article_id if sender is not TaggedItem else instance.object_id
    article = Article.objects.filter(pk=article_id).only("status", "published_at").first()
    if article is not None and shows(article):
        pagecache.invalidate(f"article:{article_id}", "listings", "article-set")


def tagging_changed(sender, instance, **kwargs):
    if instance.content_type_id == ContentType.objects.get_for_model(Article).pk:
        article_part_changed(sender, instance)


def comment_changed(sender, instance, created=False, **kwargs):
    if created and instance.status != Comment.Status.APPROVED:
        return
    pagecache.invalidate_articles([instance.article_id])


def site_changed(sender, instance, created=False, **kwargs):
    if created and sender is DiscussionSettings:
        return  # Made on first use, with the defaults the pages were shown with until then.
    pagecache.invalidate_everything()


def connect():
    for signal in (post_save, post_delete):
        signal.connect(article_changed, sender=Article, dispatch_uid="pagecache-article")
        for model in (Byline, Correction):
            signal.connect(article_part_changed, sender=model, dispatch_uid="pagecache-part")
        signal.connect(tagging_changed, sender=TaggedItem, dispatch_uid="pagecache-tagging")
        signal.connect(comment_changed, sender=Comment, dispatch_uid="pagecache-comment")
        for model in (Section, Tag, Author, Photo, Rendition, Page, DiscussionSettings):
            signal.connect(site_changed, sender=model, dispatch_uid=f"pagecache-{model.__name__}")
