"""The write paths: submitting a comment and moderating comments, called directly."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from comments.services import (
    CommentsClosed,
    comment_approve,
    comment_mark_spam,
    comment_reject,
    comment_set_status,
    comment_submit,
)
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

Status = Comment.Status


def submit(article, **overrides):
    fields = {
        "name": "Ana Ruiz",
        "email": "ana@example.org",
        "body": "Well reported.",
        "url": "https://ana.example.org",
        "ip_address": "198.51.100.4",
        "user_agent": "Firefox",
    }
    fields.update(overrides)
    return comment_submit(article=article, **fields)


# comment_submit


def test_submit_stores_the_comment_pending_with_everything_given():
    article = make_article()
    comment = submit(article)
    comment.refresh_from_db()
    assert comment.article == article
    assert comment.status == Status.PENDING
    assert (comment.name, comment.email, comment.body, comment.url) == (
        "Ana Ruiz",
        "ana@example.org",
        "Well reported.",
        "https://ana.example.org",
    )
    assert (comment.ip_address, comment.user_agent) == ("198.51.100.4", "Firefox")
    assert comment.created_at <= timezone.now()


def test_submit_stores_the_status_the_moderation_rule_gives(monkeypatch):
    from comments import services
    from comments.moderation import Verdict

    monkeypatch.setattr(
        services, "initial_verdict", lambda **kwargs: Verdict(Status.SPAM, "test rule")
    )
    assert submit(make_article()).status == Status.SPAM


def test_submit_works_without_request_details():
    comment = comment_submit(article=make_article(), name="Ana", email="ana@example.org", body="Hi")
    assert (comment.url, comment.ip_address, comment.user_agent) == ("", None, "")


def test_submit_to_an_article_with_comments_closed_raises_and_saves_nothing():
    with pytest.raises(CommentsClosed):
        submit(make_article(comment_policy="closed"))
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "in-review", "scheduled"],
)
def test_submit_to_an_article_readers_cannot_see_raises_and_saves_nothing(fields):
    with pytest.raises(CommentsClosed):
        submit(make_article(**fields))
    assert Comment.objects.count() == 0


def test_submit_cuts_the_user_agent_to_500_characters():
    assert submit(make_article(), user_agent="U" * 501).user_agent == "U" * 500


def test_submit_drops_control_characters_from_the_user_agent():
    comment = submit(make_article(), user_agent="Moz\x00illa\r\n/5.0\x7f")
    comment.refresh_from_db()
    assert comment.user_agent == "Mozilla/5.0"


# comment_set_status and its three shorthands


def test_set_status_changes_every_comment_given_and_stamps_the_moderator():
    moderator = make_user(role="Moderator")
    comments = [make_comment(status=Status.PENDING) for _ in range(3)]
    before = timezone.now()
    changed = comment_set_status(
        comments=Comment.objects.filter(pk__in=[c.pk for c in comments]),
        status=Status.APPROVED,
        moderator=moderator,
    )
    assert changed == 3
    for comment in Comment.objects.all():
        assert comment.status == Status.APPROVED
        assert comment.moderated_by == moderator
        assert before <= comment.moderated_at <= timezone.now()


def test_set_status_leaves_comments_already_in_that_status_untouched():
    moderator, earlier_moderator = make_user(role="Moderator"), make_user(role="Moderator")
    already = make_comment(status=Status.SPAM)
    Comment.objects.filter(pk=already.pk).update(moderated_by=earlier_moderator)
    pending = make_comment(status=Status.PENDING)
    changed = comment_set_status(
        comments=Comment.objects.all(), status=Status.SPAM, moderator=moderator
    )
    assert changed == 1
    already.refresh_from_db()
    pending.refresh_from_db()
    assert already.moderated_by == earlier_moderator
    assert pending.moderated_by == moderator


def test_set_status_does_not_touch_comments_outside_the_queryset():
    chosen, other = make_comment(status=Status.PENDING), make_comment(status=Status.PENDING)
    comment_set_status(
        comments=Comment.objects.filter(pk=chosen.pk),
        status=Status.REJECTED,
        moderator=make_user(role="Moderator"),
    )
    other.refresh_from_db()
    assert other.status == Status.PENDING
    assert other.moderated_by is None


@pytest.mark.parametrize("status", ["published", "deleted", "", "APPROVED"])
def test_set_status_refuses_a_status_that_does_not_exist(status):
    comment = make_comment(status=Status.PENDING)
    with pytest.raises(ValueError, match="Unknown comment status"):
        comment_set_status(comments=Comment.objects.all(), status=status, moderator=make_user())
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


@pytest.mark.parametrize(
    ("moderate", "status"),
    [
        (comment_approve, Status.APPROVED),
        (comment_reject, Status.REJECTED),
        (comment_mark_spam, Status.SPAM),
    ],
)
def test_each_moderation_shorthand_sets_its_status_on_one_comment(moderate, status):
    moderator = make_user(role="Moderator")
    comment, bystander = make_comment(status=Status.PENDING), make_comment(status=Status.PENDING)
    assert moderate(comment=comment, moderator=moderator) == 1
    comment.refresh_from_db()
    bystander.refresh_from_db()
    assert comment.status == status
    assert comment.moderated_by == moderator
    assert comment.moderated_at is not None
    assert bystander.status == Status.PENDING


def test_approving_an_approved_comment_again_changes_nothing():
    comment = make_comment(status=Status.APPROVED)
    assert comment_approve(comment=comment, moderator=make_user(role="Moderator")) == 0
    comment.refresh_from_db()
    assert comment.moderated_by is None


def test_a_moderator_account_removed_later_leaves_the_comment_in_place():
    moderator = make_user(role="Moderator")
    comment = make_comment(status=Status.PENDING)
    comment_approve(comment=comment, moderator=moderator)
    moderator.delete()
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED
    assert comment.moderated_by is None
