"""The site's default social image: what link previews and search engines show for a page, or
an article, that has no photo of its own."""

import json
from io import StringIO

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from lxml import html as lxml_html
from PIL import Image

from seo.templatetags import seo as seo_tags
from tests.factories import make_article, make_photo, make_section

pytestmark = pytest.mark.django_db

DEFAULT = "http://testserver/static/img/social.png"


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml_html.fromstring(response.content)


def meta(tree, key):
    return tree.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content')


def news_article(tree):
    (data,) = [
        data
        for script in tree.xpath('//script[@type="application/ld+json"]')
        if (data := json.loads(script.text))["@type"] == "NewsArticle"
    ]
    return data


def test_the_committed_social_image_is_a_1200_by_630_card():
    with Image.open(finders.find("img/social.png")) as image:
        assert image.size == (1200, 630)


@pytest.mark.parametrize("path", ["/", "/section/news/", "/search/?q=bridge"])
def test_pages_without_a_photo_preview_with_the_site_image(client, path):
    make_article(section=make_section(name="News", slug="news"))
    tree = head(client, path)
    assert meta(tree, "og:image") == [DEFAULT]
    assert meta(tree, "og:image:width") == ["1200"]
    assert meta(tree, "og:image:height") == ["630"]
    assert meta(tree, "og:image:alt") == ["The Riverside Ledger"]
    assert meta(tree, "twitter:image") == [DEFAULT]
    assert meta(tree, "twitter:card") == ["summary_large_image"]


def test_every_article_has_what_article_rich_results_require(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bare = make_article(headline="Council meets", dek="")
    pictured = make_article(headline="Otters return", lead_photo=make_photo(size=(1600, 900)))
    for article in (bare, pictured):
        tree = head(client, article.get_absolute_url())
        data = news_article(tree)
        for key in ("image", "headline", "datePublished", "author", "publisher"):
            assert data.get(key), (article.headline, key)
        assert data["author"][0]["@type"] == "Person"
        assert data["publisher"]["logo"]["url"].endswith("/static/img/logo.png")
        assert meta(tree, "og:image") == meta(tree, "twitter:image") == [data["image"][0]["url"]]
    assert news_article(head(client, bare.get_absolute_url()))["image"][0]["url"] == DEFAULT
    photo_url = news_article(head(client, pictured.get_absolute_url()))["image"][0]["url"]
    assert photo_url.startswith("http://testserver/media/")


def test_the_social_image_is_a_setting(client, settings):
    settings.NEWSROOM_SOCIAL_IMAGE = "img/logo.png"
    seo_tags._social_image_size.cache_clear()
    try:
        article = make_article()
        tree = head(client, article.get_absolute_url())
        assert meta(tree, "og:image") == ["http://testserver/static/img/logo.png"]
        assert meta(tree, "og:image:width") == ["600"]
        assert news_article(tree)["image"][0]["height"] == 60
    finally:
        seo_tags._social_image_size.cache_clear()


def test_make_logo_draws_the_card_from_the_site_name(settings, tmp_path):
    (tmp_path / "static" / "img").mkdir(parents=True)
    settings.BASE_DIR = tmp_path
    call_command("make_logo", stdout=StringIO())
    with Image.open(tmp_path / "static" / "img" / "social.png") as image:
        assert image.size == (1200, 630)
        # Not a blank card: the name is drawn in ink on the paper colour.
        assert len(image.convert("L").getcolors(maxcolors=65536)) > 2
