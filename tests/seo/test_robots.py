"""robots.txt: crawlers kept out of private and endless pages, pointed at both sitemaps."""

import pytest

pytestmark = pytest.mark.django_db


def robots(client, **headers):
    response = client.get("/robots.txt", **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode().splitlines()


@pytest.mark.parametrize("path", ["/admin/", "/preview/", "/search/", "/comments/"])
def test_robots_txt_keeps_crawlers_out_of(client, path):
    assert f"Disallow: {path}" in robots(client)


def test_robots_txt_points_to_both_sitemaps_on_the_requested_host(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]
    lines = robots(client, HTTP_HOST="news.example.org")
    assert "Sitemap: http://news.example.org/sitemap.xml" in lines
    assert "Sitemap: http://news.example.org/news-sitemap.xml" in lines


def test_robots_txt_leaves_articles_crawlable(client):
    assert "Disallow: /" not in robots(client)
