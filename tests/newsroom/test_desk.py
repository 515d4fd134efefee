"""The desk on the admin home: each role's waiting work, with links to the filtered lists, in a
number of queries that does not grow with the work."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.times import admin_datetime
from comments.models import Comment
from tests.factories import make_article, make_author, make_comment, make_user

pytestmark = pytest.mark.django_db

HOME = reverse("admin:index")
Status = Article.Status


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def home(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def widget_titles(content):
    return [
        t for t in ["My drafts", "Awaiting review", "Scheduled", "Comments waiting"] if t in content
    ]


def test_a_reporter_sees_only_their_own_drafts_and_articles_in_review(client):
    reporter = make_user("rita", role="Reporter")
    author = make_author(user=reporter)
    make_article(headline="Bylined draft", status=Status.DRAFT, authors=[author])
    started = make_article(headline="Started in review", status=Status.IN_REVIEW)
    Article.objects.filter(pk=started.pk).update(created_by=reporter)
    make_article(headline="Someone else's draft", status=Status.DRAFT)
    make_article(headline="Own but published", authors=[author])
    content = home(client, reporter)
    assert widget_titles(content) == ["My drafts"]
    assert "Bylined draft" in content
    assert "Started in review" in content
    assert "Someone else&#x27;s draft" not in content
    assert "Own but published" not in content
    link = reverse("admin:articles_article_changelist")
    assert f"{link}?mine=drafts" in content
    # The list behind the link holds the same stories as the widget: started or bylined.
    listed = client.get(f"{link}?mine=drafts")
    headlines = {a.headline for a in listed.context["cl"].result_list}
    assert headlines == {"Bylined draft", "Started in review"}


def test_an_editor_sees_what_awaits_review_and_what_is_scheduled_with_its_time(client, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    editor = make_user("eddie", role="Editor")
    make_article(headline="Please review", status=Status.IN_REVIEW)
    when = timezone.now().replace(microsecond=0) + timedelta(days=2)
    make_article(headline="Goes out later", published_at=when)
    make_article(headline="Already out")
    content = home(client, editor)
    assert widget_titles(content) == ["My drafts", "Awaiting review", "Scheduled"]
    assert "Please review" in content
    assert "Goes out later" in content
    # In the site's time zone, in the one format the whole admin uses (articles/times.py).
    with timezone.override(ZoneInfo("Europe/Berlin")):
        assert admin_datetime(when) in content
    with timezone.override(ZoneInfo("UTC")):
        assert admin_datetime(when) not in content
    assert "Already out" not in content
    link = reverse("admin:articles_article_changelist")
    assert f"{link}?state=review" in content
    assert f"{link}?state=scheduled" in content


def test_a_moderator_sees_the_number_waiting_and_the_newest_comments(client):
    moderator = make_user("moira", role="Moderator")
    make_comment(name="Old", body="Older words", status=Comment.Status.PENDING)
    make_comment(name="New", body="Newest words", status=Comment.Status.PENDING)
    make_comment(name="Done", body="Approved words", status=Comment.Status.APPROVED)
    content = home(client, moderator)
    assert widget_titles(content) == ["Comments waiting"]
    assert content.index("Newest words") < content.index("Older words")
    assert "Approved words" not in content
    assert '<span class="desk__count">2</span>' in content
    assert f"{reverse('admin:comments_comment_changelist')}?status__exact=pending" in content


def test_the_desk_comes_before_the_list_of_apps(client):
    content = home(client, make_user(role="Editor"))
    assert content.index('class="desk"') < content.index('class="app-articles')


def test_a_superuser_sees_every_widget(client):
    content = home(client, make_user(is_superuser=True))
    assert widget_titles(content) == [
        "My drafts", "Awaiting review", "Scheduled", "Comments waiting"
    ]  # fmt: skip


def fill(count, author, batch):
    for n in range(count):
        make_article(headline=f"Draft {batch} {n}", status=Status.DRAFT, authors=[author])
        make_article(headline=f"Review {batch} {n}", status=Status.IN_REVIEW)
        make_article(
            headline=f"Later {batch} {n}", published_at=timezone.now() + timedelta(hours=n + 1)
        )
        make_comment(body=f"Waiting {n}", status=Comment.Status.PENDING)


def test_the_home_page_makes_as_many_queries_for_one_item_as_for_twelve_of_each(client):
    user = make_user(is_superuser=True)
    client.force_login(user)
    author = make_author(user=user)
    counts = []
    for count in (1, 11):
        fill(count, author, batch=count)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_admin_home_names_taggit_tags(client):
    content = home(client, make_user(role="Editor"))
    assert 'class="section" title="Models in the Tags application">Tags</a>' in content
    assert "Taggit" not in content
