"""Two app servers, one Redis: a page one of them keeps is served by the other, a change made
anywhere drops it for both, and a login made on one is good on the other (stateless servers)."""

import http.client
import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory

from bench import process
from bench.process import redis_answers
from comments.models import Comment
from comments.services import comment_approve
from pagecache.middleware import LOCK_PREFIX
from pagecache.readers import entry_key
from tests.factories import make_article, make_comment, make_user

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL_TEST", "redis://127.0.0.1:6379/15")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def database_url():
    db = connection.settings_dict
    user, host, port = db["USER"] or "postgres", db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


class AppServer(process.Server):
    """gunicorn with one worker, on the test database and the shared Redis."""

    name = "gunicorn"
    ready_timeout = 30

    def start(self):
        env = {
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": database_url(),
            "REDIS_URL": REDIS_URL,
            "DJANGO_CONN_MAX_AGE": "0",
        }
        self.process = subprocess.Popen(  # noqa: S603 (fixed command)
            [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--workers", "1",
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip

    def answers(self):
        socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        return True

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            # One site name for both, as behind a load balancer.
            conn.request(method, path, body=body, headers={"Host": "localhost", **(headers or {})})
            response = conn.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            conn.close()


def cookies(headers):
    return "\n".join(headers.get_all("Set-Cookie") or [])


@pytest.fixture
def shared_redis(settings):
    if not redis_answers(REDIS_URL, timeout=1):
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    settings.CACHES = {
        "default": {
            "BACKEND": "pagecache.backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def two_servers(shared_redis):
    with AppServer() as first, AppServer() as second:
        yield [first, second]


def test_a_page_kept_by_one_server_is_served_by_the_other_and_dropped_for_both(two_servers):
    first, second = two_servers
    article = make_article(headline="Shared cache story")
    comment = make_comment(article=article, status=Comment.Status.PENDING, body="Approved later.")
    url = article.get_absolute_url()

    status, headers, _ = first.request("GET", url)
    assert (status, headers["X-Page-Cache"]) == (200, "miss")
    status, headers, html = second.request("GET", url)
    assert (status, headers["X-Page-Cache"]) == (200, "hit")
    assert "Approved later." not in html

    # A moderator's change, made in a third process: both servers drop the page.
    comment_approve(comment=comment, moderator=make_user(role="Moderator"))
    for server in (second, first):
        status, headers, html = server.request("GET", url)
        assert status == 200
        assert "Approved later." in html
    assert headers["X-Page-Cache"] == "hit"  # The second rendered it anew; the first read that.


def test_a_login_on_one_server_is_good_on_the_other(two_servers):
    first, second = two_servers
    make_user("shared-editor", role="Editor")
    status, headers, html = first.request("GET", "/admin/login/")
    cookie = re.search(r"csrftoken=([^;]+)", cookies(headers)).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": "shared-editor",
            "password": "test-password-123",
            "next": "/admin/",
        }
    )
    status, headers, _ = first.request(
        "POST",
        "/admin/login/",
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}"},
    )
    assert status == 302, "the login failed"
    session = re.search(r"sessionid=([^;]+)", cookies(headers)).group(1)
    status, _, html = second.request("GET", "/admin/", headers={"Cookie": f"sessionid={session}"})
    assert status == 200
    assert "shared-editor" in html


def test_while_one_server_renders_a_changed_page_the_other_serves_its_previous_copy(two_servers):
    first, second = two_servers
    article = make_article(headline="Single flight story")
    comment = make_comment(article=article, status=Comment.Status.PENDING, body="Approved now.")
    url = article.get_absolute_url()
    assert first.request("GET", url)[1]["X-Page-Cache"] == "miss"
    comment_approve(comment=comment, moderator=make_user(role="Moderator"))

    # A worker on some server is rendering the page: it holds the lock in the shared Redis.
    lock = LOCK_PREFIX + entry_key(RequestFactory().get(url, HTTP_HOST="localhost"))
    assert cache.add(lock, 1, 30)
    for server in (second, first):
        status, headers, html = server.request("GET", url)
        assert (status, headers["X-Page-Cache"]) == (200, "stale")
        assert "Approved now." not in html
    cache.delete(lock)

    status, headers, html = second.request("GET", url)
    assert (headers["X-Page-Cache"], "Approved now." in html) == ("miss", True)
    status, headers, html = first.request("GET", url)
    assert (headers["X-Page-Cache"], "Approved now." in html) == ("hit", True)
