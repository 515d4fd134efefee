"""`/healthz` tells a load balancer, in milliseconds, whether this server can do its work."""

import ast
import time
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.newsroom.test_settings import PRODUCTION, manage

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_database_and_cache_work(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_sets_no_cookie_and_needs_no_csrf_token(client):
    response = client.get(reverse("healthz"))
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_healthz_is_quick_and_runs_one_query(client):
    client.get(reverse("healthz"))  # the first request of a process loads the URLconf
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(reverse("healthz"))
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert [query["sql"] for query in queries.captured_queries] == ["SELECT 1"]
    assert elapsed < 0.05


def test_healthz_answers_503_naming_the_database_when_it_fails(client, caplog):
    with mock.patch("ops.health.connection") as broken:
        broken.cursor.side_effect = OperationalError("connection to 10.0.0.5 refused")
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}
    # The reason is logged for the operator, not handed to whoever asked.
    assert "10.0.0.5" not in response.content.decode()
    assert "10.0.0.5" in caplog.text


def test_healthz_answers_503_naming_the_cache_when_it_fails(client):
    with mock.patch("ops.health.cache") as broken:
        broken.set.side_effect = ConnectionError("Redis is down")
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}


def test_healthz_accepts_only_reads(client):
    assert client.post(reverse("healthz")).status_code == 405
    assert client.head(reverse("healthz")).status_code == 200


def test_healthz_is_exempt_from_the_https_redirect(client, settings):
    # The production value, read by a process started with production settings.
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECURE_REDIRECT_EXEMPT)",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("articles:front-page")).status_code == 301
