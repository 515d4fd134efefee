from datetime import timedelta

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from authors.models import Author
from photos.models import Rendition

from .addresses import address
from .html import render_body

# Fixes saved within this time of publication do not earn the article an "Updated" line.
UPDATE_GRACE = timedelta(minutes=5)


def created_by_field():
    """Who made the row: set by the admin's save_model, kept when the user is deleted."""
    return models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )


class Section(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("One sentence shown on the section page.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Sections are listed in the navigation from low to high."),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("articles:section", slug=self.slug)


def bylines_prefetch():
    """Load articles' bylines with their authors, in byline order, in one query."""
    return models.Prefetch(
        "bylines", queryset=Byline.objects.select_related("author").order_by("position", "id")
    )


# What a card (articles/cards.py) reads of a story and of its section (get_absolute_url()s
# included; the menu's order sorts the front page's sections).
CARD_FIELDS = ("headline", "slug", "dek", "published_at", "lead_photo", "section")
CARD_SECTION_FIELDS = ("name", "slug", "order")


def load_byline_authors(articles):
    """Give each article its byline_authors in one query: only the authors' names and slugs,
    what a card shows, at a third of bylines_prefetch()'s cost (a front page has ~200)."""
    by_pk = {article.pk: article for article in articles}
    for article in by_pk.values():
        article.byline_authors = []
    if not by_pk:
        return
    authors = (
        Author.objects.filter(bylines__article__in=list(by_pk))
        .annotate(byline_article_id=models.F("bylines__article_id"))
        .order_by("bylines__position", "bylines__id")
        .only("id", "name", "slug")
    )
    for author in authors:
        by_pk[author.byline_article_id].byline_authors.append(author)


def lead_photo_renditions_prefetch():
    """Load the renditions of articles' lead photos in one query (with select_related)."""
    return models.Prefetch(
        "lead_photo__renditions", queryset=Rendition.objects.order_by("width", "id")
    )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, with a publication time that has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def next_publication_time(self):
        """When the next scheduled story goes out (or None): every list of stories changes then."""
        upcoming = self.scheduled().order_by("published_at")
        return upcoming.values_list("published_at", flat=True).first()

    def in_state(self, state):
        """Articles in one of the states the admin shows (see Article.State)."""
        return self.filter(state_conditions()[state])

    def state_counts(self):
        """How many articles are in each state, in one query."""
        return self.aggregate(
            **{
                state: models.Count("pk", filter=condition)
                for state, condition in state_conditions().items()
            }
        )

    def for_listing(self):
        """Load what article lists show, in a fixed number of queries."""
        return (
            self.select_related("section", "lead_photo")
            .prefetch_related(bylines_prefetch(), lead_photo_renditions_prefetch())
            .with_comment_counts()
        )

    def cards(self):
        """for_listing() without the bodies, which no list shows (a front page holds ~90 cards)."""
        return self.for_listing().defer("body", "body_html")

    def card_rows(self):
        """As the front page's and related stories' cards show them (articles/cards.py): with
        their section, lead photo and comment count, and only the columns a card reads. Their
        bylines come after, from load_byline_authors(); renditions, from
        lead_photo_renditions_prefetch()."""
        return (
            self.select_related("section", "lead_photo")
            .with_comment_counts()
            .only(*CARD_FIELDS, *(f"section__{name}" for name in CARD_SECTION_FIELDS))
        )

    def related_to(self, article, tag_ids):
        """Stories like article: most tags in common (tag_ids: its tags), then same section.

        Newest first among equals, the article itself left out. One query; each story gets
        shared_tag_count. Only stories that share a tag or the section are candidates. Meant
        for their ids (it groups by story): the stories' other columns are best read after.
        """
        same_section = models.Case(
            models.When(section=article.section_id, then=1),
            default=0,
            output_field=models.IntegerField(),
        )
        candidates = self.exclude(pk=article.pk)
        if not tag_ids:
            candidates = candidates.filter(section=article.section_id).annotate(
                shared_tag_count=models.Value(0, output_field=models.IntegerField())
            )
        else:
            # The tag links shared, joined once and counted per story (one hash join and one
            # aggregate, rather than a count looked up for each candidate).
            candidates = (
                candidates.annotate(
                    shared_links=models.FilteredRelation(
                        "tagged_items", condition=models.Q(tagged_items__tag_id__in=tag_ids)
                    )
                )
                .filter(models.Q(section=article.section_id) | models.Q(shared_links__isnull=False))
                .annotate(shared_tag_count=models.Count("shared_links"))
            )
        return candidates.annotate(same_section=same_section).order_by(
            "-shared_tag_count", "-same_section", "-published_at", "-id"
        )

    def month_counts(self):
        """How many articles each month has, oldest month first, in one query."""
        return (
            self.annotate(month=TruncMonth("published_at"))
            .order_by()
            .values("month")
            .annotate(count=models.Count("pk"))
            .order_by("month")
        )

    def with_comment_counts(self):
        """Annotate each article's comment_count (approved comments), in the same query."""
        # The comments app builds on this one; reach its model through the relation.
        Comment = self.model._meta.get_field("comments").related_model
        approved = (
            Comment.objects.approved()
            .filter(article=models.OuterRef("pk"))
            .order_by()
            .values("article")
            # COUNT(*), not of a column: the partial index on approved comments answers alone.
            .annotate(count=models.Count("*"))
            .values("count")
        )
        return self.annotate(
            comment_count=Coalesce(models.Subquery(approved), 0, output_field=models.IntegerField())
        )


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        # The search vector is for the database: don't ship it with every article loaded.
        return super().get_queryset().defer("search_vector")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    class State(models.TextChoices):
        """Where an article is in the workflow, as the admin shows it: status plus time.

        "Unpublished" is not stored: it is a draft that keeps the publication time it had, so
        its address is unchanged if it is published again.
        """

        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        help_text=_("The last part of the address. Unique among articles published the same day."),
    )
    dek = models.TextField(
        _("standfirst"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences under the headline, also used as the summary."),
    )
    dateline = models.CharField(
        _("dateline"),
        max_length=80,
        blank=True,
        help_text=_("Where the story was reported, e.g. MOSCOW."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Use the toolbar for headings, lists, quotes and links; the image button places a "
            "photo from the library. Pasted text keeps its structure but not its styling."
        ),
    )
    # The body as readers get it (articles/html.py, render_body()), made by save() so pages
    # don't sanitise on every view; writes that bypass save() (bulk_create/bulk_update, the
    # migration) set it themselves. None until then, and pages then render the body themselves.
    # Photos and the dateline are placed at view time, as they may change.
    body_html = models.TextField(_("body as HTML"), null=True, editable=False)  # noqa: DJ001 (None: not rendered)
    lead_photo = models.ForeignKey(
        "photos.Photo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead photo"),
        help_text=_("Shown above the article and on the front page. Type to search the library."),
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles", verbose_name=_("section")
    )
    authors = models.ManyToManyField(
        Author, through="Byline", related_name="articles", verbose_name=_("authors")
    )
    tags = TaggableManager(
        verbose_name=_("tags"), blank=True, help_text=_("A comma-separated list of tags.")
    )
    # The tag links themselves, so a saved version (articles/revisions.py) keeps and restores
    # them with the article. No column: a reverse generic relation.
    tagged_items = GenericRelation(
        TaggedItem, related_query_name="article", verbose_name=_("tagged items")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("A future time schedules the article: readers see it from then on."),
    )

    class CommentPolicy(models.TextChoices):
        OPEN = "open", _("Open")
        PREMODERATED = "premoderated", _("Open, every comment held for moderation")
        CLOSED = "closed", _("Closed")
        CLOSE_AFTER = "close_after", _("Open, closing after a number of hours")

    comment_policy = models.CharField(
        _("comments"),
        max_length=16,
        choices=CommentPolicy.choices,
        default=CommentPolicy.OPEN,
        help_text=_(
            "Whether readers may comment. Comments also close site-wide after the number of "
            "days set in Discussion settings."
        ),
    )
    comments_close_after_hours = models.PositiveIntegerField(
        _("close comments after (hours)"),
        null=True,
        blank=True,
        help_text=_("With “closing after a number of hours”: hours after publication."),
    )
    created_by = created_by_field()
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Search reads this; a database trigger fills it in (migration 0005, articles/search.py).
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(
                TruncDate("published_at"),
                "slug",
                name="article_slug_unique_per_day",
                violation_error_message=_(
                    "Another article published that day already uses this slug."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=_("A published article needs a publication time."),
            ),
        ]
        indexes = [
            # Newest first; with the section and id in it, the lists that rank every published
            # story (related stories, the front page's sections) read the index alone, not the
            # wide rows (their bodies).
            models.Index(
                fields=["status", "-published_at", "section", "id"], name="article_status_pub"
            )
        ]
        permissions = [("publish_article", "Can publish, schedule and unpublish articles")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        """Keep body_html in step with the body on every save that writes the body."""
        update_fields = kwargs.get("update_fields")
        writes_body = update_fields is None or "body" in update_fields
        if writes_body and "body" not in self.get_deferred_fields():
            self.render_body_html()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.published_at is None:
            return reverse("articles:preview", kwargs={"pk": self.pk})
        local = timezone.localtime(self.published_at)
        return address(
            "articles:detail",
            year=f"{local.year:04d}",
            month=f"{local.month:02d}",
            day=f"{local.day:02d}",
            slug=self.slug,
        )

    def render_body_html(self):
        """body_html from the body, as save() makes it; for writes that bypass save() (bulk)."""
        self.body_html = render_body(self.body)

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def state(self):
        if self.status == self.Status.PUBLISHED:
            return self.State.SCHEDULED if self.is_scheduled else self.State.PUBLISHED
        if self.status == self.Status.IN_REVIEW:
            return self.State.IN_REVIEW
        return self.State.UNPUBLISHED if self.published_at else self.State.DRAFT

    @cached_property
    def public_corrections(self):
        """Corrections readers see, newest first; uses corrections_prefetch() when present."""
        if self.pk is None:
            return []
        now = timezone.now()
        corrections = [c for c in self.corrections.all() if c.published_at <= now]
        return sorted(corrections, key=lambda c: (c.published_at, c.pk), reverse=True)

    @property
    def updated_time(self):
        """When readers are told the article was updated (a late edit or a correction), or None."""
        if not self.published_at:
            return None
        times = [correction.published_at for correction in self.public_corrections[:1]]
        # Measured from creation too, so an article imported with an old publication time
        # (the WordPress move) is not "updated" the moment it is saved.
        since = max(self.published_at, self.created_at or self.published_at)
        if self.updated_at and self.updated_at - since > UPDATE_GRACE:
            times.append(self.updated_at)
        return max(times, default=None)

    @property
    def was_updated(self):
        """Whether readers should see an "Updated" time: edited a while after publication."""
        return self.updated_time is not None

    @cached_property
    def byline_authors(self):
        """The authors in byline order; uses the prefetch from for_listing() when present."""
        return [byline.author for byline in self.bylines.all()]


def state_conditions():
    """The filter for each Article.State; "now" is read once, so the states never overlap."""
    now = timezone.now()
    Status = Article.Status
    return {
        Article.State.DRAFT: models.Q(status=Status.DRAFT, published_at__isnull=True),
        Article.State.IN_REVIEW: models.Q(status=Status.IN_REVIEW),
        Article.State.SCHEDULED: models.Q(status=Status.PUBLISHED, published_at__gt=now),
        Article.State.PUBLISHED: models.Q(status=Status.PUBLISHED, published_at__lte=now),
        Article.State.UNPUBLISHED: models.Q(status=Status.DRAFT, published_at__isnull=False),
    }


class Byline(models.Model):
    """One author's place in an article's byline; position keeps the order editors chose."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="bylines", verbose_name=_("article")
    )
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("author")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_author_once")
        ]

    def __str__(self):
        return _("%(author)s on %(article)s") % {"author": self.author, "article": self.article}


class CorrectionQuerySet(models.QuerySet):
    def published(self):
        """Corrections readers may see: their time has come, on articles readers may see."""
        return self.filter(
            published_at__lte=timezone.now(), article__in=Article.objects.published()
        )


def corrections_prefetch():
    """Load articles' corrections, newest first, in one query."""
    return models.Prefetch(
        "corrections", queryset=Correction.objects.order_by("-published_at", "-id")
    )


class Correction(models.Model):
    """A correction printed at the end of an article; the article shows it as an update."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("article")
    )
    text = models.TextField(
        _("text"),
        help_text=_(
            "Plain text, shown to readers as written, e.g. 'An earlier version of this "
            "article misstated the mayor's name.'"
        ),
    )
    published_at = models.DateTimeField(
        _("time"),
        default=timezone.now,
        help_text=_("Shown with the correction. The article's 'Updated' time is the latest one."),
    )
    created_by = created_by_field()

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["-published_at", "-id"], name="correction_recent")]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return _("Correction to “%(article)s”") % {"article": self.article}


class ArticleAutosave(models.Model):
    """What one user last had in an article's admin form, kept in case it is lost before saving.

    Never the article: restoring it only fills the form, and saving the form is what changes the
    article (and makes a revision). A new, never-saved article has its autosave with no article.
    """

    user = models.ForeignKey(
        "auth.User",
        on_delete=models.CASCADE,
        related_name="article_autosaves",
        verbose_name=_("user"),
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
        verbose_name=_("article"),
    )
    fields = models.JSONField(
        _("fields"), help_text=_("The form's values by field name, as the browser had them.")
    )
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=models.Q(article__isnull=False),
                name="article_autosave_one_per_user",
            ),
            # NULLs never collide in a unique index: one new article's autosave per user, apart.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(article__isnull=True),
                name="article_autosave_one_new_per_user",
            ),
        ]

    def __str__(self):
        if self.article is None:
            return _("Autosave of a new article by %(user)s") % {"user": self.user}
        return _("Autosave of %(article)s by %(user)s") % {
            "article": self.article,
            "user": self.user,
        }
