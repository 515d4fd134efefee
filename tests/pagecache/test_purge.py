"""The purge hook: once a change commits, the caches in front are told its tags, over HTTP, to a
small local server standing in for Varnish, Fastly or Cloudflare (pagecache/purge.py)."""

import json
import logging
import socket
import subprocess
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.services import article_publish, article_unpublish
from comments.models import Comment
from comments.services import comment_approve
from pagecache import purge
from tests.factories import make_article, make_comment, make_correction, make_user
from tests.scale.probe import settings_probe

pytestmark = pytest.mark.django_db


class PurgeServer(ThreadingHTTPServer):
    """Takes any request, keeping (method, path, headers, body); fails the first `failures`."""

    daemon_threads = True

    def __init__(self):
        self.received, self.failures = [], 0
        super().__init__(("127.0.0.1", 0), PurgeHandler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def keys(self):
        """Every tag received in Surrogate-Key headers, in order."""
        return [key for *_, headers, _ in self.received for key in headers["Surrogate-Key"].split()]


class PurgeHandler(BaseHTTPRequestHandler):
    def answer(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.received.append((self.command, self.path, dict(self.headers), body))
        status = 503 if len(self.server.received) <= self.server.failures else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_PURGE = do_POST = do_BAN = answer

    def log_message(self, *args):
        pass


@pytest.fixture
def server(settings):
    server = PurgeServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NEWSROOM_PURGE_BACKEND = "http"
    settings.NEWSROOM_PURGE_URL = server.url + "/purge"
    yield server
    assert purge.flush()
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _quick_retries(monkeypatch):
    monkeypatch.setattr(purge, "RETRY_DELAYS", (0.01, 0.02, 0.04))


def sent(server):
    assert purge.flush(), "purges still pending after 10 s"
    return server.keys()


def test_publishing_an_article_purges_its_page_and_the_lists_after_the_commit(
    server, django_capture_on_commit_callbacks
):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    assert sent(server) == []
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=article, by=make_user(role="Editor"))
        assert sent(server) == []  # not before the commit
    keys = sent(server)
    assert {f"article-{article.pk}", "listings", "article-set"} <= set(keys)
    method, path, headers, _ = server.received[0]
    assert (method, path) == ("PURGE", "/purge")
    assert headers["Surrogate-Key"] == " ".join(keys)


def test_approving_a_comment_purges_its_article_and_the_lists(
    server, django_capture_on_commit_callbacks
):
    article = make_article()
    comment = make_comment(article=article, status=Comment.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        comment_approve(comment=comment, moderator=make_user(role="Moderator"))
    assert set(sent(server)) == {f"article-{article.pk}", "listings"}


def test_a_correction_purges_its_article(server, django_capture_on_commit_callbacks):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        make_correction(article=article, text="The bridge opened in 1931.")
    assert f"article-{article.pk}" in sent(server)


def test_unpublishing_purges_the_article_so_no_cache_in_front_keeps_it(
    server, django_capture_on_commit_callbacks
):
    article = make_article()
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=article, by=make_user(role="Editor"))
    assert {f"article-{article.pk}", "listings", "article-set"} <= set(sent(server))


def test_a_change_rolled_back_purges_nothing(server, django_capture_on_commit_callbacks):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    comment = make_comment(article=make_article(), status=Comment.Status.PENDING)
    editor, moderator = make_user(role="Editor"), make_user(role="Moderator")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        article_publish(article=article, by=editor)
        comment_approve(comment=comment, moderator=moderator)
        raise RuntimeError("the editor's request failed further on")
    assert sent(server) == []


def test_a_moderators_approval_in_the_admin_purges_after_its_request_commits(
    server, client, django_capture_on_commit_callbacks
):
    article = make_article()
    comment = make_comment(article=article, status=Comment.Status.PENDING)
    client.force_login(make_user(role="Moderator"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:comments_comment_changelist"),
            {"action": "approve", ACTION_CHECKBOX_NAME: [comment.pk], "index": 0},
        )
    assert response.status_code == 302
    assert f"article-{article.pk}" in sent(server)


def test_a_dead_purge_server_is_logged_and_retried_and_the_moderator_is_not_troubled(
    settings, client, caplog, django_capture_on_commit_callbacks
):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    settings.NEWSROOM_PURGE_BACKEND = "http"
    settings.NEWSROOM_PURGE_URL = f"http://127.0.0.1:{dead}/purge?key=secret"
    settings.NEWSROOM_PURGE_HEADERS = {"Fastly-Key": "very-secret"}
    article = make_article()
    comment = make_comment(article=article, status=Comment.Status.PENDING)
    client.force_login(make_user(role="Moderator"))
    with caplog.at_level(logging.INFO, logger="pagecache.purge"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("admin:comments_comment_changelist"),
                {"action": "approve", ACTION_CHECKBOX_NAME: [comment.pk], "index": 0},
            )
        assert purge.flush()
    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.APPROVED
    retries = [r for r in caplog.records if r.levelno == logging.WARNING]
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(retries) == len(purge.RETRY_DELAYS)
    assert len(failures) == 1
    assert f"article-{article.pk}" in failures[0].getMessage()
    assert "secret" not in caplog.text  # neither the key in the URL nor the header


def test_a_failing_cache_is_retried_until_it_takes_the_purge(server):
    server.failures = 2
    purge.purge(("article:7",))
    assert sent(server) == ["article-7"] * 3


def test_a_refused_purge_is_not_retried(server, settings, caplog):
    settings.NEWSROOM_PURGE_URL = server.url + "/purge/{tag}/nowhere"

    class Refusing(PurgeHandler):
        def answer(self):
            self.server.received.append((self.command, self.path, dict(self.headers), b""))
            self.send_error(403)

        do_PURGE = answer

    server.RequestHandlerClass = Refusing
    purge.purge(("site",))
    assert sent(server) == ["site"]
    assert "HTTP 403" in caplog.text


def test_tags_become_cdn_tokens_in_a_url_template_a_header_or_a_json_body(server, settings):
    settings.NEWSROOM_PURGE_METHOD = "POST"
    settings.NEWSROOM_PURGE_URL = server.url + "/service/x/purge/{tag}"
    purge.purge(("article:12", "listings"))
    assert purge.flush()
    assert [(m, p) for m, p, *_ in server.received] == [
        ("POST", "/service/x/purge/article-12"),
        ("POST", "/service/x/purge/listings"),
    ]

    server.received.clear()
    settings.NEWSROOM_PURGE_URL = server.url + "/zones/z/purge_cache"
    settings.NEWSROOM_PURGE_TAGS_HEADER = "Cache-Tag"
    settings.NEWSROOM_PURGE_BODY = "json"
    settings.NEWSROOM_PURGE_HEADERS = {"Authorization": "Bearer token"}
    purge.purge(("article:12", "listings", "site"))
    assert purge.flush()
    [(method, path, headers, body)] = server.received
    assert headers["Cache-Tag"] == "article-12,listings,site"
    assert headers["Authorization"] == "Bearer token"
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"tags": ["article-12", "listings", "site"]}

    server.received.clear()
    settings.NEWSROOM_PURGE_METHOD = "BAN"
    settings.NEWSROOM_PURGE_URL = server.url + "/ban?keys={tags}"
    settings.NEWSROOM_PURGE_TAGS_HEADER = ""
    settings.NEWSROOM_PURGE_BODY = ""
    purge.purge(("article:12", "listings"))
    assert purge.flush()
    [(method, path, headers, body)] = server.received
    assert (method, path) == ("BAN", "/ban?keys=article-12%20listings")
    assert "Surrogate-Key" not in headers and "Cache-Tag" not in headers


def test_many_tags_go_in_batches_and_purges_waiting_together_are_merged(server, monkeypatch):
    tags = [f"article:{number}" for number in range(70)]
    release = threading.Event()
    original = purge.deliver

    def held(backend, tokens):
        release.wait(5)
        return original(backend, tokens)

    monkeypatch.setattr(purge, "deliver", held)
    purge.purge(("site",))  # taken at once, held until released
    for tag in tags:  # wait meanwhile
        purge.purge((tag, "listings"))
    release.set()
    assert purge.flush()
    sizes = [len(headers["Surrogate-Key"].split()) for *_, headers, _ in server.received]
    assert max(sizes) <= purge.BATCH_SIZE
    # 71 purges of 72 tags in all, each tag sent once, in a handful of requests.
    assert sorted(server.keys()) == sorted(["site", "listings", *purge.tag_tokens(tags)])
    assert len(sizes) <= 5


def test_without_a_backend_nothing_is_sent(server, settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_PURGE_BACKEND = ""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_article(published_at=timezone.now() - timedelta(minutes=1))
    assert callbacks  # the page cache's own versions changed at the commit
    assert sent(server) == []


def test_the_purge_settings_come_from_the_environment():
    read = settings_probe(
        "from django.conf import settings as s; import json\n"
        "print(json.dumps([s.NEWSROOM_PURGE_BACKEND, s.NEWSROOM_PURGE_URL, s.NEWSROOM_PURGE_METHOD,"
        " s.NEWSROOM_PURGE_TIMEOUT, s.NEWSROOM_PURGE_HEADERS,"
        " s.NEWSROOM_PAGE_STALE_WHILE_REVALIDATE]))",
        NEWSROOM_PURGE_BACKEND="http",
        NEWSROOM_PURGE_URL="https://api.fastly.com/service/abc/purge",
        NEWSROOM_PURGE_METHOD="POST",
        NEWSROOM_PURGE_TIMEOUT="2.5",
        NEWSROOM_PURGE_HEADERS="Fastly-Key: k3y; Fastly-Soft-Purge: 1",
        NEWSROOM_PAGE_STALE_WHILE_REVALIDATE="15",
    )
    assert read == [
        "http",
        "https://api.fastly.com/service/abc/purge",
        "POST",
        2.5,
        {"Fastly-Key": "k3y", "Fastly-Soft-Purge": "1"},
        15,
    ]


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"NEWSROOM_PURGE_BACKEND": "varnish"}, "NEWSROOM_PURGE_BACKEND must be"),
        ({"NEWSROOM_PURGE_BACKEND": "http"}, "needs an http(s) NEWSROOM_PURGE_URL"),
        ({"NEWSROOM_PURGE_HEADERS": "Fastly-Key k3y"}, '"Name: value" pairs'),
    ],
)
def test_a_wrong_purge_setting_stops_start_up_with_a_clear_message(environ, message):
    with pytest.raises(subprocess.CalledProcessError) as failed:
        settings_probe("print(1)", **environ)
    assert message in failed.value.stderr
