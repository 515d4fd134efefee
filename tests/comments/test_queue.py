"""The moderation queue: columns, the count waiting, one-click actions, approving a commenter."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, ModerationLogEntry
from comments.privacy import email_key
from tests.comments.admin_helpers import (
    change_url,
    changelist_url,
    one_click_url,
    run_action,
    staff_with,
)
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

Status = Comment.Status


def from_commenter(email, **fields):
    return make_comment(email=email, email_key=email_key(email), **fields)


# The columns.


def test_queue_shows_article_excerpt_name_masked_email_age_links_reports_and_reason(
    moderator_client,
):
    comment = make_comment(
        article=make_article(headline="Bridge reopens"),
        name="Ana Ruiz",
        email="ana.private@example.org",
        body="See https://a.example and https://b.example and https://c.example please",
        status=Status.PENDING,
        moderation_reason="held: 3 links",
        report_count=2,
    )
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(hours=3))
    response = moderator_client.get(changelist_url("status__exact=all"))
    content = response.content.decode()
    assert response.status_code == 200
    for text in ["Bridge reopens", "See https://a.example", "Ana Ruiz", "a***@example.org"]:
        assert text in content
    assert "3\xa0hours ago" in content or "3 hours ago" in content
    assert "held: 3 links" in content
    # On one line under the text, not in columns of their own.
    assert "3 links" in content
    assert "2 reports" in content
    assert "Pending" in content


def test_full_email_is_nowhere_in_the_queue_for_a_moderator_without_the_reveal_permission(
    moderator_client,
):
    make_comment(email="ana.private@example.org", status=Status.PENDING)
    make_comment(email="ben.secret@example.net", status=Status.SPAM)
    for query in ["", "status__exact=spam", "status__exact=pending"]:
        content = moderator_client.get(changelist_url(query)).content.decode()
        assert "ana.private" not in content
        assert "ben.secret" not in content


def test_part_of_an_email_finds_nothing_without_the_reveal_permission(moderator_client):
    make_comment(email="ana.private@example.org")
    response = moderator_client.get(changelist_url("q=ana.priv"))
    assert list(response.context["cl"].result_list) == []


def test_part_of_an_email_finds_the_comment_with_the_reveal_permission(client):
    client.force_login(staff_with("reveal_email", role="Moderator"))
    make_comment(name="ana", email="ana.private@example.org")
    response = client.get(changelist_url("q=ana.priv"))
    assert [c.name for c in response.context["cl"].result_list] == ["ana"]


def test_queue_can_show_only_reported_comments(moderator_client):
    make_comment(name="quiet")
    make_comment(name="reported", report_count=1)
    response = moderator_client.get(changelist_url("reported=yes"))
    assert [c.name for c in response.context["cl"].result_list] == ["reported"]


def test_queue_page_loads_the_keyboard_script_and_works_without_it(moderator_client):
    make_comment(status=Status.PENDING)
    content = moderator_client.get(changelist_url("status__exact=all")).content.decode()
    assert "js/moderation.js" in content
    # Without the script the key hint stays hidden and every action is a plain button.
    assert "data-moderation-keys" in content
    assert 'data-moderate="approve"' in content


# The number waiting, on every admin page.


@pytest.mark.parametrize(
    "page",
    ["admin:index", "admin:comments_comment_changelist", "admin:comments_ban_changelist"],
)
def test_moderators_see_how_many_comments_wait_on_every_admin_page(moderator_client, page):
    make_comment(status=Status.PENDING)
    make_comment(status=Status.PENDING)
    make_comment(status=Status.APPROVED)
    content = moderator_client.get(reverse(page), follow=True).content.decode()
    assert 'data-pending-comments="2"' in content
    assert "2 comments waiting" in content


@pytest.mark.parametrize("role", ["Reporter", "Editor"])
def test_reporters_and_editors_are_not_shown_the_count_waiting(client, role):
    make_comment(status=Status.PENDING)
    client.force_login(make_user(role=role))
    content = client.get(reverse("admin:index")).content.decode()
    assert "data-pending-comments" not in content


@pytest.mark.parametrize(
    # The admin home also lists the newest waiting comments (the desk): one query more there.
    ("page", "expected"),
    [("admin:comments_ban_changelist", 1), ("admin:index", 2)],
)
def test_count_waiting_costs_one_query_whatever_the_number(moderator_client, page, expected):
    def comment_queries():
        with CaptureQueriesContext(connection) as queries:
            moderator_client.get(reverse(page))
        return [q["sql"] for q in queries.captured_queries if "comments_comment" in q["sql"]]

    make_comment(status=Status.PENDING)
    one = comment_queries()
    for _ in range(20):
        make_comment(status=Status.PENDING)
    assert len(comment_queries()) == len(one) == expected


# One click per row.


@pytest.mark.parametrize(
    ("word", "status"),
    [("approve", Status.APPROVED), ("reject", Status.REJECTED), ("spam", Status.SPAM)],
)
def test_one_click_moderates_the_comment_and_returns_to_the_list(
    moderator_client, moderator, word, status
):
    comment = make_comment(status=Status.PENDING)
    back = changelist_url("status__exact=pending")
    response = moderator_client.post(one_click_url(comment, word), {"next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.moderated_by == moderator


def test_one_click_buttons_post_the_lists_own_form_with_its_csrf_token(moderator_client):
    comment = make_comment(status=Status.PENDING)
    content = moderator_client.get(changelist_url("status__exact=all")).content.decode()
    assert f'formaction="{one_click_url(comment, "approve")}"' in content
    assert f'formaction="{one_click_url(comment, "spam")}"' in content
    assert 'id="changelist-form" method="post"' in content
    assert "csrfmiddlewaretoken" in content


def test_a_row_offers_no_button_for_the_status_it_already_has(moderator_client):
    comment = make_comment(status=Status.APPROVED)
    content = moderator_client.get(changelist_url("status__exact=all")).content.decode()
    assert one_click_url(comment, "approve") not in content
    assert one_click_url(comment, "reject") in content


def test_one_click_never_redirects_off_the_site(moderator_client):
    comment = make_comment(status=Status.PENDING)
    response = moderator_client.post(
        one_click_url(comment, "approve"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == changelist_url()


@pytest.mark.parametrize(
    "codenames", [("view_comment",), ("view_comment", "change_comment")], ids=["view", "change"]
)
def test_one_click_by_hand_without_the_moderate_permission_is_refused(client, codenames):
    client.force_login(staff_with(*codenames))
    comment = make_comment(status=Status.PENDING)
    assert (
        'data-moderate="approve"'
        not in client.get(changelist_url("status__exact=all")).content.decode()
    )
    response = client.post(one_click_url(comment, "approve"))
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert not ModerationLogEntry.objects.exists()


def test_one_click_is_refused_to_a_get_and_to_an_unknown_word(moderator_client):
    comment = make_comment(status=Status.PENDING)
    assert moderator_client.get(one_click_url(comment, "approve")).status_code == 405
    assert moderator_client.post(one_click_url(comment, "delete")).status_code == 404
    assert Comment.objects.get(pk=comment.pk).status == Status.PENDING


def test_one_click_on_a_missing_comment_is_a_404(moderator_client):
    url = reverse("admin:comments_comment_moderate", args=[999999, "approve"])
    assert moderator_client.post(url).status_code == 404


def test_one_click_needs_the_csrf_token(moderator):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    comment = make_comment(status=Status.PENDING)
    assert client.post(one_click_url(comment, "approve")).status_code == 403
    assert Comment.objects.get(pk=comment.pk).status == Status.PENDING


# Approve all from this commenter.


def test_approve_all_from_a_commenter_approves_only_their_waiting_comments(
    moderator_client, moderator
):
    first = from_commenter("ana@example.org", status=Status.PENDING)
    second = from_commenter("ANA@example.org ", status=Status.PENDING)
    their_spam = from_commenter("ana@example.org", status=Status.SPAM)
    someone_else = from_commenter("ben@example.org", status=Status.PENDING)
    response = moderator_client.post(
        reverse("admin:comments_comment_approve_all_from", args=[first.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == change_url(first)
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses[first.pk] == statuses[second.pk] == Status.APPROVED
    assert statuses[their_spam.pk] == Status.SPAM
    assert statuses[someone_else.pk] == Status.PENDING
    assert (
        ModerationLogEntry.objects.filter(
            action=ModerationLogEntry.Action.APPROVE, moderator=moderator
        ).count()
        == 2
    )


def test_approve_all_from_the_selected_commenters_as_a_bulk_action(moderator_client):
    ana = from_commenter("ana@example.org", status=Status.PENDING)
    ana_again = from_commenter("ana@example.org", status=Status.PENDING)
    ben = from_commenter("ben@example.org", status=Status.PENDING)
    run_action(moderator_client, "approve_all_from_commenters", [ana])
    assert Comment.objects.get(pk=ana_again.pk).status == Status.APPROVED
    assert Comment.objects.get(pk=ben.pk).status == Status.PENDING
    messages = [
        str(m)
        for m in moderator_client.get(changelist_url("status__exact=all")).context["messages"]
    ]
    assert messages == ["2 comments from 1 commenter approved."]


def test_change_page_offers_approve_all_to_moderators_only(moderator_client, client):
    comment = from_commenter("ana@example.org", status=Status.PENDING)
    url = reverse("admin:comments_comment_approve_all_from", args=[comment.pk])
    assert url in moderator_client.get(change_url(comment)).content.decode()
    client.force_login(staff_with("view_comment", "change_comment"))
    assert url not in client.get(change_url(comment)).content.decode()
    assert client.post(url).status_code == 403
    assert Comment.objects.get(pk=comment.pk).status == Status.PENDING
