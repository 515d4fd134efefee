"""JSON-LD, OpenGraph, Twitter cards, canonical URLs: what search engines and previews read."""

import json

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from seo import structured_data as seo
from tests.factories import make_article, make_author, make_correction, make_photo, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml_html.fromstring(response.content)


def json_ld(tree):
    return [
        json.loads(script.text) for script in tree.xpath('//script[@type="application/ld+json"]')
    ]


def of_type(tree, kind):
    found = [data for data in json_ld(tree) if data["@type"] == kind]
    assert len(found) == 1, [data["@type"] for data in json_ld(tree)]
    return found[0]


def meta(tree, key):
    values = tree.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content')
    return values[0] if len(values) == 1 else values


@pytest.fixture
def article(media_root):
    photo = make_photo(size=(1600, 900), alt_text="The bridge at dawn")
    article = make_article(
        headline="Bridge reopens",
        dek="Traffic flows again.",
        dateline="MILLBROOK",
        section=make_section(name="Transport", slug="transport"),
        authors=[
            make_author(name="Ana Ruiz", slug="ana-ruiz", job_title="Reporter"),
            make_author(name="Tom Berg", slug="tom-berg"),
        ],
        tags=["Bridges", "Millbrook"],
        lead_photo=photo,
    )
    make_correction(article=article, text="An earlier version misspelled the bridge's name.")
    return article


def test_article_has_a_complete_news_article(client, article):
    data = of_type(head_of(client, article.get_absolute_url()), "NewsArticle")
    url = "http://testserver" + article.get_absolute_url()
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Bridge reopens"
    assert data["description"] == "Traffic flows again."
    assert data["url"] == data["mainEntityOfPage"]["@id"] == url
    assert data["datePublished"].startswith(f"{article.published_at:%Y-%m-%dT%H:%M}")
    assert data["dateModified"] >= data["datePublished"]
    assert data["dateline"] == "MILLBROOK"
    assert data["articleSection"] == "Transport"
    assert sorted(data["keywords"]) == ["Bridges", "Millbrook"]
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Ana Ruiz",
            "url": "http://testserver/author/ana-ruiz/",
            "jobTitle": "Reporter",
        },
        {"@type": "Person", "name": "Tom Berg", "url": "http://testserver/author/tom-berg/"},
    ]
    [image] = data["image"]
    assert image["url"].startswith("http://testserver/media/")
    assert (image["width"], image["height"]) == (1600, 900) or image["width"] < 1600
    assert image["height"] * 16 == image["width"] * 9
    publisher = data["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["logo"]["url"].endswith("/img/logo.png")
    assert (publisher["logo"]["width"], publisher["logo"]["height"]) == (600, 60)
    [correction] = data["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert correction["text"] == "An earlier version misspelled the bridge's name."


def test_article_has_breadcrumbs_home_section_article(client, article):
    data = of_type(head_of(client, article.get_absolute_url()), "BreadcrumbList")
    items = data["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3]
    assert [item["item"] for item in items] == [
        "http://testserver/",
        "http://testserver/section/transport/",
        "http://testserver" + article.get_absolute_url(),
    ]


def test_article_has_opengraph_twitter_canonical_and_description(client, article):
    tree = head_of(client, article.get_absolute_url() + "?utm_source=x")
    url = "http://testserver" + article.get_absolute_url()
    assert tree.xpath('//link[@rel="canonical"]/@href') == [url]
    assert meta(tree, "description") == "Traffic flows again."
    assert meta(tree, "og:type") == "article"
    assert meta(tree, "og:title") == "Bridge reopens"
    assert meta(tree, "og:url") == url
    assert meta(tree, "og:image").startswith("http://testserver/media/")
    assert meta(tree, "og:image:alt") == "The bridge at dawn"
    assert int(meta(tree, "og:image:width")) > 0
    assert meta(tree, "twitter:card") == "summary_large_image"
    assert meta(tree, "twitter:image") == meta(tree, "og:image")
    assert meta(tree, "article:section") == "Transport"
    assert sorted(meta(tree, "article:tag")) == ["Bridges", "Millbrook"]


def test_a_script_tag_in_a_headline_cannot_break_out_of_the_json_ld(client):
    article = make_article(headline="</script><script>alert(1)</script> & <!-- more", slug="x")
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert "<script>alert(1)" not in page
    data = of_type(lxml_html.fromstring(response.content), "NewsArticle")
    assert data["headline"] == "</script><script>alert(1)</script> & <!-- more"


def test_json_ld_escapes_what_could_end_a_script_element():
    rendered = seo.json_ld({"headline": "</script><!--&"})
    inner = rendered.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == {"headline": "</script><!--&"}


def test_article_without_photo_shows_the_site_image_and_leaves_out_dateline(client):
    article = make_article(dateline="")
    tree = head_of(client, article.get_absolute_url())
    data = of_type(tree, "NewsArticle")
    assert "dateline" not in data and "correction" not in data
    assert data["image"] == [
        {
            "@type": "ImageObject",
            "url": "http://testserver/static/img/social.png",
            "width": 1200,
            "height": 630,
        }
    ]
    assert meta(tree, "og:image") == meta(tree, "twitter:image") == data["image"][0]["url"]
    assert meta(tree, "twitter:card") == "summary_large_image"


def test_author_page_is_a_profile_page_of_a_person(client):
    author = make_author(name="Ana Ruiz", slug="ana-ruiz", bio="Covers the river.")
    data = of_type(head_of(client, author.get_absolute_url()), "ProfilePage")
    assert data["mainEntity"] == {
        "@type": "Person",
        "name": "Ana Ruiz",
        "url": "http://testserver/author/ana-ruiz/",
        "description": "Covers the river.",
    }


def test_front_page_is_a_website_with_a_search_action(client):
    make_article()
    data = of_type(head_of(client, reverse("articles:front-page")), "WebSite")
    assert data["url"] == "http://testserver/"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert data["publisher"]["@type"] == "NewsMediaOrganization"


def test_list_pages_keep_only_the_page_number_in_their_canonical_url(client):
    section = make_section(slug="news")
    url = reverse("articles:section", args=["news"])
    for _ in range(2):
        make_article(section=section)
    tree = head_of(client, url + "?utm_campaign=x")
    assert tree.xpath('//link[@rel="canonical"]/@href') == ["http://testserver" + url]


def test_previews_carry_no_structured_data(client):
    from articles.models import Article
    from tests.factories import make_user

    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    client.force_login(make_user(role="Editor"))
    tree = head_of(client, draft.get_absolute_url())
    assert json_ld(tree) == []
    assert meta(tree, "og:type") == []
