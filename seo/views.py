"""robots.txt and the favicon: what crawlers and browsers ask every site for."""

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


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
