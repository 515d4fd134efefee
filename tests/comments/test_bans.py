"""Banning commenters: from the queue, in the ban admin, and what the bans then cover."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comments.bans import active_bans, find_ban
from comments.models import Ban, Comment, ModerationLogEntry
from tests.comments.admin_helpers import run_action, staff_with
from tests.factories import make_comment

pytestmark = pytest.mark.django_db

Status = Comment.Status
Action = ModerationLogEntry.Action


def confirm_ban(client, comments, **fields):
    """The ban page's form, sent back as the moderator would."""
    data = {"by_email": "on", "duration": "7", "reason": "", "mark_spam": "on", "confirm": "1"}
    data.update(fields)
    return run_action(client, "ban_commenters", comments, **{k: v for k, v in data.items() if v})


def add_ban(client, **fields):
    data = {"email": "", "ip_network": "", "duration": "30", "reason": ""}
    data.update(fields)
    return client.post(reverse("admin:comments_ban_add"), data)


# From the queue.


def test_ban_action_first_asks_how_and_for_how_long_showing_masked_emails(moderator_client):
    comment = make_comment(email="troll.private@example.org", status=Status.PENDING)
    response = run_action(moderator_client, "ban_commenters", [comment])
    content = response.content.decode()
    assert response.status_code == 200
    assert "t***@example.org" in content
    assert "troll.private" not in content
    assert not Ban.objects.exists()


def test_banning_for_a_week_by_email_creates_one_ban_and_marks_the_comment_as_spam(
    moderator_client, moderator
):
    comment = make_comment(email="Troll@Example.org", status=Status.PENDING)
    response = confirm_ban(moderator_client, [comment], duration="7", reason="abuse")
    assert response.status_code == 302
    ban = Ban.objects.get()
    assert ban.email == "troll@example.org"
    assert ban.ip_network == ""
    assert ban.reason == "abuse"
    assert ban.created_by == moderator
    expected = timezone.now() + timedelta(days=7)
    assert abs(ban.expires_at - expected) < timedelta(minutes=1)
    comment.refresh_from_db()
    assert comment.status == Status.SPAM


def test_banning_for_good_by_email_and_ip_address_sets_no_expiry(moderator_client):
    comment = make_comment(email="t@example.org", ip_address="203.0.113.9")
    confirm_ban(moderator_client, [comment], by_ip="on", duration="forever", mark_spam="")
    ban = Ban.objects.get()
    assert (ban.email, ban.ip_network, ban.expires_at) == ("t@example.org", "203.0.113.9", None)
    assert Comment.objects.get(pk=comment.pk).status == Status.APPROVED


def test_banning_only_by_ip_address_stores_no_email(moderator_client):
    comment = make_comment(email="t@example.org", ip_address="2001:db8::5")
    confirm_ban(moderator_client, [comment], by_email="", by_ip="on")
    assert list(Ban.objects.values_list("email", "ip_network")) == [("", "2001:db8::5")]


def test_one_ban_per_commenter_however_many_of_their_comments_are_selected(moderator_client):
    comments = [make_comment(email="t@example.org") for _ in range(3)]
    comments.append(make_comment(email="other@example.org"))
    confirm_ban(moderator_client, comments)
    assert sorted(Ban.objects.values_list("email", flat=True)) == [
        "other@example.org",
        "t@example.org",
    ]


def test_ban_needs_email_or_ip_chosen(moderator_client):
    comment = make_comment()
    response = confirm_ban(moderator_client, [comment], by_email="")
    assert response.status_code == 200
    assert "Ban by email, by IP address, or both." in response.content.decode()
    assert not Ban.objects.exists()


def test_staff_without_the_moderate_permission_cannot_ban_from_the_queue(client):
    client.force_login(staff_with("view_comment", "change_comment", "add_ban"))
    comment = make_comment()
    confirm_ban(client, [comment])
    assert not Ban.objects.exists()


def test_a_ban_made_in_the_queue_covers_the_commenters_next_comment():
    moderator_client_comment = make_comment(email="t@example.org", ip_address="198.51.100.7")
    from comments.services import commenter_ban

    commenter_ban(moderator=None, email=moderator_client_comment.email, expires_at=None)
    bans = list(active_bans())
    assert find_ban(bans, email="T@example.org", ip_address=None) is not None
    assert find_ban(bans, email="else@example.org", ip_address="198.51.100.7") is None


# The ban admin.


def test_moderator_adds_a_ban_on_an_ip_range_for_30_days(moderator_client, moderator):
    response = add_ban(moderator_client, ip_network="203.0.113.77/24", duration="30")
    assert response.status_code == 302
    ban = Ban.objects.get()
    assert ban.ip_network == "203.0.113.0/24"
    assert ban.created_by == moderator
    assert abs(ban.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    assert find_ban([ban], email="x@example.org", ip_address="203.0.113.200") == ban


def test_moderator_adds_a_ban_for_good(moderator_client):
    add_ban(moderator_client, email="t@example.org", duration="forever")
    assert Ban.objects.get().expires_at is None


def test_ban_until_a_date_needs_the_date(moderator_client):
    response = add_ban(moderator_client, email="t@example.org", duration="until")
    assert response.status_code == 200
    assert "Give the date the ban ends." in response.content.decode()
    assert not Ban.objects.exists()


@pytest.mark.parametrize("value", ["203.0.113", "not-an-ip", "203.0.113.0/33", "::g"])
def test_an_ip_range_that_does_not_parse_is_a_form_error(moderator_client, value):
    response = add_ban(moderator_client, ip_network=value)
    assert response.status_code == 200
    assert "Enter an IP address (203.0.113.7) or a range" in response.content.decode()
    assert not Ban.objects.exists()


def test_a_ban_needs_an_email_or_an_ip_address(moderator_client):
    response = add_ban(moderator_client, reason="nobody in particular")
    assert response.status_code == 200
    assert "Give an email address, an IP address or range, or both." in response.content.decode()
    assert not Ban.objects.exists()


def test_ban_list_and_change_page_mask_the_email_without_the_reveal_permission(
    moderator_client,
):
    ban = Ban.objects.create(email="troll.private@example.org")
    for url in [
        reverse("admin:comments_ban_changelist"),
        reverse("admin:comments_ban_change", args=[ban.pk]),
    ]:
        content = moderator_client.get(url).content.decode()
        assert "t***@example.org" in content
        assert "troll.private" not in content


def test_adding_and_lifting_a_ban_are_logged_with_the_email_masked(moderator_client, moderator):
    add_ban(moderator_client, email="troll.private@example.org", duration="forever")
    ban = Ban.objects.get()
    moderator_client.post(reverse("admin:comments_ban_delete", args=[ban.pk]), {"post": "yes"})
    assert not Ban.objects.exists()
    entries = list(ModerationLogEntry.objects.order_by("pk").values_list("action", "moderator"))
    assert entries == [(Action.BAN, moderator.pk), (Action.UNBAN, moderator.pk)]
    for reason in ModerationLogEntry.objects.values_list("reason", flat=True):
        assert "t***@example.org" in reason
        assert "troll.private" not in reason


def test_expired_bans_no_longer_apply():
    Ban.objects.create(email="t@example.org", expires_at=timezone.now() - timedelta(seconds=1))
    assert find_ban(list(active_bans()), email="t@example.org", ip_address=None) is None


def test_moderator_without_the_reveal_permission_can_still_change_an_email_ban(
    moderator_client, moderator
):
    ban = Ban.objects.create(email="troll.private@example.org")
    response = moderator_client.post(
        reverse("admin:comments_ban_change", args=[ban.pk]),
        {"ip_network": "", "duration": "forever", "reason": "still shouting"},
    )
    assert response.status_code == 302
    ban.refresh_from_db()
    assert (ban.email, ban.reason, ban.expires_at) == (
        "troll.private@example.org",
        "still shouting",
        None,
    )
    entry = ModerationLogEntry.objects.get()
    assert entry.reason == "ban changed: t***@example.org, for good (still shouting)"


def test_the_change_page_ban_button_leads_to_the_same_ban_page(moderator_client):
    comment = make_comment(email="troll@example.org")
    content = moderator_client.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    ).content.decode()
    assert 'value="ban_commenters"' in content
    # The button's form and the ban page's form send no "index", as a browser would.
    data = {"action": "ban_commenters", "_selected_action": [comment.pk]}
    page = moderator_client.post(reverse("admin:comments_comment_changelist"), data)
    assert page.status_code == 200
    assert "Ban commenters" in page.content.decode()
    data.update({"confirm": "1", "by_email": "on", "duration": "1", "mark_spam": "on"})
    assert (
        moderator_client.post(reverse("admin:comments_comment_changelist"), data).status_code == 302
    )
    assert Ban.objects.get().email == "troll@example.org"
