"""The queue's shape: it opens on what waits, one compact row per comment, links a moderator can
follow, and messages that agree with their numbers."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Ban, Comment
from tests.comments.admin_helpers import changelist_url, run_action
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

Status = Comment.Status


def test_the_bare_queue_address_opens_on_the_pending_comments(moderator_client):
    make_comment(name="waiting", status=Status.PENDING)
    make_comment(name="done", status=Status.APPROVED)
    response = moderator_client.get(changelist_url())
    assert response.status_code == 302
    assert response["Location"] == changelist_url("status__exact=pending")
    response = moderator_client.get(response["Location"])
    assert [c.name for c in response.context["cl"].result_list] == ["waiting"]


def test_every_comment_stays_one_click_away_under_all(moderator_client):
    make_comment(name="waiting", status=Status.PENDING)
    make_comment(name="done", status=Status.APPROVED)
    response = moderator_client.get(changelist_url("status__exact=pending"))
    # The filter's "All" names itself: the bare address would open on pending again.
    assert "?status__exact=all" in response.content.decode()
    response = moderator_client.get(changelist_url("status__exact=all"))
    assert [c.name for c in response.context["cl"].result_list] == ["waiting", "done"]


def test_other_filters_and_searches_are_not_redirected(moderator_client):
    make_comment(name="done", body="Bridge words", status=Status.APPROVED)
    response = moderator_client.get(changelist_url("q=Bridge"))
    assert response.status_code == 200
    assert [c.name for c in response.context["cl"].result_list] == ["done"]


def test_a_row_is_the_text_with_a_meta_line_and_the_buttons_in_two_columns(moderator_client):
    make_comment(
        name="Ana Ruiz",
        email="ana.private@example.org",
        ip_address="203.0.113.7",
        body="Plain words",
        status=Status.PENDING,
        moderation_reason="held: first comment",
    )
    response = moderator_client.get(changelist_url("status__exact=pending"))
    content = response.content.decode()
    headers = re.findall(r'<th scope="col" class="([^"]*)"', content)
    columns = ["action-checkbox-column", "column-summary", "column-one_click"]
    assert [h.split()[0] for h in headers] == columns
    meta = re.search(r'<div class="comment-meta">(.*?)</div>', content, re.S).group(1)
    for text in ["Ana Ruiz", "a***@example.org", "203.0.113.7", "Pending", "held: first comment"]:
        assert text in meta
    assert "ana.private" not in content
    for word in ["approve", "reject", "spam"]:
        assert f'data-moderate="{word}"' in content


def test_a_published_articles_link_opens_its_public_page(moderator_client):
    article = make_article(headline="Bridge reopens")
    make_comment(article=article, status=Status.PENDING)
    content = moderator_client.get(changelist_url("status__exact=pending")).content.decode()
    assert f'href="{article.get_absolute_url()}" class="comment-meta__article"' in content
    assert reverse("admin:articles_article_change", args=[article.pk]) not in content
    assert moderator_client.get(article.get_absolute_url()).status_code == 200


def test_an_unpublished_articles_link_is_its_preview_link_a_moderator_can_open(
    moderator_client,
):
    article = make_article(headline="Held back", status=Article.Status.DRAFT)
    make_comment(article=article, status=Status.PENDING)
    content = moderator_client.get(changelist_url("status__exact=pending")).content.decode()
    link = re.search(r'href="([^"]+)" class="comment-meta__article"', content).group(1)
    assert link.startswith("/preview/link/")
    response = moderator_client.get(link)
    assert response.status_code == 200
    assert "Held back" in response.content.decode()


@pytest.mark.parametrize(
    ("action", "one", "two"),
    [
        ("approve", "1 comment approved.", "2 comments approved."),
        ("reject", "1 comment rejected.", "2 comments rejected."),
        ("mark_spam", "1 comment marked as spam.", "2 comments marked as spam."),
    ],
)
def test_bulk_messages_agree_with_their_number(moderator_client, action, one, two):
    for expected, count in [(one, 1), (two, 2)]:
        comments = [make_comment(status=Status.PENDING) for _ in range(count)]
        run_action(moderator_client, action, comments)
        response = moderator_client.get(changelist_url("status__exact=all"))
        assert [str(m) for m in response.context["messages"]] == [expected]


def test_a_ban_from_the_queue_says_one_ban_added(moderator_client):
    comment = make_comment(status=Status.PENDING)
    data = {"by_email": "on", "duration": "forever", "mark_spam": "on", "confirm": "1"}
    run_action(moderator_client, "ban_commenters", [comment], **data)
    response = moderator_client.get(changelist_url("status__exact=all"))
    assert [str(m) for m in response.context["messages"]] == ["1 ban added."]
    assert Ban.objects.get().expires_at is None


def test_a_ban_with_no_end_reads_permanently(moderator_client):
    comment = make_comment(status=Status.PENDING)
    content = run_action(moderator_client, "ban_commenters", [comment]).content.decode()
    assert '<option value="forever">permanently</option>' in content
    assert "Good" not in content
    Ban.objects.create(email="t@example.org", expires_at=None)
    Ban.objects.create(email="u@example.org", expires_at=timezone.now() + timedelta(days=1))
    content = moderator_client.get(reverse("admin:comments_ban_changelist")).content.decode()
    assert '<td class="field-ends">permanently</td>' in content
    add_form = moderator_client.get(reverse("admin:comments_ban_add")).content.decode()
    assert '<option value="forever">permanently</option>' in add_form
