"""What a WordPress import leaves behind: which object each WordPress item became, and old URLs."""

from django.db import models
from django.urls import reverse


class ImportedObject(models.Model):
    """One WordPress item (post, page, comment, author, term, attachment) and what it became here.

    Keyed on the exporting site and the WordPress id, so a second import of the same export
    finds what the first one made; content_hash is a digest of what was written, so an unchanged
    item is left alone (and an editor's later changes here are kept until WordPress changes it).
    """

    class Kind(models.TextChoices):
        AUTHOR = "author", "Author"
        CATEGORY = "category", "Category"
        TAG = "tag", "Tag"
        POST = "post", "Post"
        PAGE = "page", "Page"
        ATTACHMENT = "attachment", "Attachment"
        COMMENT = "comment", "Comment"

    site = models.CharField(max_length=200, help_text="The WordPress site's address.")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    wp_id = models.CharField("WordPress id", max_length=200)
    guid = models.CharField("GUID", max_length=500, blank=True, db_index=True)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    # For posts: a digest of the WordPress item itself and what its conversion reads (photos,
    # terms), so a re-run knows an unchanged post without converting its body again.
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    # What the item became; at most one is set. Emptied if that object is deleted here, so a
    # later import does not bring back what an editor removed.
    author = models.ForeignKey(
        "authors.Author", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    section = models.ForeignKey(
        "articles.Section", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tag = models.ForeignKey(
        "taggit.Tag", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    article = models.ForeignKey(
        "articles.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    page = models.ForeignKey(
        "pages.Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    photo = models.ForeignKey(
        "photos.Photo", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        "comments.Comment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "imported WordPress item"
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "wp_id"], name="wpimport_item_once_per_site"
            )
        ]

    def __str__(self):
        return f"WordPress {self.get_kind_display().lower()} {self.wp_id}"

    @property
    def target(self):
        for name in ("author", "section", "tag", "article", "page", "photo", "comment"):
            if getattr(self, f"{name}_id") is not None:
                return getattr(self, name)
        return None


class LegacyRedirectQuerySet(models.QuerySet):
    def with_targets(self):
        """Load every possible target in the same query (LEFT JOINs on primary keys)."""
        return self.select_related("article", "page", "section", "tag", "author", "photo")


class LegacyRedirect(models.Model):
    """An old WordPress address that answers 301 to where its content lives now.

    The target is an object, not a URL: the address is worked out at each request, so an
    article whose slug or date is changed later is still found.
    """

    old_path = models.CharField(
        "old address",
        max_length=500,
        unique=True,
        help_text="Normalised: a path without its last slash, lower case (“/2015/01/27/slug”), "
        "or a query on the front page (“?p=123”).",
    )
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    page = models.ForeignKey(
        "pages.Page", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    section = models.ForeignKey(
        "articles.Section", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    tag = models.ForeignKey(
        "taggit.Tag", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        "authors.Author", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    photo = models.ForeignKey(
        "photos.Photo", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LegacyRedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_path"]
        verbose_name = "old WordPress address"
        verbose_name_plural = "old WordPress addresses"

    def __str__(self):
        return self.old_path or "/"

    def target_url(self, *, feed=False):
        """Where the old address leads now, or None (e.g. the article is not published)."""
        if self.article_id is not None:
            if not self.article.is_published:
                return None
            return self.article.get_absolute_url()
        if self.page_id is not None:
            return self.page.get_absolute_url()
        if self.section_id is not None:
            if feed:
                return reverse("feeds:section-rss", kwargs={"slug": self.section.slug})
            return self.section.get_absolute_url()
        if self.tag_id is not None:
            name = "feeds:tag-rss" if feed else "articles:tag"
            return reverse(name, kwargs={"slug": self.tag.slug})
        if self.author_id is not None:
            if feed:
                return reverse("feeds:author-rss", kwargs={"slug": self.author.slug})
            return self.author.get_absolute_url()
        if self.photo_id is not None:
            return self.photo.image.url
        return None
