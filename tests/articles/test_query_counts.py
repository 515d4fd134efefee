"""A page's number of SQL queries must not grow with what is on it (DESIGN.md, performance budget).

Each test renders a page once with one of each thing and once with many, and asserts the two counts
are equal. The counts are printed (run with -s) for the closing note.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    make_article,
    make_author,
    make_comment,
    make_correction,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db

MANY_ARTICLES = 50


def queries_for(client, url):
    """Render url and return the number of SQL queries it took."""
    cache.clear()  # a page cache must not hide the queries
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def report(record_property, page, few, many):
    record_property(f"queries:{page}", f"{few} vs {many}")
    print(f"\nqueries {page}: {few} (few) vs {many} (many)")


def make_articles(count, *, section=None, author=None, tag=None):
    """count published articles, a minute apart, each with two authors and two tags."""
    now = timezone.now()
    articles = []
    for index in range(count):
        authors = [author or make_author(), make_author()]
        tags = [tag or f"topic-{index}", f"extra-{index}"]
        articles.append(
            make_article(
                section=section or make_section(),
                authors=authors,
                tags=tags,
                published_at=now - timedelta(hours=1, minutes=index),
            )
        )
    return articles


def test_front_page_queries_do_not_grow_with_articles_or_sections(client, record_property):
    url = reverse("articles:front-page")
    make_articles(1)
    few = queries_for(client, url)
    sections = [make_section() for _ in range(5)]
    for index in range(MANY_ARTICLES - 1):
        make_articles(1, section=sections[index % len(sections)])
    many = queries_for(client, url)
    report(record_property, "front page", few, many)
    assert few == many


def test_article_page_queries_do_not_grow_with_comments_authors_or_tags(client, record_property):
    small = make_article(authors=[make_author()], tags=["Floods"])
    make_comment(article=small)
    big = make_article(
        authors=[make_author() for _ in range(5)], tags=[f"Tag {n}" for n in range(10)]
    )
    for _ in range(50):
        make_comment(article=big)
    few = queries_for(client, small.get_absolute_url())
    many = queries_for(client, big.get_absolute_url())
    report(record_property, "article page", few, many)
    assert few == many


def test_article_page_queries_do_not_grow_with_corrections(client, record_property):
    small, big = make_article(), make_article()
    make_correction(article=small)
    for _ in range(20):
        make_correction(article=big)
    few = queries_for(client, small.get_absolute_url())
    many = queries_for(client, big.get_absolute_url())
    report(record_property, "article page with corrections", few, many)
    assert few == many


def test_article_page_queries_do_not_grow_with_related_stories(client, record_property):
    lonely = make_article(tags=["Rare"])
    popular_section = make_section()
    popular = make_article(section=popular_section, tags=["Floods", "Bridges"])
    make_article(section=make_section(), tags=["Rare"])  # lonely's one related story
    for index in range(20):
        make_article(
            section=popular_section if index % 2 else make_section(),
            tags=["Floods", "Bridges"][: index % 3],
        )
    queries_for(client, lonely.get_absolute_url())  # warm per-process caches
    few = queries_for(client, lonely.get_absolute_url())
    response = client.get(popular.get_absolute_url())
    assert len(response.context["related_articles"]) == 4
    many = queries_for(client, popular.get_absolute_url())
    report(record_property, "article page with 1 vs 20 related candidates", few, many)
    assert few == many


def test_archive_month_page_queries_do_not_grow_with_articles(client, record_property):
    now = timezone.now()
    last_year = now.replace(year=now.year - 1, month=6, day=15)
    two_years_ago = last_year.replace(year=now.year - 2)
    make_article(published_at=two_years_ago)
    for index in range(MANY_ARTICLES):
        make_article(published_at=last_year - timedelta(minutes=index))
    year, month = two_years_ago.year, two_years_ago.month
    few = queries_for(client, reverse("articles:archive-month", args=[year, month]))
    url = reverse("articles:archive-month", args=[last_year.year, last_year.month])
    many = queries_for(client, url)
    many_page_2 = queries_for(client, url + "?page=2")
    report(record_property, "archive month page", few, many)
    assert few == many == many_page_2


def test_corrections_page_queries_do_not_grow_with_corrections(client, record_property):
    url = reverse("articles:corrections")
    make_correction(article=make_article())
    few = queries_for(client, url)
    for _ in range(19):
        make_correction(article=make_article())
    many = queries_for(client, url)
    many_page_2 = queries_for(client, url + "?page=2")
    report(record_property, "corrections page", few, many)
    assert few == many == many_page_2


def test_section_page_queries_do_not_grow_with_articles(client, record_property):
    quiet, busy = make_section(), make_section()
    make_articles(1, section=quiet)
    make_articles(MANY_ARTICLES, section=busy)
    few = queries_for(client, quiet.get_absolute_url())
    many = queries_for(client, busy.get_absolute_url())
    many_page_2 = queries_for(client, busy.get_absolute_url() + "?page=2")
    report(record_property, "section page", few, many)
    assert few == many == many_page_2


def test_tag_page_queries_do_not_grow_with_articles(client, record_property):
    make_articles(1, tag="Rare")
    make_articles(MANY_ARTICLES, tag="Common")
    few = queries_for(client, reverse("articles:tag", kwargs={"slug": "rare"}))
    many = queries_for(client, reverse("articles:tag", kwargs={"slug": "common"}))
    report(record_property, "tag page", few, many)
    assert few == many


def test_author_page_queries_do_not_grow_with_articles(client, record_property):
    occasional, prolific = make_author(), make_author()
    make_articles(1, author=occasional)
    make_articles(MANY_ARTICLES, author=prolific)
    few = queries_for(client, occasional.get_absolute_url())
    many = queries_for(client, prolific.get_absolute_url())
    report(record_property, "author page", few, many)
    assert few == many


def test_admin_article_list_queries_do_not_grow_with_articles(client, record_property):
    client.force_login(make_user(role="Editor"))
    url = reverse("admin:articles_article_changelist")
    make_articles(1)
    few = queries_for(client, url)
    make_articles(MANY_ARTICLES - 1)
    many = queries_for(client, url)
    report(record_property, "admin article list", few, many)
    assert few == many


BYPASS = "X-Test-Skip-Page-Cache"


def warm_queries_for(client, url):
    """Render url twice with the page cache skipped: (queries cold, queries with fragments warm)."""
    cache.clear()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, headers={BYPASS: "1"})
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response
        counts.append(len(captured))
    return counts


def test_article_page_with_warm_fragments_takes_fewer_queries_and_no_more_with_comments(
    client, record_property, settings
):
    settings.NEWSROOM_PAGE_CACHE_BYPASS_HEADER = BYPASS
    small = make_article(authors=[make_author()], tags=["Floods"])
    make_comment(article=small)
    big = make_article(authors=[make_author() for _ in range(5)], tags=["Floods", "Rain"])
    for _ in range(50):
        parent = make_comment(article=big)
    make_comment(article=big, parent=parent, depth=2)
    few_cold, few_warm = warm_queries_for(client, small.get_absolute_url())
    many_cold, many_warm = warm_queries_for(client, big.get_absolute_url())
    report(record_property, "article page, fragments warm", few_warm, many_warm)
    assert few_cold == many_cold
    assert few_warm == many_warm
    # The thread's page of comments, their replies and their count are not read.
    assert few_warm <= few_cold - 2


def test_front_page_with_warm_fragments_takes_fewer_queries_and_no_more_with_stories(
    client, record_property, settings
):
    settings.NEWSROOM_PAGE_CACHE_BYPASS_HEADER = BYPASS
    url = reverse("articles:front-page")
    make_articles(1)
    few_cold, few_warm = warm_queries_for(client, url)
    make_articles(MANY_ARTICLES)
    many_cold, many_warm = warm_queries_for(client, url)
    report(record_property, "front page, fragments warm", few_warm, many_warm)
    assert few_cold == many_cold
    assert few_warm == many_warm
    # The stories, their bylines and photos are not read at all.
    assert few_warm <= few_cold - 3
