"""The RSS and Atom feeds, read as a feed reader reads them (feedparser)."""

from datetime import timedelta

import feedparser
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.feeds import FEED_LENGTH, absolutize_urls
from articles.models import Article
from tests.factories import (
    make_article,
    make_author,
    make_comment,
    make_correction,
    make_photo,
    make_section,
)

pytestmark = pytest.mark.django_db

FEED_NAMES = ["latest-rss", "latest-atom"]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, f"{url}: {parsed.get('bozo_exception')}"
    return response, parsed


def test_rss_feed_lists_published_articles_with_title_link_and_summary(client):
    article = make_article(headline="Bridge reopens", dek="Traffic flows again & fast.")
    make_article(status=Article.Status.DRAFT, headline="A draft nobody sees")
    make_article(headline="Tomorrow's story", published_at=timezone.now() + timedelta(days=1))
    response, feed = read_feed(client, reverse("feeds:latest-rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert [entry.title for entry in feed.entries] == ["Bridge reopens"]
    entry = feed.entries[0]
    assert entry.link == "http://testserver" + article.get_absolute_url()
    assert entry.summary == "Traffic flows again &amp; fast."
    assert entry.published_parsed is not None


def test_atom_feed_has_published_and_updated_times(client):
    article = make_article(headline="Bridge reopens")
    correction = make_correction(article=article, published_at=timezone.now())
    response, feed = read_feed(client, reverse("feeds:latest-atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    entry = feed.entries[0]
    assert entry.published.startswith(f"{article.published_at:%Y-%m-%dT%H:%M}")
    assert entry.updated.startswith(f"{correction.published_at:%Y-%m-%dT%H:%M}")


@pytest.mark.parametrize("name", FEED_NAMES)
def test_every_byline_is_an_author_of_the_item(client, name):
    make_article(authors=[make_author(name="Ana Ruiz"), make_author(name="Tom Berg")])
    _, feed = read_feed(client, reverse(f"feeds:{name}"))
    assert [author.name for author in feed.entries[0].authors] == ["Ana Ruiz", "Tom Berg"]


@pytest.mark.parametrize("name", FEED_NAMES)
def test_section_and_tags_are_categories(client, name):
    make_article(section=make_section(name="Environment"), tags=["Floods", "Millbrook"])
    _, feed = read_feed(client, reverse(f"feeds:{name}"))
    assert sorted(tag.term for tag in feed.entries[0].tags) == [
        "Environment",
        "Floods",
        "Millbrook",
    ]


@pytest.mark.parametrize("name", FEED_NAMES)
def test_full_content_is_sanitised_and_its_links_absolute(client, name):
    make_article(
        dateline="MILLBROOK",
        body=(
            '<p>See <a href="/section/news/">the news</a> and <a href="https://example.org/x">'
            "elsewhere</a>.</p><script>alert(1)</script>"
        ),
    )
    _, feed = read_feed(client, reverse(f"feeds:{name}"))
    html = feed.entries[0].content[0].value
    assert "MILLBROOK" in html
    assert 'href="http://testserver/section/news/"' in html
    assert 'href="https://example.org/x"' in html
    assert "<script" not in html


def test_relative_urls_are_made_absolute_against_the_article():
    html = absolutize_urls(
        '<a href="/a/">1</a><a href="b/">2</a><a href="mailto:x@example.org">3</a>'
        '<img src="//cdn.example.org/i.png"><a href="#note">4</a>',
        "https://news.example.org/2026/01/02/story/",
    )
    assert 'href="https://news.example.org/a/"' in html
    assert 'href="https://news.example.org/2026/01/02/story/b/"' in html
    assert 'href="mailto:x@example.org"' in html
    assert 'src="https://cdn.example.org/i.png"' in html
    assert 'href="https://news.example.org/2026/01/02/story/#note"' in html


def test_lead_photo_is_an_enclosure_with_its_length_and_type(client, media_root):
    photo = make_photo(size=(1600, 900))
    make_article(lead_photo=photo)
    widest = max(
        (r for r in photo.renditions.all() if r.ratio == "" and r.format != "WEBP"),
        key=lambda r: r.width,
    )
    _, feed = read_feed(client, reverse("feeds:latest-rss"))
    enclosure = feed.entries[0].enclosures[0]
    assert enclosure.href == "http://testserver" + widest.file.url
    assert enclosure.length == str(widest.size) != "0"
    assert enclosure.type == widest.mime_type
    media = feed.entries[0].media_content[0]
    assert media["url"] == enclosure.href
    assert media["width"] == str(widest.width)


def test_photo_placed_in_the_body_becomes_an_absolute_plain_image(client, media_root):
    photo = make_photo()
    make_article(body=f'<p>Before.</p><img src="/photos/{photo.pk}/" alt="x"><p>After.</p>')
    _, feed = read_feed(client, reverse("feeds:latest-rss"))
    html = feed.entries[0].content[0].value
    assert 'src="http://testserver/media/' in html
    assert f"/photos/{photo.pk}/" not in html


def test_guid_survives_a_slug_edit(client):
    article = make_article(slug="first-slug")
    _, before = read_feed(client, reverse("feeds:latest-rss"))
    article.slug = "better-slug"
    article.save()
    _, after = read_feed(client, reverse("feeds:latest-rss"))
    assert before.entries[0].id == after.entries[0].id
    assert before.entries[0].id.startswith("tag:testserver,")
    assert before.entries[0].link != after.entries[0].link


def test_feed_holds_the_twenty_latest_articles(client):
    now = timezone.now()
    for minutes in range(FEED_LENGTH + 5):
        make_article(headline=f"Story {minutes}", published_at=now - timedelta(minutes=minutes + 1))
    _, feed = read_feed(client, reverse("feeds:latest-rss"))
    assert len(feed.entries) == FEED_LENGTH
    assert feed.entries[0].title == "Story 0"


def test_section_tag_and_author_feeds_hold_only_their_articles(client):
    section, author = make_section(slug="sport"), make_author(slug="ana")
    mine = make_article(headline="Mine", section=section, authors=[author], tags=["Rowing"])
    make_article(headline="Other")
    for url in [
        reverse("feeds:section-rss", args=["sport"]),
        reverse("feeds:section-atom", args=["sport"]),
        reverse("feeds:tag-rss", args=["rowing"]),
        reverse("feeds:tag-atom", args=["rowing"]),
        reverse("feeds:author-rss", args=["ana"]),
        reverse("feeds:author-atom", args=["ana"]),
    ]:
        _, feed = read_feed(client, url)
        assert [entry.title for entry in feed.entries] == [mine.headline], url


def test_feed_of_an_unknown_section_is_not_found(client):
    assert client.get(reverse("feeds:section-rss", args=["nowhere"])).status_code == 404


@pytest.mark.parametrize("name", FEED_NAMES)
def test_no_feed_contains_a_commenters_email(client, name):
    article = make_article()
    make_comment(article=article, email="hidden.reader@private.example")
    response = client.get(reverse(f"feeds:{name}"))
    assert b"hidden.reader" not in response.content


@pytest.mark.parametrize("name", FEED_NAMES)
def test_feed_queries_do_not_grow_with_articles(client, name, media_root):
    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(f"feeds:{name}")).status_code == 200
        return len(captured)

    photo = make_photo()
    make_article(lead_photo=photo, tags=["One"], authors=[make_author()])
    few = queries()
    for index in range(29):
        article = make_article(
            lead_photo=photo, tags=[f"T{index}", "Two"], authors=[make_author(), make_author()]
        )
        make_correction(article=article)
    assert queries() == few


def test_every_page_links_to_the_feeds(client):
    make_article(section=make_section(slug="news"))
    html = client.get("/").content.decode()
    assert f'href="{reverse("feeds:latest-rss")}"' in html
    assert f'href="{reverse("feeds:latest-atom")}"' in html
    section_html = client.get(reverse("articles:section", args=["news"])).content.decode()
    assert f'href="{reverse("feeds:section-rss", args=["news"])}"' in section_html
