"""Nothing under the admin's address is for search engines: X-Robots-Tag on every response
there, robots.txt keeps crawlers out, and no sitemap lists it."""

import pytest
from django.urls import reverse

from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

NOINDEX = "noindex, nofollow"


@pytest.mark.parametrize(
    "path",
    [
        "/admin",
        "/admin/",
        "/admin/login/",
        "/admin/login/?next=/admin/",
        "/admin/password_reset/",
        "/admin/articles/article/",
        "/admin/no-such-page/",
    ],
)
def test_every_answer_under_the_admin_says_noindex_nofollow(client, path):
    response = client.get(path)
    assert response.status_code < 500
    assert response["X-Robots-Tag"] == NOINDEX


def test_a_failed_login_and_the_signed_in_admin_say_noindex_too(client):
    response = client.post(reverse("admin:login"), {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == NOINDEX
    client.force_login(make_user("editor", role="Editor"))
    for name in ("admin:index", "admin:articles_article_changelist"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert response["X-Robots-Tag"] == NOINDEX


# (Sitemaps send their own "noindex, noodp", as Django's sitemap views do.)
@pytest.mark.parametrize("path", ["/", "/robots.txt", "/feed/"])
def test_readers_pages_carry_no_robots_header(client, path):
    make_article()
    assert "X-Robots-Tag" not in client.get(path)


def test_robots_txt_disallows_the_admin_and_no_sitemap_lists_it(client):
    make_article()
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode().splitlines()
    index = client.get("/sitemap.xml").content.decode()
    pages = [index, client.get("/news-sitemap.xml").content.decode()]
    for location in index.split("<loc>")[1:]:
        pages.append(
            client.get(
                location.split("</loc>")[0].replace("http://testserver", "")
            ).content.decode()
        )
    assert len(pages) > 2
    assert all("/admin" not in page for page in pages)
