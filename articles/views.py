import functools
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import F, Q, Window, prefetch_related_objects
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

import pagecache
from comments.moderation import comments_closed_reason
from comments.templatetags.comments import form_fragment, reply_target, thread_fragment
from comments.threads import cached_discussion_settings, discussion_fragment
from comments.views import is_signed_in
from pagecache import fragments

from . import archives, previews, search
from .chrome import chrome_fragments
from .models import (
    Article,
    Correction,
    Section,
    bylines_prefetch,
    corrections_prefetch,
    lead_photo_renditions_prefetch,
    load_byline_authors,
)

FRONT_PAGE_LATEST = 8
FRONT_PAGE_PER_SECTION = 3
RELATED_STORIES = 4


def next_publication(request):
    """When the next scheduled story goes out (Article.objects.next_publication_time()), read
    once per request: the page and each of its fragments ask."""
    try:
        return request.next_publication_time
    except AttributeError:
        request.next_publication_time = Article.objects.next_publication_time()
        return request.next_publication_time


class PublicPageMixin:
    """Read-only public list pages: paginated with the site's page size, cached for readers.

    A list of stories changes with any story (its card, its comment count) and when the next
    scheduled one goes out; a list that must not be cached sets reader_cache_tags = None.
    """

    reader_cache_tags = ("listings",)

    def get(self, request, *args, **kwargs):
        if self.reader_cache_tags is not None:
            pagecache.cache_for_readers(
                request,
                *self.reader_cache_tags,
                params=("page",),
                expires_at=functools.partial(next_publication, request),
            )
        return super().get(request, *args, **kwargs)

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE


def for_readers(view):
    """A view listing stories (sitemaps), cached for readers like the list pages above."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        pagecache.cache_for_readers(
            request,
            "listings",
            params=("p",),
            expires_at=functools.partial(next_publication, request),
        )
        return view(request, *args, **kwargs)

    return wrapped


def may_preview(request):
    # Only a request with a session can be staff's: a reader's request never loads the session,
    # which would mark the page "Vary: Cookie" and keep it out of every shared cache.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return user.is_authenticated and user.is_staff and user.has_perm("articles.change_article")


class FrontPageView(TemplateView):
    template_name = "articles/front_page.html"

    def get(self, request, *args, **kwargs):
        pagecache.cache_for_readers(
            request, "listings", expires_at=functools.partial(next_publication, request)
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        # Every story on the page changes with "listings": one fragment, its queries run
        # only when it is rendered (pagecache.fragments).
        front = fragments.Fragment(
            "front",
            "",
            ("site", "listings"),
            lambda: render_to_string("articles/includes/front_stories.html", self.stories()),
            expires_at=functools.partial(next_publication, self.request),
        )
        return super().get_context_data(fragments=fragments.render(front), **kwargs)

    def stories(self):
        """The lead, the latest stories and each section's top ones, in three queries."""
        context = {}
        published = Article.objects.published()
        latest = published.values("pk")[: FRONT_PAGE_LATEST + 1]
        # The top stories of every section, however many sections there are, leaving out those
        # already above (a busy section still shows its next stories): ranked on their ids
        # alone.
        top_of_sections = (
            published.exclude(pk__in=latest)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("section"),
                    order_by=[F("published_at").desc(), F("id").desc()],
                )
            )
            .filter(rank__lte=FRONT_PAGE_PER_SECTION)
            .values("pk")
        )
        # Then the hundred or so stories picked are read as cards, newest first, in the same
        # query (the picks are its subqueries): the latest ones are the first.
        shown = list(published.filter(Q(pk__in=latest) | Q(pk__in=top_of_sections)).card_rows())
        latest, ranked = shown[: FRONT_PAGE_LATEST + 1], shown[FRONT_PAGE_LATEST + 1 :]
        # The bylines of both lists in one query, so the count is the same for 1 or 1,000 stories.
        load_byline_authors(latest + ranked)
        prefetch_related_objects(latest + ranked, lead_photo_renditions_prefetch())
        by_section = {}
        for article in ranked:
            by_section.setdefault(article.section, []).append(article)
        context.update(
            lead=latest[0] if latest else None,
            latest=latest[1:],
            sections=[
                (section, stories)
                for section, stories in sorted(
                    by_section.items(), key=lambda item: (item[0].order, item[0].name)
                )
                if stories
            ],
        )
        return context


def site_names():
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_SITE_TAGLINE,
    }


def story_parts(article):
    """Load what the story shows besides its row (once: a second call costs nothing)."""
    prefetch_related_objects(
        [article],
        bylines_prefetch(),
        lead_photo_renditions_prefetch(),
        "tags",
        corrections_prefetch(),
    )


class ArticleDetailView(DetailView):
    """An article at its dated address; staff who may edit articles also see drafts here."""

    model = Article
    context_object_name = "article"
    # ?cpage= is a page of comments; ?replytocom= the comment replied to (without JavaScript).
    reader_params = ("cpage", "replytocom")

    def get(self, request, *args, **kwargs):
        # Before the article is read: an edit committed meanwhile leaves this copy stale at once.
        # Related stories go out, change or go with any story; the next one goes out on time.
        pagecache.cache_for_readers(
            request,
            "article-set",
            params=self.reader_params,
            expires_at=functools.partial(next_publication, request),
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if may_preview(self.request):
            articles = Article.objects.all().with_comment_counts()
        else:
            articles = Article.objects.published()
        # One query: its parts (bylines, tags, corrections, photos) are loaded only to render
        # the fragments showing them (see story_parts). The page shows body_html (rendered at
        # save); the source text stays in the database.
        return articles.select_related("section", "lead_photo").defer("body")

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        try:
            # No such day (year 0, 31 February) holds no article.
            day = date(self.kwargs["year"], self.kwargs["month"], self.kwargs["day"])
        except ValueError:
            raise Http404("No article at this address") from None
        if may_preview(self.request):
            article = self.find(queryset, day)
        else:
            # For readers, the row itself is kept like a fragment, by its address: it changes
            # with any story ("article-set": an edit, a publication, a slug) or the site
            # (its section, its photo), and a scheduled story appears on time. An address
            # with no story raises Http404 in the render: nothing is kept for it.
            article = fragments.render(
                fragments.Fragment(
                    "article-row",
                    f"{day.isoformat()}/{self.kwargs['slug']}",
                    ("site", "article-set"),
                    functools.partial(self.find, queryset, day),
                    expires_at=functools.partial(next_publication, self.request),
                    raw=True,
                )
            )["article-row"]
        return article

    def find(self, queryset, day):
        """The story at this address, or Http404."""
        # That day in the site's time zone, as the address gives it (get_absolute_url), as a
        # range: the index on published_at serves it, and it is a cheaper query to build.
        start = timezone.make_aware(datetime.combine(day, time.min))
        try:
            end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
        except OverflowError:  # 31 December 9999
            end = None
        found = queryset.filter(slug=self.kwargs["slug"], published_at__gte=start)
        if end is not None:
            found = found.filter(published_at__lt=end)
        article = found.order_by().first()
        if article is None:
            raise Http404("No article at this address")
        return article

    def get_context_data(self, **kwargs):
        if not self.object.is_published:
            # A preview: nothing shared, everything rendered for this request.
            story_parts(self.object)
            related = self.related_articles()
            pagecache.depends_on(
                self.request, *(f"article:{article.pk}" for article in [self.object, *related])
            )
            return super().get_context_data(is_preview=True, related_articles=related, **kwargs)
        extra = self.page_fragments()
        return super().get_context_data(is_preview=False, **extra, **kwargs)

    def page_fragments(self):
        """Nearly all of the page as fragments (pagecache.fragments), in two round trips.

        The story and its <head> part change with the story ("story:<id>": its text, bylines,
        tags, corrections) or anything site-wide, not with its comments; which stories are
        related with any story ("article-set"); their cards with those stories; the thread
        with the comments ("article:<id>"). Left to each request: the comment form (its signed
        time) and messages. The second trip needs what the first found: the discussion
        settings (for the thread) and the related stories' ids (for their cards).
        """
        article, request = self.object, self.request
        first = fragments.render(
            discussion_fragment(),
            fragments.Fragment(
                "related-ids",
                str(article.pk),
                ("site", "article-set"),
                self.related_ids,
                expires_at=functools.partial(next_publication, request),
                raw=True,
            ),
            *self.story_fragments(),
            *chrome_fragments(request),
        )
        discussion = cached_discussion_settings(first["discussion"])
        closed_reason = comments_closed_reason(article, discussion, timezone.now())
        related_ids = first["related-ids"]
        reply_to = None if closed_reason else reply_target(request, article, discussion)
        # A signed-in user's form carries their CSRF token: never shared (comment_section).
        shared_form = (
            ()
            if closed_reason or is_signed_in(request)
            else (form_fragment(article, request, reply_to),)
        )
        second = fragments.render(
            fragments.Fragment(
                "related",
                f"{article.pk}:{'.'.join(map(str, related_ids))}",
                ("site", *(f"article:{pk}" for pk in related_ids)),
                functools.partial(self.render_related, related_ids),
            ),
            thread_fragment(article, request, discussion, closed_reason=closed_reason),
            *shared_form,
        )
        pagecache.depends_on(request, *(f"article:{pk}" for pk in [article.pk, *related_ids]))
        return {
            "fragments": {**first, **second},
            "discussion": discussion,
            "comment_reply_target": reply_to,
        }

    def story_fragments(self):
        """The <article> itself and the sharing part of <head>, valid until a correction is due."""
        article, request = self.object, self.request
        tags = ("site", f"story:{article.pk}")

        def next_correction():
            now = timezone.now()
            due = [c.published_at for c in article.corrections.all() if c.published_at > now]
            return min(due, default=None)

        def render(template):
            story_parts(article)
            context = {"article": article, "request": request, **site_names()}
            return render_to_string(template, context)

        return [
            fragments.Fragment(
                "story",
                str(article.pk),
                tags,
                functools.partial(render, "articles/includes/story.html"),
                expires_at=next_correction,
            ),
            # Absolute addresses in it: one per host the site answers to.
            fragments.Fragment(
                "sharing",
                f"{article.pk}:{request.scheme}://{request.get_host()}",
                tags,
                functools.partial(render, "articles/includes/article_sharing.html"),
                expires_at=next_correction,
            ),
        ]

    def render_related(self, related_ids):
        """The related stories' cards, in the order of related_ids: with their bylines' one
        query if related_ids() just read them (a page rendered from nothing), else two."""
        found = getattr(self, "related_found", None)
        if found is not None and [article.pk for article in found] == list(related_ids):
            load_byline_authors(found)
            related = found
        else:
            related = self.related_cards(related_ids)
        return render_to_string(
            "articles/includes/related_stories.html", {"related_articles": related}
        )

    def related_cards(self, related_ids):
        """The stories of related_ids as cards show them, in that order (two queries)."""
        by_pk = Article.objects.published().card_rows().in_bulk(related_ids)
        related = [by_pk[pk] for pk in related_ids if pk in by_pk]
        load_byline_authors(related)
        return related

    def related_ids(self):
        """The ids of up to four stories like this one (kept as related_found, see find_related)."""
        self.related_found = self.find_related()
        return [article.pk for article in self.related_found]

    def find_related(self):
        """Up to four stories like this one, as cards show them but for their bylines, in one
        query (its tags are loaded with the story).

        The ranking picks the four first, in a subquery: the stories' columns and comment counts
        are read for those alone, not for every story sharing a tag or the section.
        """
        story_parts(self.object)
        tag_ids = [tag.pk for tag in self.object.tags.all()]
        published = Article.objects.published()
        best = published.related_to(self.object, tag_ids).values("pk")[:RELATED_STORIES]
        return list(published.filter(pk__in=best).related_to(self.object, tag_ids).card_rows())

    def related_articles(self):
        """Up to four stories like this one, as cards show them, in two queries."""
        related = self.find_related()
        load_byline_authors(related)
        return related

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            # A preview must not be kept by a cache nor found by a search engine.
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class ArticlePreviewView(ArticleDetailView):
    """Staff preview of an article that has no publication time yet."""

    def get_object(self, queryset=None):
        if not may_preview(self.request):
            raise Http404("No article at this address")
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


class ArticlePreviewLinkView(ArticleDetailView):
    """An article as readers will see it, for anyone holding a signed link; no login needed."""

    def get(self, request, *args, **kwargs):
        try:
            self.article_pk = previews.article_pk_from_token(self.kwargs["token"])
        except previews.PreviewLinkExpired:
            response = render(request, "articles/preview_link_expired.html", status=410)
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
            return response
        except previews.PreviewLinkInvalid:
            raise Http404("No preview at this address") from None
        self.object = self.get_object()
        if self.object.is_published:
            # Once out, the link leads to the article itself, where comments are open.
            return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_queryset(self):
        return Article.objects.select_related("section", "lead_photo").with_comment_counts()

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.article_pk)


class CorrectionListView(PublicPageMixin, ListView):
    """Recent corrections across the site, newest first, each linking to its article."""

    template_name = "articles/correction_list.html"
    context_object_name = "corrections"

    def get_queryset(self):
        return (
            Correction.objects.published()
            .select_related("article")
            .order_by("-published_at", "-id")
        )


class SectionView(PublicPageMixin, ListView):
    template_name = "articles/section_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.published().filter(section=self.section).cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class TagView(PublicPageMixin, ListView):
    template_name = "articles/tag_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.published().filter(tags=self.tag).cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArchiveYearView(PublicPageMixin, ListView):
    """A year's stories, newest first, under the list of its months with their counts."""

    template_name = "articles/archive_year.html"
    context_object_name = "articles"

    def get_queryset(self):
        try:
            start, end = archives.period(self.kwargs["year"])
        except archives.NoSuchPeriod:
            raise Http404("No such year") from None
        in_year = Article.objects.published().filter(published_at__gte=start, published_at__lt=end)
        self.months = [
            {"month": archives.month_start(row["month"]), "count": row["count"]}
            for row in in_year.month_counts()
        ]
        if not self.months:
            raise Http404("No stories that year")
        return in_year.cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=self.kwargs["year"], months=self.months, **kwargs)


class ArchiveMonthView(PublicPageMixin, ListView):
    """A month's stories, newest first, with links to the months before and after."""

    template_name = "articles/archive_month.html"
    context_object_name = "articles"
    allow_empty = False

    def get_queryset(self):
        try:
            self.start, self.end = archives.period(self.kwargs["year"], self.kwargs["month"])
        except archives.NoSuchPeriod:
            raise Http404("No such month") from None
        return (
            Article.objects.published()
            .filter(published_at__gte=self.start, published_at__lt=self.end)
            .cards()
        )

    def get_context_data(self, **kwargs):
        published = Article.objects.published().values_list("published_at", flat=True)
        before = published.filter(published_at__lt=self.start).order_by("-published_at")
        after = published.filter(published_at__gte=self.end).order_by("published_at")
        return super().get_context_data(
            month=archives.month_start(self.start),
            previous_month=archives.month_start(before.first()),
            next_month=archives.month_start(after.first()),
            **kwargs,
        )


class SearchView(PublicPageMixin, ListView):
    """Published stories matching ?q=, best match first; see articles/search.py."""

    reader_cache_tags = None  # Endless variations: every query would be a new cache entry.

    template_name = "articles/search.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.terms = search.clean_query(self.request.GET.get("q", ""))
        published = (
            Article.objects.published()
            .select_related("section")
            .prefetch_related(bylines_prefetch())
            .defer("body_html")
        )
        return search.search_articles(published, self.terms)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(terms=self.terms, **kwargs)
        context["is_capped"] = search.is_capped(context["paginator"].count)
        search.add_highlights(context["articles"])
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # Result pages are endless variations of the site's own pages: keep them out of indexes.
        response["X-Robots-Tag"] = "noindex"
        return response
