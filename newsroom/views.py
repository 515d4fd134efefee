import functools
import sys

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from articles.models import Article

from . import pagecache, resilience


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
                expires_at=Article.objects.next_publication_time,
            )
        return super().get(request, *args, **kwargs)

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE


def for_readers(view):
    """A view listing stories (sitemaps), cached for readers like the list pages above."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        pagecache.cache_for_readers(
            request, "listings", params=("p",), expires_at=Article.objects.next_publication_time
        )
        return view(request, *args, **kwargs)

    return wrapped


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Keep crawlers out of the admin, previews, search results and comment posting."""
    # A custom admin address (DJANGO_ADMIN_URL) is a secret: robots.txt would publish it.
    is_default_admin = settings.NEWSROOM_ADMIN_URL == "admin/"
    admin = [f"Disallow: {reverse('admin:index')}"] if is_default_admin else []
    lines = [
        "User-agent: *",
        *admin,
        "Disallow: /preview/",
        "Disallow: /search/",
        "Disallow: /comments/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('news-sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; point them at the real icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


# Error pages without Django's CSRF-checking decorators: those re-read request.POST, so a post
# that broke parsing (say, a form declaring charset=latin-1) would fail again inside the handler
# and escape as a bare 500.
def bad_request(request, exception):
    return render(request, "400.html", status=400)


def permission_denied(request, exception):
    return render(request, "403.html", {"exception": str(exception)}, status=403)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Django calls this while the exception is being handled: a database that went away inside
    # another middleware (newsroom.resilience explains why) answers 503, not 500.
    if resilience.is_database_unavailable(sys.exception()):
        resilience.close_broken_connections()
        return resilience.database_unavailable(request)
    return render(request, "500.html", status=500)
