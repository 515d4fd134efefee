import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-for-the-deploy-check-0123456789",
    "DJANGO_ALLOWED_HOSTS": "news.example.org",
}


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") or key == "DJANGO_SETTINGS_MODULE"
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_without_a_secret_key_refuses_to_start():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="news.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY=PRODUCTION["DJANGO_SECRET_KEY"])
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_robots_txt_keeps_admin_and_previews_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()
    assert "Disallow: /preview/" in response.content.decode()


def test_a_language_the_site_does_not_ship_refuses_to_start():
    result = manage("check", DJANGO_DEBUG="1", DJANGO_LANGUAGE_CODE="xx")
    assert result.returncode != 0
    assert "DJANGO_LANGUAGE_CODE='xx'" in result.stderr


def test_the_site_language_is_set_by_the_environment():
    command = "from django.conf import settings; print(settings.LANGUAGE_CODE, settings.TIME_ZONE)"
    result = manage(
        "shell", "-v", "0", "-c", command,
        DJANGO_DEBUG="1", DJANGO_LANGUAGE_CODE="es", DJANGO_TIME_ZONE="Europe/Madrid",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["es", "Europe/Madrid"]


@pytest.mark.django_db
def test_pages_say_the_language_they_are_in(client, settings):
    settings.LANGUAGE_CODE = "es"
    from django.utils import translation

    with translation.override("es"):
        content = client.get("/").content.decode()
    assert '<html lang="es">' in content
