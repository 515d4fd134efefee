"""Date archives: /<yyyy>/ lists a year's months and stories, /<yyyy>/<mm>/ a month's stories."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")


def at(year, month, day=15, hour=12):
    return datetime(year, month, day, hour, tzinfo=UTC)


def year_url(year):
    return reverse("articles:archive-year", kwargs={"year": year})


def month_url(year, month):
    return reverse("articles:archive-month", kwargs={"year": year, "month": month})


def headlines(response):
    return [article.headline for article in response.context["articles"]]


def test_archive_addresses_do_not_collide_with_article_addresses():
    assert year_url(2024) == "/2024/"
    assert month_url(2024, 5) == "/2024/05/"
    assert resolve("/2024/").url_name == "archive-year"
    assert resolve("/2024/05/").url_name == "archive-month"
    assert resolve("/2024/05/06/a-story/").url_name == "detail"


def test_an_article_is_still_found_at_its_dated_address(client):
    article = make_article(headline="Dated", published_at=at(2023, 4))
    assert client.get(article.get_absolute_url()).status_code == 200


def test_year_page_lists_the_months_with_their_story_counts(client):
    for day in (1, 2, 3):
        make_article(published_at=at(2023, 3, day))
    make_article(published_at=at(2023, 11))
    make_article(published_at=at(2022, 11))
    response = client.get(year_url(2023))
    assert response.status_code == 200
    months = [(row["month"].month, row["count"]) for row in response.context["months"]]
    assert months == [(3, 3), (11, 1)]
    html = response.content.decode()
    assert f'href="{month_url(2023, 3)}">March</a>' in html
    assert "(3 stories)" in html
    assert "(1 story)" in html


def test_year_page_lists_that_years_published_stories_newest_first(client):
    make_article(headline="March", published_at=at(2023, 3))
    make_article(headline="November", published_at=at(2023, 11))
    make_article(headline="Other year", published_at=at(2022, 6))
    make_article(headline="Draft", status=Article.Status.DRAFT, published_at=at(2023, 5))
    assert headlines(client.get(year_url(2023))) == ["November", "March"]


def test_year_page_queries_do_not_grow_with_months_or_stories(client, settings):
    settings.NEWSROOM_PAGE_CACHE = False  # Counts the render, not a copy from the page cache.
    make_article(published_at=at(2021, 1))
    client.get(year_url(2021))  # warm per-process caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(year_url(2021)).status_code == 200
    for month in range(1, 13):
        make_article(published_at=at(2022, month))
        make_article(published_at=at(2022, month, day=20))
    # New sections changed "site": the masthead and footer (fragments) are rendered again once.
    client.get(year_url(2021))
    with CaptureQueriesContext(connection) as many:
        assert client.get(year_url(2022)).status_code == 200
    assert len(few) == len(many)


def test_month_page_lists_only_that_months_stories(client):
    make_article(headline="Early March", published_at=at(2023, 3, 1, 0))
    make_article(headline="Late March", published_at=at(2023, 3, 31, 23))
    make_article(headline="April", published_at=at(2023, 4, 1, 0))
    make_article(headline="February", published_at=at(2023, 2, 28, 23))
    response = client.get(month_url(2023, 3))
    assert response.status_code == 200
    assert headlines(response) == ["Late March", "Early March"]


def test_month_page_uses_the_sites_time_zone(client, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    # 23:30 UTC on 31 January is 00:30 on 1 February in Berlin.
    make_article(headline="Just February", published_at=datetime(2023, 1, 31, 23, 30, tzinfo=UTC))
    assert headlines(client.get(month_url(2023, 2))) == ["Just February"]
    assert client.get(month_url(2023, 1)).status_code == 404
    months = client.get(year_url(2023)).context["months"]
    assert [row["month"].month for row in months] == [2]


def test_month_page_links_to_the_nearest_months_with_stories(client):
    make_article(published_at=at(2022, 12))
    make_article(published_at=at(2023, 3))
    make_article(published_at=at(2023, 7))
    html = client.get(month_url(2023, 3)).content.decode()
    assert f'href="{month_url(2022, 12)}">← December 2022</a>' in html
    assert f'href="{month_url(2023, 7)}">July 2023 →</a>' in html
    assert f'href="{year_url(2023)}"' in html


def test_month_page_is_paginated_with_previous_and_next_links(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    for day in range(1, 6):
        make_article(headline=f"Day {day}", published_at=at(2023, 5, day))
    first = client.get(month_url(2023, 5))
    assert headlines(first) == ["Day 5", "Day 4"]
    assert 'rel="next" href="?page=2">Older stories →</a>' in first.content.decode()
    second = client.get(month_url(2023, 5), {"page": 2})
    assert headlines(second) == ["Day 3", "Day 2"]
    html = second.content.decode()
    assert 'rel="prev" href="?page=1">← Newer stories</a>' in html
    assert 'rel="next" href="?page=3"' in html
    assert client.get(month_url(2023, 5), {"page": 4}).status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/2021/", "/2023/06/", "/2023/13/", "/2023/00/", "/0000/", "/0000/01/", "/9999/", "/9999/12/"],
)
def test_empty_and_impossible_periods_are_not_found(client, path):
    make_article(published_at=at(2023, 5))
    make_article(published_at=at(2022, 5))
    assert client.get(path).status_code == 404


def test_a_year_with_only_scheduled_stories_is_not_found(client):
    next_year = timezone.now() + timedelta(days=400)
    make_article(published_at=next_year)
    assert client.get(year_url(next_year.year)).status_code == 404
    assert client.get(month_url(next_year.year, next_year.month)).status_code == 404


def test_next_month_and_next_year_are_not_found_before_they_begin(client):
    make_article(published_at=timezone.now() - timedelta(days=1))
    future = timezone.now() + timedelta(days=40)
    assert client.get(month_url(future.year, future.month)).status_code == 404
    assert client.get(year_url(timezone.now().year + 1)).status_code == 404


def test_scheduled_stories_stay_out_of_the_archive(client):
    make_article(headline="Out", published_at=timezone.now() - timedelta(hours=1))
    make_article(headline="Soon", published_at=timezone.now() + timedelta(minutes=5))
    now = timezone.localtime()
    assert "Soon" not in headlines(client.get(month_url(now.year, now.month)))
