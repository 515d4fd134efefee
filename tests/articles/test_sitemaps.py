"""Sitemaps: an index at /sitemap.xml, one file per kind, and the Google News sitemap.

Structure is checked with lxml here (tests need no network); set SITEMAP_XSD to the sitemaps.org
schema (npm sitemap@8 ships it in schema/sitemap.xsd) to validate against it too.
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from articles.models import Article
from tests.factories import make_article, make_author, make_comment, make_section

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
XSD_DEFAULT = "/tmp/smap/node_modules/sitemap/schema/sitemap.xsd"  # noqa: S108 (only read)
XSD = Path(os.environ.get("SITEMAP_XSD", XSD_DEFAULT))


def read_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def locations(tree):
    return [loc.text for loc in tree.iterfind(".//sm:loc", NS)]


@pytest.fixture
def site():
    section = make_section(name="News", slug="news")
    author = make_author(name="Ana Ruiz", slug="ana-ruiz")
    article = make_article(section=section, authors=[author], tags=["Floods"], slug="flood")
    make_author(name="Never Published", slug="never-published")
    make_section(name="Empty", slug="empty")
    make_article(status=Article.Status.DRAFT, slug="draft", section=section, authors=[author])
    return article


def sitemap_urls(client):
    index = read_xml(client, reverse("sitemap-index"))
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    urls = []
    for location in locations(index):
        urls += locations(read_xml(client, location.removeprefix("http://testserver")))
    return urls


def test_sitemap_index_points_to_one_sitemap_per_kind(client, site):
    index = read_xml(client, reverse("sitemap-index"))
    assert locations(index) == [
        f"http://testserver/sitemap-{name}.xml"
        for name in ["home", "articles", "sections", "tags", "authors", "pages"]
    ]


def test_sitemaps_list_published_articles_sections_tags_authors_and_pages(client, site):
    urls = sitemap_urls(client)
    base = "http://testserver"
    assert base + site.get_absolute_url() in urls
    assert base + reverse("articles:section", args=["news"]) in urls
    assert base + reverse("articles:tag", args=["floods"]) in urls
    assert base + reverse("authors:detail", args=["ana-ruiz"]) in urls
    assert base + reverse("pages:detail", args=["about"]) in urls
    assert not any("draft" in url for url in urls)
    assert not any(name in url for url in urls for name in ["never-published", "/empty/"])


def test_article_lastmod_is_its_update_time(client, site):
    tree = read_xml(client, "/sitemap-articles.xml")
    lastmod = tree.find(".//sm:url/sm:lastmod", NS).text
    assert lastmod == f"{timezone.localtime(site.published_at):%Y-%m-%d}"


def test_news_sitemap_lists_only_the_last_two_days(client):
    fresh = make_article(
        headline="Fresh & new", slug="fresh", published_at=timezone.now() - timedelta(hours=3)
    )
    make_article(headline="Old", published_at=timezone.now() - timedelta(hours=49))
    make_article(headline="Later", published_at=timezone.now() + timedelta(hours=1))
    tree = read_xml(client, reverse("news-sitemap"))
    urls = tree.findall("sm:url", NS)
    assert len(urls) == 1
    url = urls[0]
    assert url.find("sm:loc", NS).text == "http://testserver" + fresh.get_absolute_url()
    assert url.find("news:news/news:title", NS).text == "Fresh & new"
    assert url.find("news:news/news:publication/news:name", NS).text
    assert url.find("news:news/news:publication/news:language", NS).text == "en"
    date = url.find("news:news/news:publication_date", NS).text
    assert date == timezone.localtime(fresh.published_at).isoformat()


def test_sitemaps_never_contain_a_commenters_email(client, site):
    make_comment(article=site, email="hidden.reader@private.example")
    for url in ["/sitemap.xml", "/sitemap-articles.xml", reverse("news-sitemap")]:
        assert b"hidden.reader" not in client.get(url).content


@pytest.mark.skipif(not XSD.exists(), reason=f"no sitemap.xsd at {XSD} (npm install sitemap@8)")
def test_sitemaps_validate_against_the_sitemaps_org_schema(client, site):
    make_article(headline="Fresh", published_at=timezone.now() - timedelta(hours=1))
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    index = read_xml(client, reverse("sitemap-index"))
    for location in locations(index):
        tree = read_xml(client, location.removeprefix("http://testserver"))
        assert schema.validate(tree), f"{location}: {schema.error_log}"
    news = read_xml(client, reverse("news-sitemap"))
    # The schema checks other namespaces strictly and Google's news schema is not packaged:
    # validate the sitemaps.org part, the news part is checked above.
    for element in news.findall(".//news:news", NS):
        element.getparent().remove(element)
    assert schema.validate(news), schema.error_log
