"""Readers report approved comments: once per client, back in front of moderators."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.models import Article
from comments.models import Comment, CommentReport, ModerationLogEntry
from comments.privacy import reporter_key
from comments.services import AlreadyReported, comment_report
from tests.comments.admin_helpers import changelist_url
from tests.factories import make_article, make_comment, make_user

Status = Comment.Status


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits are counted in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def report_url(comment_or_id):
    return reverse("comments:report", args=[getattr(comment_or_id, "pk", comment_or_id)])


def send_report(client, comment, reason="abuse", details="", **headers):
    return client.post(report_url(comment), {"reason": reason, "details": details}, **headers)


@pytest.mark.django_db
def test_article_page_shows_a_report_link_under_each_approved_comment(client):
    article = make_article()
    shown = make_comment(article=article, status=Status.APPROVED)
    content = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{report_url(shown)}"' in content
    assert 'rel="nofollow"' in content


@pytest.mark.django_db
def test_report_form_offers_the_reasons_and_shows_the_comment_but_no_email(client):
    comment = make_comment(body="Rude words here", email="ana.private@example.org")
    response = client.get(report_url(comment))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Rude words here" in content
    for _, label in CommentReport.Reason.choices:
        assert label.replace("'", "&#x27;") in content
    assert "ana.private" not in content
    assert "noindex" in content


@pytest.mark.django_db
def test_a_report_is_recorded_counted_and_logged(client):
    comment = make_comment()
    response = send_report(client, comment, reason="spam", details="Selling watches")
    assert response.status_code == 200
    assert "Thank you for your report" in response.content.decode()
    report = CommentReport.objects.get()
    assert (report.comment, report.reason, report.details) == (comment, "spam", "Selling watches")
    comment.refresh_from_db()
    assert comment.report_count == 1
    assert comment.status == Status.APPROVED
    entry = ModerationLogEntry.objects.get()
    assert entry.action == ModerationLogEntry.Action.REPORT
    assert entry.moderator is None
    assert entry.reason == "Spam or advertising: Selling watches"


@pytest.mark.django_db
def test_reporter_key_is_a_keyed_hash_not_the_ip_address(client):
    send_report(client, make_comment(), REMOTE_ADDR="198.51.100.23")
    key = CommentReport.objects.get().reporter_key
    assert "198.51.100.23" not in key
    assert key == reporter_key(ip_address="198.51.100.23", user_agent="")


@pytest.mark.django_db
def test_the_same_client_reporting_twice_is_counted_once_with_a_friendly_page(client):
    comment = make_comment()
    send_report(client, comment)
    response = send_report(client, comment, reason="spam")
    assert response.status_code == 200
    assert "You have already reported this comment" in response.content.decode()
    assert CommentReport.objects.count() == 1
    assert Comment.objects.get(pk=comment.pk).report_count == 1


@pytest.mark.django_db
def test_different_clients_are_counted_separately(client):
    comment = make_comment()
    send_report(client, comment, HTTP_USER_AGENT="Firefox")
    send_report(client, comment, HTTP_USER_AGENT="Safari")
    send_report(client, comment, HTTP_USER_AGENT="Firefox", REMOTE_ADDR="192.0.2.1")
    assert Comment.objects.get(pk=comment.pk).report_count == 3


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.PENDING, Status.REJECTED, Status.SPAM])
def test_only_approved_comments_can_be_reported(client, status):
    comment = make_comment(status=status)
    assert client.get(report_url(comment)).status_code == 404
    assert send_report(client, comment).status_code == 404
    assert not CommentReport.objects.exists()


@pytest.mark.django_db
def test_reporting_a_missing_comment_or_one_under_an_unpublished_article_is_a_404(client):
    draft = make_article(status=Article.Status.DRAFT)
    hidden = make_comment(article=draft)
    assert client.get(report_url(999999)).status_code == 404
    assert send_report(client, hidden).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [{}, {"reason": "because"}, {"reason": "abuse", "details": "x" * 501}],
    ids=["no-reason", "unknown-reason", "details-too-long"],
)
def test_a_bad_report_is_refused_with_400_and_nothing_saved(client, data):
    comment = make_comment()
    response = client.post(report_url(comment), data)
    assert response.status_code == 400
    assert "Your report was not sent" in response.content.decode()
    assert not CommentReport.objects.exists()


@pytest.mark.django_db
def test_a_report_needs_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    comment = make_comment()
    assert send_report(client, comment).status_code == 403
    assert not CommentReport.objects.exists()


@pytest.mark.django_db
def test_too_many_reports_from_one_ip_address_are_refused_with_429(client, settings):
    settings.NEWSROOM_COMMENT_REPORT_RATE = (2, 3600)
    comments = [make_comment() for _ in range(3)]
    assert [send_report(client, c).status_code for c in comments] == [200, 200, 429]
    assert "Too many reports" in send_report(client, make_comment()).content.decode()
    assert CommentReport.objects.count() == 2


@pytest.mark.django_db
def test_enough_reports_send_a_comment_back_to_the_queue_with_the_reason(client, settings):
    settings.NEWSROOM_COMMENT_REPORTS_TO_HOLD = 2
    comment = make_comment()
    send_report(client, comment, HTTP_USER_AGENT="one")
    assert Comment.objects.get(pk=comment.pk).status == Status.APPROVED
    send_report(client, comment, HTTP_USER_AGENT="two")
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert comment.moderation_reason == "held: reported by 2 readers"
    client.logout()
    assert comment.body not in client.get(comment.article.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_comment_approved_again_after_being_held_stays_up_on_later_reports(settings):
    settings.NEWSROOM_COMMENT_REPORTS_TO_HOLD = 1
    comment = make_comment()
    comment_report(comment=comment, reporter_key="a", reason="abuse")
    Comment.objects.filter(pk=comment.pk).update(status=Status.APPROVED)
    comment_report(comment=comment, reporter_key="b", reason="abuse")
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (Status.APPROVED, 2)


@pytest.mark.django_db
def test_moderators_find_reported_comments_with_their_count_and_reasons(client):
    comment = make_comment(body="Reported words")
    make_comment(body="Quiet words")
    comment_report(comment=comment, reporter_key="a", reason="abuse", details="Insulting")
    client.force_login(make_user(role="Moderator"))
    response = client.get(changelist_url("reported=yes"))
    assert [c.pk for c in response.context["cl"].result_list] == [comment.pk]
    assert "1 report<" in response.content.decode()
    change = client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
    assert "Abusive or hateful: Insulting" in change.content.decode()


@pytest.mark.django_db(transaction=True)
def test_concurrent_reports_from_one_client_are_stored_and_counted_once():
    comment = make_comment()
    outcomes = []
    barrier = threading.Barrier(4)

    def report(key):
        barrier.wait()
        try:
            comment_report(comment=comment, reporter_key=key, reason="abuse")
            outcomes.append("stored")
        except AlreadyReported:
            outcomes.append("already")
        finally:
            connection.close()

    threads = [threading.Thread(target=report, args=(key,)) for key in ["same"] * 3 + ["other"]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already", "already", "stored", "stored"]
    assert CommentReport.objects.count() == 2
    assert Comment.objects.get(pk=comment.pk).report_count == 2
