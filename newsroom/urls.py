from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from articles.sitemaps import SITEMAPS, NewsSitemap
from articles.views import for_readers
from ops.health import healthz
from seo.views import favicon, robots_txt

admin.site.site_header = format_lazy("{} — {}", settings.NEWSROOM_SITE_NAME, _("newsroom"))
admin.site.site_title = settings.NEWSROOM_SITE_NAME
admin.site.index_title = _("Newsroom")
# The sidebar squeezes the article and comment lists into narrow columns on laptop screens.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    # DJANGO_ADMIN_URL, "admin/" unless set (newsroom/settings.py).
    path(settings.NEWSROOM_ADMIN_URL, admin.site.urls),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path(
        "sitemap.xml",
        for_readers(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        for_readers(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path(
        "news-sitemap.xml",
        for_readers(sitemap_views.sitemap),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "articles/news_sitemap.xml"},
        name="news-sitemap",
    ),
    path("comments/", include("comments.urls")),
    path("", include("photos.urls")),
    path("", include("authors.urls")),
    path("", include("articles.feed_urls")),
    path("", include("articles.urls")),
    # Last: a page's slug never hides another address.
    path("", include("pages.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "ops.errors.bad_request"
handler403 = "ops.errors.permission_denied"
handler404 = "ops.errors.page_not_found"
handler500 = "ops.errors.server_error"
