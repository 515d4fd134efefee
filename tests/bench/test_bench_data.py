"""bench_data, the data set behind `make bench`, on a small scale."""

import json
import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.utils.html import strip_tags
from taggit.models import Tag, TaggedItem

from articles.models import Article, Byline, Section
from authors.models import Author
from bench.management.commands.bench_data import (
    ARTICLE_50_SLUG,
    ARTICLE_200_SLUG,
    COMMENT_POST_SLUG,
    Filler,
)
from comments.models import Comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db

SMALL = {"articles": 30, "comments_per_article": 3, "sections": 5, "tags": 6, "authors": 7}


def bench_data(*args, **options):
    out = StringIO()
    call_command("bench_data", *args, stdout=out, **options)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Section, Tag, Author, Article, Byline, TaggedItem, Comment)
    }


def test_creates_the_requested_data_set():
    output = bench_data(**SMALL)

    assert Section.objects.count() == 5
    assert Tag.objects.count() == 6
    assert Author.objects.count() == 7
    assert Article.objects.count() == 30
    assert Article.objects.published().count() == 30
    assert "Author photos: skipped" in output


def test_each_article_has_one_to_three_bylines_and_two_to_four_tags():
    bench_data(**SMALL)

    articles = Article.objects.annotate(
        n_bylines=Count("bylines", distinct=True), n_tags=Count("tags", distinct=True)
    )
    assert {article.n_bylines for article in articles} <= {1, 2, 3}
    assert {article.n_tags for article in articles} <= {2, 3, 4}
    # Bylines keep the order positions give them, starting at 0.
    for article in articles:
        assert [b.position for b in article.bylines.all()] == list(range(article.n_bylines))


def test_comments_fixed_articles_exact_and_most_others_the_given_number():
    bench_data(**SMALL)

    approved = Count("comments", filter=Q(comments__status=Comment.Status.APPROVED))
    per_article = dict(Article.objects.annotate(n=approved).values_list("slug", "n"))
    assert per_article.pop(ARTICLE_50_SLUG) == 50
    assert per_article.pop(ARTICLE_200_SLUG) == 200
    assert per_article.pop(COMMENT_POST_SLUG) == 0
    assert set(per_article.values()) <= {0, 3}
    assert sum(n == 3 for n in per_article.values()) > len(per_article) / 2
    assert Comment.objects.exclude(status=Comment.Status.APPROVED).count() == 0
    # Every comment is dated after its article's publication.
    for comment in Comment.objects.select_related("article"):
        assert comment.article.published_at < comment.created_at


def test_bodies_are_about_600_words_of_the_same_text_for_the_same_seed():
    bench_data(**SMALL)

    for body in Article.objects.values_list("body", flat=True):
        assert 400 <= len(strip_tags(body).split()) <= 850
    assert Filler(random.Random(7)).body() == Filler(random.Random(7)).body()
    assert Filler(random.Random(7)).body() != Filler(random.Random(8)).body()


def test_running_again_changes_nothing():
    bench_data(**SMALL)
    before = counts()

    output = bench_data(**SMALL)

    assert counts() == before
    assert "already loaded" in output


def test_refuses_a_database_with_other_articles():
    make_article()

    with pytest.raises(CommandError, match="not the bench data"):
        bench_data(**SMALL)

    assert Article.objects.count() == 1


def test_urls_are_the_measured_pages(client):
    bench_data(**SMALL)

    urls = json.loads(bench_data("--urls"))

    for key in ("article_50", "article_200", "section", "comment_article"):
        assert client.get(urls[key]).status_code == 200, key
    assert urls["comment_post"].startswith("/comments/post/")
    assert urls["static_css"].endswith(".css")


def test_urls_without_bench_data_is_an_error():
    with pytest.raises(CommandError, match="run bench_data first"):
        bench_data("--urls")
