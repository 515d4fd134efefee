"""The admin's door: its address may be moved by the environment, and a staff login expires."""

import importlib
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import clear_url_caches, reverse
from django.utils import timezone

from tests.factories import make_user
from tests.newsroom.test_settings import manage

pytestmark = pytest.mark.django_db

SECRET_DOOR = "desk-7f3a9c/"


@pytest.fixture
def moved_admin(settings):
    """The URLs as they are with DJANGO_ADMIN_URL=desk-7f3a9c/ (restored afterwards)."""
    import newsroom.urls

    settings.NEWSROOM_ADMIN_URL = SECRET_DOOR
    importlib.reload(newsroom.urls)
    clear_url_caches()
    yield
    settings.NEWSROOM_ADMIN_URL = "admin/"
    importlib.reload(newsroom.urls)
    clear_url_caches()


def test_the_admin_is_at_admin_by_default(client):
    assert settings.NEWSROOM_ADMIN_URL == "admin/"
    assert reverse("admin:index") == "/admin/"


def test_a_moved_admin_answers_at_its_new_address_only(client, moved_admin):
    assert reverse("admin:index") == f"/{SECRET_DOOR}"
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404
    response = client.get(f"/{SECRET_DOOR}")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/{SECRET_DOOR}login/")
    client.force_login(make_user(is_superuser=True))
    assert client.get(f"/{SECRET_DOOR}articles/article/").status_code == 200


def test_robots_txt_does_not_give_away_a_moved_admin(client, moved_admin):
    text = client.get("/robots.txt").content.decode()
    assert "desk" not in text
    assert "/admin/" not in text
    assert "Disallow: /preview/" in text


def test_the_admin_address_is_read_from_the_environment():
    code = "from django.conf import settings; print(settings.NEWSROOM_ADMIN_URL)"
    for given, expected in [("/desk-7f3a9c/", "desk-7f3a9c/"), ("desk", "desk/"), ("", "admin/")]:
        result = manage(
            "shell", "--no-imports", "-c", code, DJANGO_DEBUG="1", DJANGO_ADMIN_URL=given
        )
        assert result.stdout.strip() == expected, result.stderr


# Sessions: only staff have them. A login lasts a working day.


def log_in(client, user):
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": "test-password-123"}
    )
    assert response.status_code == 302
    return response


def test_a_staff_login_lasts_twelve_hours_by_default(client):
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    response = log_in(client, make_user(role="Editor"))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == 12 * 3600
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    session = Session.objects.get()
    assert session.expire_date - timezone.now() <= timedelta(hours=12)


def test_after_twelve_hours_the_admin_asks_for_the_password_again(client):
    log_in(client, make_user(role="Editor"))
    assert client.get(reverse("admin:index")).status_code == 200
    later = timezone.now() + timedelta(hours=12, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_working_through_the_day_does_not_stretch_the_login(client):
    # Sessions are not saved on every request, so the twelve hours count from the login.
    assert not settings.SESSION_SAVE_EVERY_REQUEST
    log_in(client, make_user(role="Editor"))
    expiry = Session.objects.get().expire_date
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=6)):
        assert client.get(reverse("admin:index")).status_code == 200
    assert Session.objects.get().expire_date == expiry


def test_session_lifetime_and_browser_close_come_from_the_environment():
    code = (
        "from django.conf import settings; "
        "print(settings.SESSION_COOKIE_AGE, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DJANGO_DEBUG="1",
        DJANGO_SESSION_COOKIE_AGE="3600",
        DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE="1",
    )
    assert result.stdout.split() == ["3600", "True"], result.stderr
