"""The admin login under attack: throttled per user name and address, with a message, audited."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("admin:login")
PASSWORD = "test-password-123"  # the factories' password
ATTACKER = "203.0.113.66"
EDITOR_DESK = "198.51.100.10"


def log_in(client, username, password, address=ATTACKER, **headers):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, username, times, address=ATTACKER, **headers):
    for attempt in range(times):
        response = log_in(client, username, f"wrong-guess-{attempt}", address, **headers)
        assert response.status_code in (200, 429)
    return response


def test_the_limit_is_five_failures_with_fifteen_minutes_to_wait_by_default():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def test_four_wrong_passwords_then_the_right_one_logs_in(client):
    make_user("editor", role="Editor")
    fail(client, "editor", 4)
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_five_wrong_passwords_lock_the_login_with_a_clear_message(client):
    make_user("editor", role="Editor")
    response = fail(client, "editor", 5)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Login temporarily blocked" in text
    assert "Wait 15 minutes" in text
    assert response["Retry-After"] == str(15 * 60)
    assert "_auth_user_id" not in client.session


def test_a_locked_login_refuses_even_the_right_password(client):
    make_user("editor", role="Editor")
    fail(client, "editor", 5)
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_lockout_holds_for_an_unknown_user_name_too(client):
    # Otherwise the difference would tell an attacker which names exist.
    response = fail(client, "no-such-user", 5)
    assert response.status_code == 429


def test_the_same_user_from_another_address_is_not_locked_out(client):
    make_user("editor", role="Editor")
    fail(client, "editor", 5, address=ATTACKER)
    response = log_in(client, "editor", PASSWORD, address=EDITOR_DESK)
    assert response.status_code == 302


def test_another_user_from_the_attackers_address_is_not_locked_out(client):
    make_user("editor", role="Editor")
    make_user("reporter", role="Reporter")
    fail(client, "editor", 5)
    assert log_in(client, "reporter", PASSWORD).status_code == 302


def test_the_lockout_ends_after_the_cool_off(client):
    make_user("editor", role="Editor")
    fail(client, "editor", 5)
    assert log_in(client, "editor", PASSWORD).status_code == 429
    # Time passes: the attempts are now older than the cool-off.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_trying_again_during_the_lockout_does_not_extend_it(client):
    make_user("editor", role="Editor")
    fail(client, "editor", 5)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=10)
    )
    log_in(client, "editor", PASSWORD)
    fail(client, "editor", 2)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=6)
    )
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_every_attempt_is_recorded_for_the_audit(client):
    make_user("editor", role="Editor")
    fail(client, "editor", 2, HTTP_USER_AGENT="curl/8.0")
    log_in(client, "editor", PASSWORD, address=EDITOR_DESK, HTTP_USER_AGENT="Firefox")
    failures = AccessFailureLog.objects.filter(username="editor")
    assert failures.count() == 2
    assert {failure.ip_address for failure in failures} == {ATTACKER}
    assert {failure.user_agent for failure in failures} == {"curl/8.0"}
    success = AccessLog.objects.get(username="editor")
    assert success.ip_address == EDITOR_DESK
    attempt = AccessAttempt.objects.get(username="editor")
    assert attempt.failures_since_start == 2 and attempt.ip_address == ATTACKER


def test_the_audit_never_stores_the_passwords_tried(client):
    make_user("editor", role="Editor")
    fail(client, "editor", 3)
    stored = " ".join(
        f"{attempt.post_data} {attempt.get_data}" for attempt in AccessAttempt.objects.all()
    )
    assert "wrong-guess" not in stored


def test_a_forged_x_forwarded_for_does_not_escape_the_lockout(client):
    # No proxy configured (the default): the header is the client's own invention.
    make_user("editor", role="Editor")
    for attempt in range(5):
        log_in(client, "editor", f"guess-{attempt}", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    response = log_in(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert response.status_code == 429
    assert set(AccessFailureLog.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_behind_one_proxy_the_address_it_saw_counts_and_a_forged_one_does_not(client, settings):
    settings.NEWSROOM_PROXY_COUNT = 1
    make_user("editor", role="Editor")
    proxy = "127.0.0.1"
    for attempt in range(5):
        # The reader forges a first entry; nginx appends the address it really saw.
        log_in(
            client,
            "editor",
            f"guess-{attempt}",
            address=proxy,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, {ATTACKER}",
        )
    assert set(AccessFailureLog.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    locked = log_in(client, "editor", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert locked.status_code == 429
    # The editor at their own desk, through the same proxy, is not locked out.
    ok = log_in(client, "editor", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=EDITOR_DESK)
    assert ok.status_code == 302
