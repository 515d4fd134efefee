"""The article list: last changed first, the signed-in user's own drafts before everything."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_user

LIST = reverse("admin:articles_article_changelist")


def listed(client):
    return [article.headline for article in client.get(LIST).context["cl"].result_list]


def touch(headline, minutes_ago):
    when = timezone.now() - timedelta(minutes=minutes_ago)
    Article.objects.filter(headline=headline).update(updated_at=when)


@pytest.mark.django_db
def test_own_drafts_first_then_by_last_change(client):
    reporter = make_user("rep", role="Reporter")
    author = make_author(user=reporter)
    make_article(headline="Old published")
    make_article(headline="Fresh published")
    make_article(headline="My draft", status=Article.Status.DRAFT, authors=[author])
    make_article(headline="Someone's draft", status=Article.Status.DRAFT)
    make_article(
        headline="My created draft", status=Article.Status.DRAFT, created_by=reporter, authors=[]
    )
    for minutes, headline in enumerate(
        ["Fresh published", "Someone's draft", "Old published", "My draft", "My created draft"]
    ):
        touch(headline, minutes * 10)
    editor = make_user("ed", role="Editor")
    client.force_login(editor)
    assert listed(client) == [
        "Fresh published", "Someone's draft", "Old published", "My draft", "My created draft",
    ]  # fmt: skip
    client.force_login(reporter)
    assert listed(client)[:2] == ["My draft", "My created draft"]


@pytest.mark.django_db
def test_the_list_takes_the_same_queries_for_more_articles(client):
    editor = make_user("ed", role="Editor")
    client.force_login(editor)
    make_article()
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    for _ in range(6):
        make_article(status=Article.Status.DRAFT, authors=[make_author(), make_author()])
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST).status_code == 200
    assert len(many) == len(few)
