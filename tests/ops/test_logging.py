"""Logs: one line per request without readers' emails or addresses; tracebacks in the log only."""

import logging
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from comments.models import Comment
from tests.comments.helpers import post_url, valid_data
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

EMAIL = "ziggy.stardust.4471@example.org"
ADDRESS = "203.0.113.77"
FORWARDED = "198.51.100.23"


def request_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "newsroom.request"]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # comment rate limits are counted in the cache
    yield
    cache.clear()


def test_the_request_log_is_on_at_info_by_default():
    assert logging.getLogger("newsroom.request").getEffectiveLevel() == logging.INFO


def test_each_request_logs_one_line_with_method_path_status_time_and_size(client, caplog):
    response = client.get(reverse("articles:front-page"))
    [line] = request_lines(caplog)
    assert re.fullmatch(rf"GET / 200 \d+ms {len(response.content)}B", line)


def test_a_comment_post_logs_neither_the_commenters_email_nor_their_address(client, caplog):
    article = make_article(headline="Bridge reopens")
    response = client.post(
        post_url(article),
        valid_data(email=EMAIL, name="Ziggy"),
        REMOTE_ADDR=ADDRESS,
        HTTP_X_FORWARDED_FOR=FORWARDED,
    )
    assert response.status_code in (200, 302, 303)
    assert Comment.objects.filter(email=EMAIL).exists()
    [line] = request_lines(caplog)
    assert line.startswith(f"POST {post_url(article)} {response.status_code} ")
    everything_logged = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    for secret in (EMAIL, "ziggy.stardust", ADDRESS, FORWARDED):
        assert secret not in everything_logged


def test_query_strings_are_left_out_of_the_log(client, caplog):
    client.get(reverse("articles:search"), {"q": EMAIL})
    [line] = request_lines(caplog)
    assert line.startswith("GET /search/ 200 ")
    assert EMAIL not in caplog.text


def test_a_signed_in_staff_member_is_logged_by_id_only(client, caplog):
    editor = make_user("eddie", email="eddie@example.org", is_superuser=True)
    client.force_login(editor)
    client.get(reverse("admin:index"))
    [line] = request_lines(caplog)
    assert line.endswith(f" user={editor.pk}")
    assert "eddie" not in caplog.text


def test_health_checks_that_pass_are_not_logged(client, caplog):
    client.get(reverse("healthz"))
    assert request_lines(caplog) == []


@pytest.mark.urls("tests.ops.urls")
def test_an_error_shows_the_styled_500_page_and_logs_the_traceback(client, caplog, settings):
    settings.ADMINS = [("Ops", "ops@example.org")]
    client.raise_request_exception = False
    response = client.get("/ops-test/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "Traceback" not in html and "SECRET-DETAIL-4417" not in html
    errors = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert errors and errors[0].levelno == logging.ERROR
    assert "Traceback" in caplog.text and "SECRET-DETAIL-4417" in caplog.text
    [line] = request_lines(caplog)
    assert line.startswith("GET /ops-test/broken/ 500 ")
    # The traceback goes to the log only: Django's default of mailing it to ADMINS is off.
    assert mail.outbox == []


def test_a_path_cannot_forge_a_log_line(client, caplog):
    client.get("/no-such-page%0A2026-01-01 INFO newsroom.request: GET /admin/ 200/")
    [line] = request_lines(caplog)
    assert "\n" not in line and "\\x0a" in line
