"""Moderation: what a new comment starts as, and that only approved comments reach readers."""

import re

import pytest

from comments.models import Comment, DiscussionSettings
from comments.moderation import Verdict, initial_verdict
from comments.services import comment_approve, comment_mark_spam, comment_reject
from tests.factories import make_article, make_comment, make_user

from .helpers import post_url, valid_data

pytestmark = pytest.mark.django_db

Status = Comment.Status


def heading(content):
    """The comment section's heading: "Comments" when none are shown, else "N Comment(s)"."""
    return re.search(r'<h2 id="comments-heading">(.*?)</h2>', content).group(1)


def shown_comment_ids(content):
    return [int(pk) for pk in re.findall(r'<li class="comment" id="comment-(\d+)">', content)]


# The rule, on its own.


def test_every_new_comment_is_held_for_a_moderator_by_default():
    verdict = initial_verdict(
        body="Hello", name="Ana", email="ana@example.org", url="", discussion=DiscussionSettings()
    )
    assert verdict == Verdict(status=Status.PENDING, reason="held: every comment is moderated")


@pytest.mark.parametrize(
    "fields",
    [
        {"body": "Buy cheap pills http://spam.example", "name": "Spammer"},
        {"body": "Great article!", "name": "Editor"},
        {"body": "<script>alert(1)</script>", "name": "x"},
    ],
)
def test_the_default_rule_holds_comments_whatever_they_say(fields):
    verdict = initial_verdict(
        email="a@example.org", url="https://example.org", discussion=DiscussionSettings(), **fields
    )
    assert verdict.status == Status.PENDING
    assert verdict.reason


# What readers see.


def test_pending_comment_is_neither_shown_nor_counted(client):
    article = make_article()
    make_comment(article=article, body="Still waiting", status=Status.PENDING)
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Still waiting" not in content
    assert heading(content) == "Comments"
    assert shown_comment_ids(content) == []
    assert "No comments yet." in content


def test_approved_comment_is_shown_with_name_date_and_text(client):
    article = make_article()
    comment = make_comment(article=article, name="Ana Ruiz", body="Well reported.")
    content = client.get(article.get_absolute_url()).content.decode()
    assert heading(content) == "1 Comment"
    assert shown_comment_ids(content) == [comment.pk]
    assert '<span class="comment__author">Ana Ruiz</span>' in content
    assert "<p>Well reported.</p>" in content
    assert f'<time datetime="{comment.created_at:%Y-%m-%dT%H:%M:%S%z}">' in content


@pytest.mark.parametrize("status", [Status.REJECTED, Status.SPAM, Status.PENDING])
def test_comments_not_approved_are_never_shown(client, status):
    article = make_article()
    make_comment(article=article, body=f"Hidden {status} words", status=status)
    content = client.get(article.get_absolute_url()).content.decode()
    assert f"Hidden {status} words" not in content
    assert shown_comment_ids(content) == []


def test_only_approved_comments_are_counted(client):
    article = make_article()
    approved = [make_comment(article=article, status=Status.APPROVED) for _ in range(2)]
    for status in [Status.PENDING, Status.PENDING, Status.REJECTED, Status.SPAM]:
        make_comment(article=article, status=status)
    content = client.get(article.get_absolute_url()).content.decode()
    assert heading(content) == "2 Comments"
    assert shown_comment_ids(content) == [comment.pk for comment in approved]


def test_approved_comments_are_listed_oldest_first(client):
    article = make_article()
    first, second, third = (make_comment(article=article) for _ in range(3))
    Comment.objects.filter(pk=third.pk).update(created_at=first.created_at.replace(year=2001))
    content = client.get(article.get_absolute_url()).content.decode()
    assert shown_comment_ids(content) == [third.pk, first.pk, second.pk]


def test_comments_of_other_articles_are_not_shown(client):
    article, other = make_article(), make_article()
    make_comment(article=other, body="Belongs elsewhere")
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Belongs elsewhere" not in content


def test_submitted_then_approved_comment_appears_on_the_article(client):
    article = make_article()
    client.post(post_url(article), valid_data(body="Approve me please"))
    comment = Comment.objects.get()
    assert "Approve me please" not in client.get(article.get_absolute_url()).content.decode()

    comment_approve(comment=comment, moderator=make_user(role="Moderator"))

    content = client.get(article.get_absolute_url()).content.decode()
    assert "Approve me please" in content
    assert heading(content) == "1 Comment"


@pytest.mark.parametrize("moderate", [comment_reject, comment_mark_spam])
def test_submitted_then_rejected_or_spam_comment_never_appears(client, moderate):
    article = make_article()
    client.post(post_url(article), valid_data(body="Throw me away"))
    moderate(comment=Comment.objects.get(), moderator=make_user(role="Moderator"))
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Throw me away" not in content
    assert heading(content) == "Comments"


def test_approved_comment_taken_back_disappears(client):
    article = make_article()
    comment = make_comment(article=article, body="Here, then gone")
    comment_reject(comment=comment, moderator=make_user(role="Moderator"))
    assert "Here, then gone" not in client.get(article.get_absolute_url()).content.decode()


def test_commenter_email_is_not_on_the_article_page(client):
    article = make_article()
    make_comment(article=article, email="private.reader@example.org", url="https://r.example.org")
    content = client.get(article.get_absolute_url()).content.decode()
    assert "private.reader" not in content
    assert 'href="https://r.example.org"' in content


# The querysets every public surface starts from.


def test_approved_selects_only_approved_comments():
    approved = make_comment(status=Status.APPROVED)
    for status in [Status.PENDING, Status.REJECTED, Status.SPAM]:
        make_comment(status=status)
    assert list(Comment.objects.approved()) == [approved]


def test_in_moderation_selects_only_pending_comments():
    pending = make_comment(status=Status.PENDING)
    for status in [Status.APPROVED, Status.REJECTED, Status.SPAM]:
        make_comment(status=status)
    assert list(Comment.objects.in_moderation()) == [pending]


def test_a_comment_starts_pending_unless_told_otherwise():
    comment = Comment.objects.create(
        article=make_article(), name="Ana", email="ana@example.org", body="Hi"
    )
    assert comment.status == Status.PENDING
