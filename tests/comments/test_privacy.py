"""Commenter privacy for moderators: keyed hashes, revealing an email, retention, data requests."""

import hashlib
import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from comments.models import Ban, Comment, CommentReport, ModerationLogEntry
from comments.privacy import email_key, reporter_key
from tests.comments.admin_helpers import change_url, changelist_url, staff_with
from tests.factories import make_comment, make_user

pytestmark = pytest.mark.django_db

Status = Comment.Status
Action = ModerationLogEntry.Action
PERSONAL_DATA = "admin:comments_comment_personal_data"


def reveal_url(comment):
    return reverse("admin:comments_comment_reveal_email", args=[comment.pk])


def run(command, *args, **options):
    out = io.StringIO()
    call_command(command, *args, stdout=out, **options)
    return out.getvalue()


def aged(comment, days):
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(days=days))
    return comment


# Keyed hashes.


def test_email_key_is_a_keyed_hash_not_a_public_one(settings):
    address = "ana@example.org"
    public = {
        hashlib.md5(address.encode()).hexdigest(),  # noqa: S324 (what Gravatar publishes)
        hashlib.sha256(address.encode()).hexdigest(),
    }
    key = email_key(" Ana@Example.org ")
    assert key == email_key(address)
    assert key not in public
    settings.SECRET_KEY = "another-secret"
    assert email_key(address) != key


def test_reporter_key_tells_clients_apart_and_hides_the_ip_address():
    key = reporter_key(ip_address="203.0.113.9", user_agent="Firefox")
    assert key != reporter_key(ip_address="203.0.113.9", user_agent="Safari")
    assert key != reporter_key(ip_address="203.0.113.10", user_agent="Firefox")
    assert "203.0.113.9" not in key
    assert key != email_key("203.0.113.9|Firefox")  # a key per purpose


# Revealing an email.


def test_reveal_button_is_offered_only_with_the_reveal_permission(client):
    comment = make_comment(email="ana.private@example.org")
    client.force_login(make_user(role="Moderator"))
    assert reveal_url(comment) not in client.get(change_url(comment)).content.decode()
    client.force_login(staff_with("reveal_email", role="Moderator"))
    content = client.get(change_url(comment)).content.decode()
    assert reveal_url(comment) in content
    assert "ana.private" not in content  # masked until the button is pressed


def test_revealing_an_email_shows_it_once_and_logs_who_looked(client):
    comment = make_comment(email="ana.private@example.org")
    moderator = staff_with("reveal_email", role="Moderator")
    client.force_login(moderator)
    response = client.post(reveal_url(comment))
    assert response.status_code == 200
    assert "ana.private@example.org" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    entry = ModerationLogEntry.objects.get()
    assert (entry.comment, entry.moderator, entry.action) == (
        comment,
        moderator,
        Action.REVEAL_EMAIL,
    )
    assert "ana.private" not in client.get(changelist_url("status__exact=all")).content.decode()


def test_a_hand_crafted_reveal_without_the_permission_is_refused_and_not_logged(client):
    comment = make_comment(email="ana.private@example.org")
    client.force_login(make_user(role="Moderator"))
    response = client.post(reveal_url(comment))
    assert response.status_code == 403
    assert "ana.private" not in response.content.decode()
    assert not ModerationLogEntry.objects.exists()


def test_reveal_answers_only_a_post(client):
    comment = make_comment()
    client.force_login(staff_with("reveal_email", role="Moderator"))
    assert client.get(reveal_url(comment)).status_code == 405
    assert not ModerationLogEntry.objects.exists()


# Retention.


def test_retention_erases_ip_and_browser_from_old_comments_only():
    old = aged(make_comment(ip_address="203.0.113.9", user_agent="Firefox"), days=31)
    new = aged(make_comment(ip_address="198.51.100.1", user_agent="Safari"), days=29)
    output = run("comments_retention")
    assert output.strip() == "Erased the IP address and browser of 1 comment older than 30 days."
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (new.ip_address, new.user_agent) == ("198.51.100.1", "Safari")
    assert old.body == "A thoughtful comment."


def test_retention_dry_run_counts_and_changes_nothing():
    old = aged(make_comment(ip_address="203.0.113.9", user_agent="Firefox"), days=40)
    output = run("comments_retention", "--dry-run")
    assert "would erase the IP address and browser of 1 comment older than 30 days." in output
    assert "Nothing was changed." in output
    old.refresh_from_db()
    assert old.ip_address == "203.0.113.9"


def test_retention_takes_the_number_of_days_from_the_option_or_the_setting(settings):
    aged(make_comment(ip_address="203.0.113.9"), days=8)
    assert "of 0 comments older than 10 days." in run("comments_retention", "--days", "10")
    settings.NEWSROOM_COMMENT_RETENTION_DAYS = 7
    assert "of 1 comment older than 7 days." in run("comments_retention")


def test_retention_says_its_numbers_in_real_plurals():
    for days in (3, 5):
        aged(make_comment(ip_address="203.0.113.9"), days=days)
    assert "of 2 comments older than 1 day." in run("comments_retention", "--days", "1")


def test_retention_is_safe_to_run_again():
    aged(make_comment(ip_address="203.0.113.9", user_agent="Firefox"), days=60)
    run("comments_retention")
    assert "of 0 comments older than 30 days." in run("comments_retention")


def test_retention_refuses_a_negative_number_of_days():
    with pytest.raises(CommandError):
        run("comments_retention", "--days", "-1")


# Personal-data requests.


@pytest.fixture
def ana_data():
    """Ana's two comments (one with a reply from someone else), a ban and a report on her."""
    first = make_comment(
        email="ana@example.org",
        email_key=email_key("ana@example.org"),
        name="Ana",
        url="https://ana.example",
        ip_address="203.0.113.9",
        user_agent="Firefox",
        body="First words",
    )
    second = make_comment(
        article=first.article, email="ANA@example.org", email_key=email_key("ana@example.org")
    )
    reply = make_comment(article=first.article, parent=first, depth=2, email="ben@example.org")
    Ban.objects.create(email="ana@example.org", reason="shouting")
    Ban.objects.create(ip_network="203.0.113.0/24")
    CommentReport.objects.create(comment=first, reason="abuse", reporter_key="k")
    ModerationLogEntry.objects.create(comment=first, action=Action.APPROVE, reason="fine")
    return {"first": first, "second": second, "reply": reply}


@pytest.fixture
def data_client(client):
    client.force_login(staff_with("manage_personal_data", role="Moderator"))
    return client


def test_export_holds_every_comment_ban_and_log_entry_about_the_address(data_client, ana_data):
    response = data_client.post(
        reverse(PERSONAL_DATA), {"email": "ana@example.org", "task": "export"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert [c["id"] for c in data["comments"]] == [ana_data["first"].pk, ana_data["second"].pk]
    first = data["comments"][0]
    assert (first["email"], first["ip_address"], first["user_agent"], first["website"]) == (
        "ana@example.org",
        "203.0.113.9",
        "Firefox",
        "https://ana.example",
    )
    assert first["comment"] == "First words"
    assert [b["reason"] for b in data["bans"]] == ["shouting"]
    assert [(e["comment"], e["reason"]) for e in data["moderation_log"]] == [
        (ana_data["first"].pk, "fine")
    ]
    assert "keyed hash" in data["reports_made"]


def test_export_is_logged_without_the_full_address(data_client, ana_data):
    data_client.post(reverse(PERSONAL_DATA), {"email": "ana@example.org", "task": "export"})
    entry = ModerationLogEntry.objects.get(action=Action.EXPORT)
    assert "a***@example.org" in entry.reason
    assert "ana@example.org" not in entry.reason


def test_erase_keeping_comments_as_anonymous(data_client, ana_data):
    response = data_client.post(
        reverse(PERSONAL_DATA),
        {"email": "ana@example.org", "task": "erase", "mode": "anonymise", "confirm": "on"},
    )
    assert response.status_code == 302
    first = Comment.objects.get(pk=ana_data["first"].pk)
    assert (first.name, first.email, first.email_key, first.url) == ("Anonymous", "", "", "")
    assert (first.ip_address, first.user_agent) == (None, "")
    assert first.body == "First words"
    assert Comment.objects.get(pk=ana_data["second"].pk).name == "Anonymous"
    assert Comment.objects.get(pk=ana_data["reply"].pk).email == "ben@example.org"
    assert list(Ban.objects.values_list("ip_network", flat=True)) == ["203.0.113.0/24"]
    entry = ModerationLogEntry.objects.get(action=Action.ERASE)
    assert entry.reason == "erased personal data: 2 comments anonymised, 1 ban removed"
    messages = [str(m) for m in data_client.get(reverse(PERSONAL_DATA)).context["messages"]]
    assert messages == ["2 comments anonymised, 1 ban removed."]


def test_erase_deleting_comments_takes_the_replies_to_them_and_says_so(data_client, ana_data):
    data_client.post(
        reverse(PERSONAL_DATA),
        {"email": "ana@example.org", "task": "erase", "mode": "delete", "confirm": "on"},
    )
    assert not Comment.objects.exists()
    assert not CommentReport.objects.exists()
    messages = [str(m) for m in data_client.get(reverse(PERSONAL_DATA)).context["messages"]]
    assert messages == ["2 comments deleted, 1 ban removed, 1 reply from others deleted with them."]
    # The log keeps what was done to the comments, no longer whose they were.
    assert ModerationLogEntry.objects.filter(action=Action.APPROVE, comment=None).exists()


def test_erase_needs_the_confirmation_box(data_client, ana_data):
    response = data_client.post(
        reverse(PERSONAL_DATA), {"email": "ana@example.org", "task": "erase", "mode": "delete"}
    )
    assert response.status_code == 200
    assert "Tick this box to confirm the erasure." in response.content.decode()
    assert Comment.objects.count() == 3


def test_personal_data_requests_need_their_own_permission(client, ana_data):
    client.force_login(make_user(role="Moderator"))
    assert (
        reverse(PERSONAL_DATA)
        not in client.get(changelist_url("status__exact=all")).content.decode()
    )
    assert client.get(reverse(PERSONAL_DATA)).status_code == 403
    response = client.post(
        reverse(PERSONAL_DATA),
        {"email": "ana@example.org", "task": "erase", "mode": "delete", "confirm": "on"},
    )
    assert response.status_code == 403
    assert Comment.objects.count() == 3
    assert not ModerationLogEntry.objects.exclude(action=Action.APPROVE).exists()


def test_queue_links_to_personal_data_requests_for_those_allowed(data_client):
    assert (
        reverse(PERSONAL_DATA)
        in data_client.get(changelist_url("status__exact=all")).content.decode()
    )


def test_export_command_prints_the_json(ana_data):
    data = json.loads(run("comments_export_personal_data", "Ana@Example.org"))
    assert len(data["comments"]) == 2
    assert ModerationLogEntry.objects.filter(action=Action.EXPORT, moderator=None).exists()


def test_erase_command_with_yes_anonymises(ana_data):
    output = run("comments_erase_personal_data", "ana@example.org", "--mode", "anonymise", "--yes")
    assert output.strip() == "2 comments anonymised, 1 ban removed."
    assert not Comment.objects.filter(email__iexact="ana@example.org").exists()


def test_erase_command_asks_first_and_does_nothing_unless_told_yes(ana_data, monkeypatch):
    prompts = []
    monkeypatch.setattr("builtins.input", lambda prompt: prompts.append(prompt) or "no")
    with pytest.raises(CommandError, match="Nothing was erased"):
        run("comments_erase_personal_data", "ana@example.org", "--mode", "delete")
    assert Comment.objects.count() == 3
    assert prompts == ["Delete 2 comments of ana@example.org? Type 'yes': "]


def test_commands_refuse_something_that_is_not_an_email_address():
    with pytest.raises(CommandError):
        run("comments_export_personal_data", "not-an-email")
    with pytest.raises(CommandError):
        run("comments_erase_personal_data", "not-an-email", "--mode", "delete", "--yes")
