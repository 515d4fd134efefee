from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


class PublicPageMixin:
    """Read-only public list pages: paginated with the site's page size."""

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Keep crawlers out of the admin, previews, search results and comment posting."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
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
    return render(request, "500.html", status=500)
