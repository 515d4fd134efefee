"""Every public page under random and hostile query parameters, and made-up addresses:
never a 500, a search that always answers and shows the words searched for, preview links that
open nothing unless genuine."""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import example, given
from hypothesis import strategies as st

from articles import previews, search
from articles.models import Article
from tests.factories import make_article

from .helpers import fuzz_settings, one_example
from .strategies import PAYLOADS, hostile_text, numbers, query_value, short_text

pytestmark = pytest.mark.django_db

# What each public page may answer: a page, a redirect (moved, or a genuine preview of a story
# now out), not found, or a refusal of the query itself (too long: 414).
PAGE_ANSWERS = {200, 301, 302, 404, 414}
PAGES = [
    "front-page",
    "article",
    "section",
    "tag",
    "author",
    "archive-year",
    "archive-month",
    "search",
    "corrections",
    "feed",
    "feed-atom",
    "section-feed",
    "tag-feed",
    "author-feed",
    "sitemap-index",
    "sitemap-articles",
    "news-sitemap",
    "robots",
]
LISTINGS = ["front-page", "section", "tag", "author", "archive-year", "archive-month", "search"]


def page_url(name, article):
    """The address of one of the public pages, for the article made by the fixture."""
    local = article.published_at
    slug = article.section.slug
    return {
        "front-page": lambda: reverse("articles:front-page"),
        "article": article.get_absolute_url,
        "section": lambda: reverse("articles:section", kwargs={"slug": slug}),
        "tag": lambda: reverse("articles:tag", kwargs={"slug": "bridges"}),
        "author": lambda: reverse(
            "authors:detail", kwargs={"slug": article.bylines.get().author.slug}
        ),
        "archive-year": lambda: reverse("articles:archive-year", kwargs={"year": local.year}),
        "archive-month": lambda: reverse(
            "articles:archive-month", kwargs={"year": local.year, "month": local.month}
        ),
        "search": lambda: reverse("articles:search"),
        "corrections": lambda: reverse("articles:corrections"),
        "feed": lambda: reverse("feeds:latest-rss"),
        "feed-atom": lambda: reverse("feeds:latest-atom"),
        "section-feed": lambda: reverse("feeds:section-rss", kwargs={"slug": slug}),
        "tag-feed": lambda: reverse("feeds:tag-atom", kwargs={"slug": "bridges"}),
        "author-feed": lambda: reverse(
            "feeds:author-rss", kwargs={"slug": article.bylines.get().author.slug}
        ),
        "sitemap-index": lambda: reverse("sitemap-index"),
        "sitemap-articles": lambda: reverse("sitemap-section", kwargs={"section": "articles"}),
        "news-sitemap": lambda: reverse("news-sitemap"),
        "robots": lambda: reverse("robots-txt"),
    }[name]()


# Parameter names the pages read, and strangers.
parameter_names = st.one_of(
    st.sampled_from(["page", "q", "cpage", "replytocom", "p", "utm_source", "format"]),
    st.text(max_size=10),
)
parameters = st.dictionaries(
    parameter_names, st.one_of(query_value, st.lists(query_value, max_size=3)), max_size=4
)


@fuzz_settings(2)
@given(page=st.sampled_from(PAGES), params=parameters)
@example(page="article", params={"cpage": "9" * 400, "replytocom": "1e9"})
@example(page="sitemap-articles", params={"p": "-1"})
# Regression: a NUL in a WordPress query key (or path) reached PostgreSQL, which refuses it.
@example(page="front-page", params={"tag": "\x00"})
@example(page="front-page", params={"p": "1\x00"})
def test_any_query_on_any_public_page_is_answered_without_a_500(article, page, params):
    with one_example():
        response = Client().get(page_url(page, article), params)
        assert response.status_code in PAGE_ANSWERS


@fuzz_settings(1.5)
@given(page=st.sampled_from(LISTINGS), number=numbers.filter(lambda v: len(v) < 1000))
@example(page="search", number="last")
@example(page="section", number="9" * 400)
@example(page="tag", number="\x00")
def test_the_page_parameter_on_every_listing_gives_a_page_or_a_404(article, page, number):
    with one_example():
        params = {"page": number, "q": "bridge"} if page == "search" else {"page": number}
        response = Client().get(page_url(page, article), params)
        assert response.status_code in {200, 404}
        if number in ("1", "last", "0001"):
            assert response.status_code == 200


search_queries = st.one_of(
    hostile_text.filter(lambda q: len(q.encode()) < 2000),
    st.lists(
        st.sampled_from(["&", "|", "!", ":", "*", "(", ")", "<->", '"', "'", "\\", "-", " "])
    ).map("".join),
    st.sampled_from(["", " ", "\t\n", "bridge", '"bridge repairs"', "bridge -repairs", "or"]),
)


@fuzz_settings(1.5)
@given(q=search_queries)
@example(q="a" * 4000)
@example(q="!!!:*&|()")
@example(q="bridge:* & !(x | y)")
@example(q="\\'\"")
@example(q="\x00")
def test_search_answers_any_query_and_shows_what_was_searched_for(article, q):
    with one_example():
        response = Client().get(reverse("articles:search"), {"q": q})
        assert response.status_code == 200
        terms = search.clean_query(q)
        if terms.text:
            assert f'value="{escape(terms.text)}"' in response.content.decode()


def test_a_ten_thousand_character_search_is_cut_short_but_a_hundred_kilobytes_is_refused(
    article,
):
    response = Client().get(reverse("articles:search"), {"q": "bridge " * 1500})
    assert response.status_code == 200
    assert "That was a long search" in response.content.decode()
    response = Client().get(reverse("articles:search"), {"q": "bridge " * 15_000})
    assert response.status_code == 414


def test_a_long_search_is_cut_short_and_says_so(article):
    response = Client().get(reverse("articles:search"), {"q": "bridge " * 500})
    assert response.status_code == 200
    assert "That was a long search" in response.content.decode()


# Preview links: junk, tampered and truncated tokens open nothing.

token_junk = st.one_of(
    st.text(min_size=1, max_size=200),
    st.from_regex(r"[A-Za-z0-9_\-]{1,60}(:[A-Za-z0-9_\-]{0,60}){0,4}", fullmatch=True),
    st.binary(max_size=60).map(lambda b: __import__("base64").urlsafe_b64encode(b).decode()),
    st.sampled_from(PAYLOADS).filter(bool),
)


@pytest.fixture
def draft(db):
    return make_article(status=Article.Status.DRAFT, headline="Council budget leaked")


def preview_url(token):
    # quote(): a "/" in the token stays in the one path segment it was meant for.
    return reverse("articles:preview-link", kwargs={"token": "TOKEN"}).replace(
        "TOKEN", quote(token, safe="")
    )


@fuzz_settings(1.5)
@given(token=token_junk)
@example(token="e30:1abc:xyz")
@example(token=":")
@example(
    token="\x00"
)  # Regression: the 404's WordPress redirect lookup sent the NUL to PostgreSQL.
@example(token="a" * 5000)
def test_a_made_up_preview_token_opens_nothing(draft, token):
    with one_example():
        response = Client().get(preview_url(token))
        assert response.status_code == 404
        assert b"Council budget leaked" not in response.content


@fuzz_settings(1)
@given(data=st.data())
def test_a_tampered_or_truncated_preview_token_opens_nothing(draft, data):
    genuine = previews.preview_token(draft)
    position = data.draw(st.integers(0, len(genuine) - 1))
    change = data.draw(st.sampled_from(["cut", "flip", "insert"]))
    if change == "cut":
        token = genuine[:position]
    else:
        other = data.draw(st.sampled_from("Aa0_-:").filter(lambda c: c != genuine[position]))
        token = genuine[:position] + other + genuine[position + (change == "flip") :]
    with one_example():
        response = Client().get(preview_url(token))
        assert response.status_code in {404, 410}
        assert b"Council budget leaked" not in response.content
    assert Client().get(preview_url(genuine)).status_code == 200


# Made-up article and archive addresses (the URL patterns let through four and two digits).


@fuzz_settings(0.8)
@given(
    year=st.integers(0, 9999),
    month=st.integers(0, 99),
    day=st.integers(0, 99),
    slug=st.one_of(st.just("bridge"), st.from_regex(r"[-a-zA-Z0-9_]{1,40}", fullmatch=True)),
)
# Regression: year 0 reached Django's year lookup, which cannot build a datetime for it (a 500).
@example(year=0, month=1, day=1, slug="bridge")
@example(year=9999, month=12, day=31, slug="bridge")
@example(year=2024, month=2, day=30, slug="bridge")
def test_any_dated_address_is_a_page_or_a_404(article, year, month, day, slug):
    client = Client()
    with one_example():
        for path in (
            f"/{year:04d}/{month:02d}/{day:02d}/{slug}/",
            f"/{year:04d}/{month:02d}/",
            f"/{year:04d}/",
        ):
            assert client.get(path).status_code in {200, 404}


@fuzz_settings(0.6)
@given(value=st.one_of(numbers, short_text))
def test_a_comment_page_or_reply_target_of_any_value_shows_the_article(article, value):
    with one_example():
        for name in ("cpage", "replytocom"):
            response = Client().get(article.get_absolute_url(), {name: value})
            assert response.status_code == 200
            assert b"Leave a Reply" in response.content
