"""The moderation log: every moderation writes one entry, and nobody can change the log."""

import pytest
from django.urls import reverse

from comments.models import Comment, ModerationLogEntry
from comments.services import comment_set_status
from tests.comments.admin_helpers import change_url, one_click_url, run_action
from tests.factories import make_comment, make_user

pytestmark = pytest.mark.django_db

Status = Comment.Status
Action = ModerationLogEntry.Action


def log():
    return list(
        ModerationLogEntry.objects.order_by("pk").values_list("comment", "moderator", "action")
    )


@pytest.mark.parametrize(
    ("action", "status", "logged"),
    [
        ("approve", Status.APPROVED, Action.APPROVE),
        ("reject", Status.REJECTED, Action.REJECT),
        ("mark_spam", Status.SPAM, Action.SPAM),
    ],
)
def test_each_bulk_action_logs_one_entry_per_comment_it_changed(
    moderator_client, moderator, action, status, logged
):
    waiting = [make_comment(status=Status.PENDING) for _ in range(2)]
    already = make_comment(status=status)
    run_action(moderator_client, action, [*waiting, already])
    assert sorted(log()) == sorted((c.pk, moderator.pk, logged) for c in waiting)
    assert set(ModerationLogEntry.objects.values_list("reason", flat=True)) == {"bulk action"}


def test_one_click_logs_one_entry(moderator_client, moderator):
    comment = make_comment(status=Status.PENDING)
    moderator_client.post(one_click_url(comment, "spam"))
    assert log() == [(comment.pk, moderator.pk, Action.SPAM)]


def test_status_change_on_the_comment_form_is_logged(moderator_client, moderator):
    comment = make_comment(status=Status.PENDING, url="")
    moderator_client.post(
        change_url(comment),
        {"status": Status.REJECTED, "name": comment.name, "url": "", "body": comment.body},
    )
    assert log() == [(comment.pk, moderator.pk, Action.REJECT)]
    assert ModerationLogEntry.objects.get().reason == "changed on the comment form"


def test_editing_a_comments_text_is_logged_as_an_edit_naming_the_fields(
    moderator_client, moderator
):
    comment = make_comment(status=Status.APPROVED, url="")
    moderator_client.post(
        change_url(comment),
        {"status": Status.APPROVED, "name": "Renamed", "url": "", "body": "Typo fixed."},
    )
    entry = ModerationLogEntry.objects.get()
    assert (entry.comment_id, entry.moderator, entry.action) == (comment.pk, moderator, Action.EDIT)
    assert entry.reason == "edited name, body"


def test_saving_the_form_unchanged_logs_nothing(moderator_client):
    comment = make_comment(status=Status.APPROVED, url="")
    moderator_client.post(
        change_url(comment),
        {"status": comment.status, "name": comment.name, "url": "", "body": comment.body},
    )
    assert log() == []


def test_moving_a_comment_back_to_pending_is_logged_as_an_edit_with_the_reason():
    moderator = make_user()
    comment = make_comment(status=Status.APPROVED)
    comment_set_status(
        comments=Comment.objects.filter(pk=comment.pk), status=Status.PENDING, moderator=moderator
    )
    entry = ModerationLogEntry.objects.get()
    assert (entry.action, entry.reason) == (Action.EDIT, "moved back to pending")


def test_a_failed_status_change_leaves_no_log_entry(monkeypatch):
    comment = make_comment(status=Status.PENDING)

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ModerationLogEntry.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        comment_set_status(
            comments=Comment.objects.filter(pk=comment.pk),
            status=Status.APPROVED,
            moderator=None,
        )
    # One transaction: the status change went with the failed log write.
    assert Comment.objects.get(pk=comment.pk).status == Status.PENDING


# Reading the log.


def test_moderators_read_the_log_with_who_what_and_why(moderator_client, moderator):
    comment = make_comment(status=Status.PENDING)
    moderator_client.post(one_click_url(comment, "approve"))
    response = moderator_client.get(reverse("admin:comments_moderationlogentry_changelist"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "moira" in content
    assert "Approved" in content
    assert "one click in the queue" in content


def test_the_queue_links_to_the_log_for_moderators(moderator_client):
    response = moderator_client.get(reverse("admin:comments_comment_changelist"), follow=True)
    assert reverse("admin:comments_moderationlogentry_changelist") in response.content.decode()


@pytest.mark.parametrize("role", ["Editor", "Reporter"])
def test_editors_and_reporters_cannot_read_the_log(client, role):
    client.force_login(make_user(role=role))
    url = reverse("admin:comments_moderationlogentry_changelist")
    assert client.get(url).status_code == 403


def test_nobody_can_add_change_or_delete_log_entries_not_even_a_superuser(admin_client):
    entry = ModerationLogEntry.objects.create(action=Action.APPROVE, reason="original")
    assert admin_client.get(reverse("admin:comments_moderationlogentry_add")).status_code == 403
    change = reverse("admin:comments_moderationlogentry_change", args=[entry.pk])
    response = admin_client.get(change)
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    admin_client.post(change, {"action": Action.SPAM, "reason": "rewritten"})
    delete = reverse("admin:comments_moderationlogentry_delete", args=[entry.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    response = admin_client.get(reverse("admin:comments_moderationlogentry_changelist"))
    assert response.context["action_form"] is None
    entry.refresh_from_db()
    assert (entry.action, entry.reason) == (Action.APPROVE, "original")
