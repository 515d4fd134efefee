"""Moderation in the admin: who sees the queue, what it shows, and who may change a status."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db

Status = Comment.Status
CHANGELIST = "admin:comments_comment_changelist"


def changelist_url(query=""):
    return reverse(CHANGELIST) + (f"?{query}" if query else "")


def change_url(comment):
    return reverse("admin:comments_comment_change", args=[comment.pk])


def staff_with(*codenames):
    """A staff user in no group, with exactly these comment permissions."""
    user = make_user()
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="comments", codename__in=codenames)
    )
    return user


def run_action(client, action, comments):
    return client.post(
        changelist_url(),
        {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in comments], "index": 0},
    )


# The roles.


def test_moderator_group_has_only_the_comment_moderation_permissions():
    group = Group.objects.get(name="Moderator")
    assert set(group.permissions.values_list("content_type__app_label", "codename")) == {
        ("comments", "view_comment"),
        ("comments", "change_comment"),
        ("comments", "moderate_comment"),
        ("comments", "view_ban"),
        ("comments", "add_ban"),
        ("comments", "change_ban"),
        ("comments", "delete_ban"),
        ("comments", "view_moderationlogentry"),
        ("comments", "view_commentreport"),
    }


def test_reporters_have_no_comment_permissions():
    group = Group.objects.get(name="Reporter")
    assert not group.permissions.filter(content_type__app_label="comments").exists()


def test_editors_set_the_discussion_rules_but_do_not_moderate():
    group = Group.objects.get(name="Editor")
    assert set(
        group.permissions.filter(content_type__app_label="comments").values_list(
            "codename", flat=True
        )
    ) == {"view_discussionsettings", "change_discussionsettings"}


@pytest.mark.parametrize("role", ["Editor", "Reporter"])
def test_editors_and_reporters_cannot_open_the_comment_admin(client, role):
    comment = make_comment(status=Status.PENDING)
    client.force_login(make_user(role=role))
    assert client.get(changelist_url("status__exact=all")).status_code == 403
    assert client.get(change_url(comment)).status_code == 403


@pytest.mark.parametrize("role", ["Editor", "Reporter"])
def test_editors_and_reporters_do_not_see_comments_on_the_admin_index(client, role):
    client.force_login(make_user(role=role))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert reverse(CHANGELIST) not in response.content.decode()


def test_moderator_sees_comments_on_the_admin_index(moderator_client):
    response = moderator_client.get(reverse("admin:index"))
    assert reverse(CHANGELIST) in response.content.decode()


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(changelist_url("status__exact=all"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# The queue.


def test_moderator_sees_the_queue_with_the_email_masked(moderator_client):
    make_comment(
        name="Ana Ruiz",
        email="ana.private@example.org",
        ip_address="203.0.113.9",
        body="Is the bridge safe?",
        status=Status.PENDING,
    )
    response = moderator_client.get(changelist_url("status__exact=all"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "a***@example.org" in content
    assert "ana.private" not in content
    assert "Ana Ruiz" in content
    assert "Is the bridge safe?" in content


def test_queue_lists_pending_comments_first_then_newest_first(moderator_client):
    now = timezone.now()
    ages = {
        "old-pending": (Status.PENDING, 5),
        "new-approved": (Status.APPROVED, 0),
        "new-pending": (Status.PENDING, 1),
        "old-spam": (Status.SPAM, 9),
        "mid-rejected": (Status.REJECTED, 3),
    }
    for name, (status, days) in ages.items():
        comment = make_comment(name=name, status=status)
        Comment.objects.filter(pk=comment.pk).update(created_at=now - timedelta(days=days))
    response = moderator_client.get(changelist_url("status__exact=all"))
    assert [c.name for c in response.context["cl"].result_list] == [
        "new-pending",
        "old-pending",
        "new-approved",
        "mid-rejected",
        "old-spam",
    ]


def test_queue_can_be_filtered_by_status(moderator_client):
    make_comment(name="waiting", status=Status.PENDING)
    make_comment(name="junk", status=Status.SPAM)
    response = moderator_client.get(changelist_url("status__exact=spam"))
    assert [c.name for c in response.context["cl"].result_list] == ["junk"]


def test_queue_can_be_filtered_by_article(moderator_client):
    bridge, budget = make_article(headline="Bridge"), make_article(headline="Budget")
    make_comment(article=bridge, name="on-bridge")
    make_comment(article=budget, name="on-budget")
    response = moderator_client.get(changelist_url(f"article__id__exact={budget.pk}"))
    assert [c.name for c in response.context["cl"].result_list] == ["on-budget"]
    assert "Bridge" in response.content.decode()  # offered as a filter choice


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=ana.private@example.org", ["ana"]),
        ("q=Benedikt", ["ben"]),
        ("q=potholes", ["ben"]),
        ("q=198.51.100", ["ana"]),
        ("q=Budget", ["ben"]),
    ],
    ids=["email", "name", "body", "ip", "headline"],
)
def test_queue_can_be_searched(moderator_client, query, expected):
    make_comment(
        name="ana",
        email="ana.private@example.org",
        ip_address="198.51.100.20",
        article=make_article(headline="Bridge"),
    )
    make_comment(
        name="ben",
        email="b@example.org",
        body="Benedikt here: what about the potholes?",
        article=make_article(headline="Budget"),
    )
    response = moderator_client.get(changelist_url(query))
    assert [c.name for c in response.context["cl"].result_list] == expected


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=%27%3B+DROP+TABLE+comments_comment%3B--",
        "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "status__exact=bogus",
        "article__id__exact=99999999999999999999",
        "article__id__exact=abc",
        "created_at__year=abc",
        "created_at__year=9999",
        "created_at__year=9999&created_at__month=12",
        "created_at__year=99999999999999999999",
        "created_at__year=2026&created_at__month=13",
        "o=99",
        "p=99999999999999999999",
        "unknown_field=1",
    ],
)
def test_hostile_queue_addresses_never_cause_a_500(moderator_client, query):
    make_comment(status=Status.PENDING)
    moderator_client.raise_request_exception = False
    response = moderator_client.get(changelist_url(query))
    assert response.status_code < 500


def test_search_term_is_escaped_on_the_queue_page(moderator_client):
    response = moderator_client.get(changelist_url("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"))
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_comment_text_is_escaped_in_the_queue(moderator_client):
    make_comment(body="<script>alert('admin')</script>", status=Status.PENDING)
    content = moderator_client.get(changelist_url("status__exact=all")).content.decode()
    assert "<script>alert('admin')" not in content
    assert "&lt;script&gt;alert(&#x27;admin&#x27;)&lt;/script&gt;" in content


# The three moderation actions.


@pytest.mark.parametrize(
    ("action", "status", "verb"),
    [
        ("approve", Status.APPROVED, "approved"),
        ("reject", Status.REJECTED, "rejected"),
        ("mark_spam", Status.SPAM, "marked as spam"),
    ],
)
def test_moderator_bulk_action_sets_status_and_stamps_who_and_when(
    moderator_client, moderator, action, status, verb
):
    chosen = [make_comment(status=Status.PENDING) for _ in range(2)]
    bystander = make_comment(status=Status.PENDING)
    before = timezone.now()
    response = run_action(moderator_client, action, chosen)
    assert response.status_code == 302
    for comment in chosen:
        comment.refresh_from_db()
        assert comment.status == status
        assert comment.moderated_by == moderator
        assert before <= comment.moderated_at <= timezone.now()
    bystander.refresh_from_db()
    assert bystander.status == Status.PENDING
    assert bystander.moderated_by is None
    response = moderator_client.get(changelist_url("status__exact=all"))
    assert [str(m) for m in response.context["messages"]] == [f"2 comments {verb}."]


def test_moderator_is_offered_the_moderation_actions_and_not_delete(moderator_client):
    make_comment(status=Status.PENDING)
    response = moderator_client.get(changelist_url("status__exact=all"))
    choices = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert set(choices) == {
        "",
        "approve",
        "reject",
        "mark_spam",
        "approve_all_from_commenters",
        "ban_commenters",
    }


def test_approved_by_action_comment_appears_on_the_article(client, moderator_client):
    article = make_article()
    comment = make_comment(article=article, body="From the queue to the page", status="pending")
    run_action(moderator_client, "approve", [comment])
    client.logout()
    assert "From the queue to the page" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "codenames",
    [("view_comment",), ("view_comment", "change_comment")],
    ids=["view-only", "view-and-change"],
)
@pytest.mark.parametrize("action", ["approve", "reject", "mark_spam"])
def test_staff_without_the_moderate_permission_cannot_run_actions_even_by_hand(
    client, codenames, action
):
    client.force_login(staff_with(*codenames))
    comment = make_comment(status=Status.PENDING)
    response = client.get(changelist_url("status__exact=all"))
    assert response.status_code == 200
    assert response.context["action_form"] is None or action not in dict(
        response.context["action_form"].fields["action"].choices
    )

    response = run_action(client, action, [comment])

    assert response.status_code < 500
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert comment.moderated_by is None


def test_hand_crafted_action_without_index_is_refused_too(client):
    client.force_login(staff_with("view_comment", "change_comment"))
    comment = make_comment(status=Status.PENDING)
    client.post(changelist_url(), {"action": "approve", ACTION_CHECKBOX_NAME: [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_unknown_action_name_changes_nothing(moderator_client):
    comment = make_comment(status=Status.PENDING)
    response = run_action(moderator_client, "delete_selected", [comment])
    assert response.status_code < 500
    assert Comment.objects.filter(pk=comment.pk, status=Status.PENDING).exists()


# The change form.


def test_admin_offers_no_way_to_add_a_comment(moderator_client, admin_client):
    for client in (moderator_client, admin_client):
        assert client.get(reverse("admin:comments_comment_add")).status_code == 403
        assert (
            reverse("admin:comments_comment_add")
            not in client.get(changelist_url("status__exact=all")).content.decode()
        )


def test_moderator_changing_the_status_in_the_form_is_stamped(moderator_client, moderator):
    comment = make_comment(status=Status.PENDING, url="")
    response = moderator_client.post(
        change_url(comment),
        {
            "status": Status.APPROVED,
            "name": comment.name,
            "email": comment.email,
            "url": "",
            "body": comment.body,
        },
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED
    assert comment.moderated_by == moderator
    assert comment.moderated_at is not None


def test_editing_text_without_changing_status_is_not_a_moderation(moderator_client):
    comment = make_comment(status=Status.APPROVED, url="")
    moderator_client.post(
        change_url(comment),
        {
            "status": Status.APPROVED,
            "name": comment.name,
            "email": comment.email,
            "url": "",
            "body": "Typo fixed.",
        },
    )
    comment.refresh_from_db()
    assert comment.body == "Typo fixed."
    assert comment.moderated_by is None


def test_change_form_shows_moderators_the_request_details_read_only(moderator_client):
    comment = make_comment(status=Status.PENDING, ip_address="192.0.2.55", user_agent="CurlBot/1.0")
    response = moderator_client.get(change_url(comment))
    content = response.content.decode()
    assert "192.0.2.55" in content
    assert "CurlBot/1.0" in content
    assert comment.email not in content
    assert "r***@example.org" in content
    form_fields = response.context["adminform"].form.fields
    assert {"ip_address", "user_agent", "article", "moderated_by"}.isdisjoint(form_fields)


def test_staff_without_moderate_permission_cannot_change_status_in_the_form(client):
    user = staff_with("view_comment", "change_comment")
    client.force_login(user)
    comment = make_comment(status=Status.PENDING, url="")
    response = client.get(change_url(comment))
    assert "status" not in response.context["adminform"].form.fields

    client.post(
        change_url(comment),
        {
            "status": Status.APPROVED,
            "name": comment.name,
            "email": comment.email,
            "url": "",
            "body": comment.body,
        },
    )
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert comment.moderated_by is None


def test_moderator_cannot_delete_comments(moderator_client):
    comment = make_comment()
    response = moderator_client.post(
        reverse("admin:comments_comment_delete", args=[comment.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_moderator_cannot_give_a_comment_a_javascript_website(moderator_client):
    comment = make_comment(status=Status.PENDING, url="")
    response = moderator_client.post(
        change_url(comment),
        {
            "status": Status.PENDING,
            "name": comment.name,
            "email": comment.email,
            "url": "javascript:alert(1)",
            "body": comment.body,
        },
    )
    assert response.status_code == 200
    assert "Please give a web address starting with http:// or https://." in (
        response.content.decode()
    )
    comment.refresh_from_db()
    assert comment.url == ""
