"""Moderators hear about each held comment by email, after the comment is saved; mail trouble
never reaches the reader."""

import logging

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from comments.models import Comment, DiscussionSettings
from comments.notifications import moderator_emails
from comments.services import comment_submit
from tests.factories import make_user

from .helpers import post_url, valid_data

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture(autouse=True)
def mail_to_outbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NEWSROOM_MODERATOR_EMAILS = ["desk@news.example"]


def configure(**fields):
    DiscussionSettings.objects.update_or_create(pk=1, defaults=fields)


def post(client, article, **data):
    return client.post(post_url(article), valid_data(**data))


def test_moderators_get_an_email_for_a_held_comment(
    client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, body="Is the bridge safe\nfor cyclists?", url="ana.example.org")
    comment = Comment.objects.get()
    [message] = mail.outbox
    assert message.to == ["desk@news.example"]
    assert message.subject == f"Comment held for moderation: {article.headline}"
    assert article.headline in message.body
    assert "Ana Ruiz" in message.body
    assert "Is the bridge safe\nfor cyclists?" in message.body
    assert "ana.ruiz@example.org" in message.body  # moderators only
    assert "held: every comment is moderated" in message.body
    assert f"http://testserver/admin/comments/comment/{comment.pk}/change/" in message.body
    assert f"http://testserver{article.get_absolute_url()}" in message.body


def test_the_email_is_sent_only_after_the_comment_is_saved(
    client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client, article)
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_no_email_is_sent_if_the_comment_is_not_saved(article):
    from comments.services import CommentsClosed

    article.comment_policy = "closed"
    with pytest.raises(CommentsClosed):
        comment_submit(article=article, name="Ana", email="ana@example.org", body="Hi")
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("setup", "data"),
    [
        ({"auto_approve_after": 0}, {}),
        ({"blocked_words": "viagra"}, {"body": "viagra"}),
    ],
    ids=["approved", "spam"],
)
def test_no_email_for_comments_that_are_not_held(
    client, article, django_capture_on_commit_callbacks, setup, data
):
    configure(**setup)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article, **data)
    assert mail.outbox == []


def test_no_email_when_notifications_are_turned_off(
    client, article, django_capture_on_commit_callbacks
):
    configure(notify_moderators=False)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article)
    assert mail.outbox == []


def test_a_mail_failure_is_logged_and_the_reader_still_gets_through(
    client, article, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.comments.test_notifications.FailingBackend"
    with (
        caplog.at_level(logging.ERROR, logger="comments.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = post(client, article)
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert "Could not email moderators about held comment" in caplog.text
    assert "ana.ruiz@example.org" not in caplog.text


def test_a_mail_failure_is_not_a_500_through_the_whole_request_cycle(article, settings):
    # A real request: on_commit callbacks run when the view's transaction commits.
    from django.test import Client

    settings.EMAIL_BACKEND = "tests.comments.test_notifications.FailingBackend"
    response = Client(raise_request_exception=False).post(post_url(article), valid_data())
    assert response.status_code == 302


def test_without_a_configured_list_active_moderators_with_an_email_are_told(settings):
    settings.NEWSROOM_MODERATOR_EMAILS = []
    make_user(role="Moderator", email="mod@news.example")
    make_user(role="Moderator", email="")
    make_user(role="Moderator", email="gone@news.example", is_active=False)
    make_user(role="Editor", email="editor@news.example")
    assert moderator_emails() == ["mod@news.example"]


def test_with_nobody_to_tell_nothing_is_sent_and_nothing_breaks(
    client, article, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_MODERATOR_EMAILS = []
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, article).status_code == 302
    assert mail.outbox == []


def test_a_line_break_in_the_headline_cannot_reach_the_email_headers(
    client, django_capture_on_commit_callbacks
):
    from tests.factories import make_article

    article = make_article(headline="Bridge\nBcc: everyone@example.org", slug="bridge")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, article)
    [message] = mail.outbox
    assert "\n" not in message.subject
    assert message.bcc == []
