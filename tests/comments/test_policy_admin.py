"""Discussion settings in the admin: one page, for editors; no adding, no deleting."""

import pytest
from django.urls import reverse

from articles.models import Article
from comments.models import DiscussionSettings
from tests.factories import article_admin_data, make_article, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:comments_discussionsettings_changelist"


def change_url():
    return reverse("admin:comments_discussionsettings_change", args=[1])


@pytest.fixture
def editor_client(client):
    client.force_login(make_user(role="Editor"))
    return client


def test_the_settings_list_goes_straight_to_the_one_settings_page(editor_client):
    response = editor_client.get(reverse(CHANGELIST))
    assert response.status_code == 302
    assert response["Location"] == change_url()
    assert DiscussionSettings.objects.count() == 1


def test_an_editor_changes_the_settings(editor_client):
    DiscussionSettings.load()
    data = {
        "auto_approve_after": "3",
        "max_links": "1",
        "moderation_words": "scam",
        "blocked_words": "viagra",
        "blocked_emails": "",
        "blocked_domains": "spam.example",
        "blocked_ips": "203.0.113.0/24",
        "close_after_days": "14",
        "thread_depth": "2",
        "comments_per_page": "20",
        "notify_moderators": "on",
    }
    response = editor_client.post(change_url(), data)
    assert response.status_code == 302
    settings = DiscussionSettings.load()
    assert (settings.auto_approve_after, settings.thread_depth, settings.comments_per_page) == (
        3,
        2,
        20,
    )


@pytest.mark.parametrize("depth", ["0", "4"])
def test_a_thread_depth_outside_1_to_3_gets_a_clear_message(editor_client, depth):
    DiscussionSettings.load()
    response = editor_client.post(
        change_url(), {"max_links": "2", "thread_depth": depth, "comments_per_page": "50"}
    )
    assert response.status_code == 200
    assert "Choose a depth from 1 (no replies) to 3." in response.content.decode()


def test_settings_cannot_be_added_or_deleted(editor_client):
    DiscussionSettings.load()
    assert editor_client.get(reverse("admin:comments_discussionsettings_add")).status_code == 403
    delete = reverse("admin:comments_discussionsettings_delete", args=[1])
    assert editor_client.get(delete).status_code == 403


@pytest.mark.parametrize("role", ["Reporter", "Moderator"])
def test_reporters_and_moderators_cannot_change_the_settings(client, role):
    client.force_login(make_user(role=role))
    assert client.get(change_url()).status_code == 403


# The article's own policy.


def test_the_article_list_shows_each_articles_comment_policy(admin_client):
    make_article(headline="Open one")
    make_article(headline="Held one", comment_policy=Article.CommentPolicy.PREMODERATED)
    make_article(
        headline="Closing one",
        comment_policy=Article.CommentPolicy.CLOSE_AFTER,
        comments_close_after_hours=48,
    )
    content = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Pre-moderated" in content
    assert "Close after 48 h" in content
    assert "comment_policy__exact=closed" in content  # the filter


def test_closing_after_hours_needs_a_number_of_hours(admin_client):
    article = make_article()
    data = article_admin_data(article=article, comment_policy="close_after")
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Say after how many hours comments close" in response.content.decode()
