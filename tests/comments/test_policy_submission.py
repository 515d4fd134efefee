"""The rules applied to real submissions: what is stored, where the reader is sent, when closed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Ban, Comment, DiscussionSettings
from comments.privacy import email_key
from comments.services import CommentsClosed, comment_submit
from tests.factories import make_article, make_comment

from .helpers import post_url, valid_data

pytestmark = pytest.mark.django_db

Status = Comment.Status
Policy = Article.CommentPolicy


def configure(**fields):
    DiscussionSettings.objects.update_or_create(pk=1, defaults=fields)


def submit(article, **overrides):
    fields = {"name": "Ana", "email": "ana@example.org", "body": "Well reported."}
    fields.update(overrides)
    return comment_submit(article=article, **fields)


def test_submit_stores_the_keyed_email_hash_the_status_the_reason_and_the_depth():
    comment = submit(make_article())
    comment.refresh_from_db()
    assert comment.email_key == email_key("ana@example.org")
    assert (comment.status, comment.moderation_reason) == (
        Status.PENDING,
        "held: every comment is moderated",
    )
    assert comment.depth == 1 and comment.parent is None


def test_the_email_key_is_the_same_for_any_case_or_surrounding_space():
    article = make_article()
    first = submit(article, email="Ana@Example.org")
    second = submit(article, email=" ana@example.org", body="Another point.")
    assert first.email_key == second.email_key


def test_a_returning_commenter_is_approved_by_their_earlier_approved_comments():
    configure(auto_approve_after=2)
    for _ in range(2):
        make_comment(email="ana@example.org", email_key=email_key("ana@example.org"))
    comment = submit(make_article())
    assert (comment.status, comment.moderation_reason) == (
        Status.APPROVED,
        "approved: 2 earlier approved comments",
    )


def test_earlier_comments_not_approved_do_not_count_towards_auto_approval():
    configure(auto_approve_after=1)
    for status in [Status.PENDING, Status.REJECTED, Status.SPAM]:
        make_comment(email="ana@example.org", email_key=email_key("ana@example.org"), status=status)
    assert submit(make_article()).moderation_reason == "held: first-time commenter"


def test_a_pre_moderated_article_holds_a_trusted_commenter():
    configure(auto_approve_after=0)
    comment = submit(make_article(comment_policy=Policy.PREMODERATED))
    assert (comment.status, comment.moderation_reason) == (
        Status.PENDING,
        "held: article is pre-moderated",
    )


def test_a_banned_commenter_is_stored_as_spam():
    Ban.objects.create(email="ana@example.org")
    comment = submit(make_article())
    assert (comment.status, comment.moderation_reason) == (Status.SPAM, "spam: banned commenter")


def test_an_expired_ban_no_longer_applies():
    Ban.objects.create(email="ana@example.org", expires_at=timezone.now() - timedelta(minutes=1))
    assert submit(make_article()).status == Status.PENDING


@pytest.mark.parametrize(
    "fields",
    [
        {"comment_policy": Policy.CLOSED},
        {
            "comment_policy": Policy.CLOSE_AFTER,
            "comments_close_after_hours": 2,
            "published_at": timezone.now() - timedelta(hours=3),
        },
    ],
    ids=["closed", "closed-after-hours"],
)
def test_submit_to_a_closed_article_raises_and_saves_nothing(fields):
    with pytest.raises(CommentsClosed):
        submit(make_article(**fields))
    assert Comment.objects.count() == 0


def test_submit_after_the_site_wide_limit_raises():
    configure(close_after_days=7)
    with pytest.raises(CommentsClosed):
        submit(make_article(published_at=timezone.now() - timedelta(days=8)))


# Through the form.


def test_an_approved_comment_takes_the_reader_to_it_on_the_article(client):
    configure(auto_approve_after=0)
    article = make_article()
    response = client.post(post_url(article), valid_data(body="Straight through"), follow=True)
    comment = Comment.objects.get()
    assert response.redirect_chain == [(f"{article.get_absolute_url()}#comment-{comment.pk}", 302)]
    content = response.content.decode()
    assert "Your comment is published." in content
    assert "Straight through" in content


def test_a_held_comment_tells_the_reader_it_awaits_moderation(client, article):
    response = client.post(post_url(article), valid_data(), follow=True)
    assert "Your comment is awaiting moderation." in response.content.decode()


def test_a_spam_comment_is_told_the_same_as_a_held_one(client, article):
    configure(blocked_words="viagra")
    response = client.post(post_url(article), valid_data(body="viagra"), follow=True)
    assert Comment.objects.get().status == Status.SPAM
    assert "Your comment is awaiting moderation." in response.content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"comment_policy": Policy.CLOSED},
        {
            "comment_policy": Policy.CLOSE_AFTER,
            "comments_close_after_hours": 1,
            "published_at": timezone.now() - timedelta(hours=2),
        },
    ],
    ids=["closed", "closed-after-hours"],
)
def test_a_closed_article_shows_no_form_and_refuses_posts_with_403(client, fields):
    article = make_article(**fields)
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed." in content
    assert "Leave a Reply" not in content
    assert client.post(post_url(article), valid_data()).status_code == 403
    assert Comment.objects.count() == 0


def test_an_article_closing_later_still_shows_the_form(client):
    article = make_article(comment_policy=Policy.CLOSE_AFTER, comments_close_after_hours=48)
    assert "Leave a Reply" in client.get(article.get_absolute_url()).content.decode()


def test_comments_close_site_wide_on_old_articles(client):
    configure(close_after_days=30)
    old = make_article(published_at=timezone.now() - timedelta(days=31))
    content = client.get(old.get_absolute_url()).content.decode()
    assert "Comments are closed." in content
    assert client.post(post_url(old), valid_data()).status_code == 403


def test_a_pre_moderated_article_shows_the_form(client):
    article = make_article(comment_policy=Policy.PREMODERATED)
    assert "Leave a Reply" in client.get(article.get_absolute_url()).content.decode()
