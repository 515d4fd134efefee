from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db

PAGE_SIZE = settings.NEWSROOM_PAGE_SIZE


def test_author_page_shows_the_profile(client):
    author = make_author(
        name="Ana Ruiz", slug="ana-ruiz", job_title="Health reporter", bio="Covers the hospitals."
    )
    response = client.get(reverse("authors:detail", args=["ana-ruiz"]))
    assert response.status_code == 200
    assert response.context["author"] == author
    content = response.content.decode()
    assert "<h1>Ana Ruiz</h1>" in content
    assert "Health reporter" in content
    assert "Covers the hospitals." in content


def test_author_page_lists_their_published_articles_including_shared_bylines(client):
    ana, tom = make_author(name="Ana Ruiz"), make_author(name="Tom Berg")
    solo = make_article(authors=[ana], published_at=timezone.now() - timedelta(hours=3))
    shared = make_article(authors=[tom, ana], published_at=timezone.now() - timedelta(hours=2))
    make_article(authors=[tom], headline="Tom alone")
    make_article(authors=[ana], headline="Ana draft", status=Article.Status.DRAFT)
    make_article(
        authors=[ana],
        headline="Ana scheduled",
        published_at=timezone.now() + timedelta(hours=2),
    )

    response = client.get(ana.get_absolute_url())

    assert list(response.context["articles"]) == [shared, solo]
    content = response.content.decode()
    assert shared.get_absolute_url() in content
    assert "Tom alone" not in content
    assert "Ana draft" not in content
    assert "Ana scheduled" not in content


def test_author_page_cards_show_the_whole_byline(client):
    ana, tom = make_author(name="Ana Ruiz"), make_author(name="Tom Berg")
    make_article(authors=[tom, ana])
    content = client.get(ana.get_absolute_url()).content.decode()
    assert "By Tom Berg and Ana Ruiz" in content


def test_author_without_articles_has_a_page_that_says_so(client):
    author = make_author()
    response = client.get(author.get_absolute_url())
    assert response.status_code == 200
    assert "No stories here yet." in response.content.decode()


def test_unknown_author_is_not_found(client):
    assert client.get(reverse("authors:detail", args=["nobody"])).status_code == 404


def test_author_page_is_paginated_with_the_site_page_size(client):
    author = make_author()
    now = timezone.now()
    articles = [
        make_article(authors=[author], published_at=now - timedelta(hours=1, minutes=index))
        for index in range(PAGE_SIZE + 1)
    ]
    first = client.get(author.get_absolute_url())
    assert list(first.context["articles"]) == articles[:PAGE_SIZE]
    second = client.get(author.get_absolute_url(), {"page": 2})
    assert second.status_code == 200
    assert list(second.context["articles"]) == articles[PAGE_SIZE:]


@pytest.mark.parametrize("page", ["999", "abc"])
def test_author_page_beyond_the_last_or_not_a_number_is_not_found(client, page):
    author = make_author()
    make_article(authors=[author])
    assert client.get(author.get_absolute_url(), {"page": page}).status_code == 404
