"""deploy/nginx/newsroom.conf, run by bench/nginx.py in front of a tiny upstream that counts hits,
and in front of the app itself (Django's live server) for its article pages.

Skipped when nginx is not installed (apt-get install nginx).
"""

import gzip
import http.client
import shutil
import subprocess
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client

from bench.nginx import NGINX, SAMPLE, Nginx, render_site
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed")

# Path -> the Cache-Control (or Set-Cookie) the upstream answers with.
ANSWERS = {
    "/public/": {"Cache-Control": "public, max-age=300"},
    "/short/": {"Cache-Control": "public, max-age=5"},
    "/shared/": {"Cache-Control": "public, max-age=0, s-maxage=60"},
    "/private/": {"Cache-Control": "private"},
    "/max-age-0/": {"Cache-Control": "public, max-age=0"},
    "/s-maxage-0/": {"Cache-Control": "public, max-age=60, s-maxage=0"},
    "/no-store/": {"Cache-Control": "no-cache, no-store, must-revalidate, max-age=0"},
    "/sets-cookie/": {"Cache-Control": "public, max-age=300", "Set-Cookie": "csrftoken=new"},
    "/plain/": {},
    "/tagged/": {"Cache-Control": "public, s-maxage=60", "Cache-Tag": "site,article-1"}
    | {"Surrogate-Key": "site article-1"},
    # Slow to render (SLOW seconds), and expiring after one second (X-Accel-Expires).
    "/slow/": {"Cache-Control": "public, s-maxage=60", "X-Accel-Expires": "1"},
}
SLOW = 1.5


class Upstream(ThreadingHTTPServer):
    """Answers every request with a small page, counting them by path and keeping their headers."""

    daemon_threads = True

    def __init__(self):
        self.hits = Counter()
        self.last_headers = {}
        super().__init__(("127.0.0.1", 0), UpstreamHandler)


class UpstreamHandler(BaseHTTPRequestHandler):
    def answer(self):
        path = self.path.split("?")[0]
        if length := int(self.headers.get("Content-Length") or 0):
            self.rfile.read(length)
        self.server.hits[self.path] += 1
        self.server.last_headers[self.path] = dict(self.headers)
        number = self.server.hits[self.path]
        if path == "/slow/":
            time.sleep(SLOW)
        body = f"<p>{self.command} {self.path} #{number}</p>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in ANSWERS.get(path, ANSWERS["/public/"]).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_HEAD = answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def upstream():
    server = Upstream()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


HASHED_CSS = "css/site.0123456789ab.css"


@pytest.fixture(scope="module")
def roots(tmp_path_factory):
    static, media = tmp_path_factory.mktemp("static"), tmp_path_factory.mktemp("media")
    (static / "css").mkdir()
    (static / HASHED_CSS).write_text("body { color: black }")
    (static / f"{HASHED_CSS}.gz").write_bytes(gzip.compress(b"/* the precompressed copy */"))
    (static / "css" / "site.css").write_text("body { color: black }")
    (media / "photos").mkdir()
    (media / "photos" / "x.jpg").write_bytes(b"\xff\xd8\xff not really a jpeg")
    return static, media


@pytest.fixture(scope="module")
def proxy(upstream, roots):
    with Nginx("127.0.0.1", upstream.server_address[1], *roots) as nginx:
        yield nginx


def fetch(proxy, path, method="GET", headers=None, body=None):
    """(status, headers, body) of one request through nginx."""
    conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def unique(path):
    """The path with a query string of its own, so each test starts with an empty cache entry."""
    return f"{path}?t={uuid.uuid4().hex}"


def test_the_sample_passes_nginx_t_as_bench_renders_it(upstream, roots, proxy):
    passed, output = proxy.check()
    assert passed, output
    site = (proxy.dir / "site.conf").read_text()
    assert "ssl_certificate" not in site
    assert f"listen 127.0.0.1:{proxy.port};" in site


OPENSSL = shutil.which("openssl")


@pytest.mark.skipif(OPENSSL is None, reason="openssl is not installed")
def test_the_sample_with_https_passes_nginx_t(tmp_path, roots):
    """The whole sample, HTTPS included, with a throwaway certificate for Let's Encrypt's."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(  # noqa: S603 (a fixed command)
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=news.example.org", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    nginx = Nginx("127.0.0.1", 8001, *roots)
    nginx.write_config()
    try:
        site = render_site(
            SAMPLE.read_text(),
            {
                "/etc/letsencrypt/live/news.example.org/fullchain.pem": str(cert),
                "/etc/letsencrypt/live/news.example.org/privkey.pem": str(key),
                "/var/cache/nginx/newsroom": str(nginx.dir / "cache"),
                "listen 80;": f"listen 127.0.0.1:{nginx.port};",
                "listen [::]:80;": "",
                "listen [::]:443 ssl http2;": "",
            },
            keep_https=True,
        )
        (nginx.dir / "site.conf").write_text(site)
        passed, output = nginx.check()
        assert passed, output
    finally:
        nginx.stop()


def test_a_public_page_is_served_from_the_cache_the_second_time(upstream, proxy):
    path = unique("/public/")
    first = fetch(proxy, path)
    second = fetch(proxy, path)

    assert first[0] == second[0] == 200
    assert first[1]["X-Cache-Status"] == "MISS"
    assert second[1]["X-Cache-Status"] == "HIT"
    assert second[2] == first[2]
    assert upstream.hits[path] == 1
    # Django's own Cache-Control still reaches the browser.
    assert second[1]["Cache-Control"] == "public, max-age=300"


def test_readers_with_only_a_csrf_cookie_share_the_cached_page(upstream, proxy):
    path = unique("/public/")
    fetch(proxy, path)
    headers = fetch(proxy, path, headers={"Cookie": "csrftoken=abc123"})[1]
    assert headers["X-Cache-Status"] == "HIT"
    assert upstream.hits[path] == 1


@pytest.mark.parametrize(
    "cookie",
    ["sessionid=abc", "csrftoken=abc; sessionid=def", "messages=xyz", "newsroom_primary=1"],
)
def test_a_request_with_a_session_or_other_cookie_bypasses_the_cache(upstream, proxy, cookie):
    path = unique("/public/")
    fetch(proxy, path)  # cached for everyone else

    _, headers, body = fetch(proxy, path, headers={"Cookie": cookie})
    assert headers["X-Cache-Status"] == "BYPASS"
    assert upstream.hits[path] == 2
    # ... and what it got is not stored for the next reader.
    assert fetch(proxy, path)[2] != body


def test_a_post_always_reaches_django(upstream, proxy):
    path = unique("/public/")
    fetch(proxy, path)
    for _ in range(2):
        status, headers, _ = fetch(
            proxy, path, "POST", {"Content-Type": "application/x-www-form-urlencoded"}, b"a=1"
        )
        assert status == 200
        assert headers.get("X-Cache-Status") != "HIT"
    assert upstream.hits[path] == 3


@pytest.mark.parametrize("page", ["/shared/", "/plain/"])
def test_pages_for_shared_caches_or_without_cache_control_are_cached(upstream, proxy, page):
    """s-maxage speaks to shared caches over max-age; no header at all: the 5 seconds."""
    path = unique(page)
    fetch(proxy, path)
    assert fetch(proxy, path)[1]["X-Cache-Status"] == "HIT"
    assert upstream.hits[path] == 1


@pytest.mark.parametrize(
    "page", ["/private/", "/no-store/", "/max-age-0/", "/s-maxage-0/", "/sets-cookie/"]
)
def test_private_no_store_and_cookie_setting_answers_are_never_cached(upstream, proxy, page):
    path = unique(page)
    for _ in range(3):
        assert fetch(proxy, path)[1]["X-Cache-Status"] == "MISS"
    assert upstream.hits[path] == 3


def test_a_page_is_kept_5_seconds_whatever_max_age_django_gives(upstream, proxy):
    path = unique("/public/")  # max-age=300, for browsers
    fetch(proxy, path)
    time.sleep(6)
    headers = fetch(proxy, path)[1]
    # Served once more while a fresh copy is fetched in the background.
    assert headers["X-Cache-Status"] in {"EXPIRED", "STALE", "UPDATING"}
    deadline = time.monotonic() + 5
    while upstream.hits[path] < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert upstream.hits[path] == 2


def test_the_upstream_is_told_the_host_scheme_and_readers_address(upstream, proxy):
    path = unique("/plain/")
    fetch(proxy, path, headers={"Host": "news.example.org"})
    sent = upstream.last_headers[path]
    assert sent["Host"] == "news.example.org"
    assert sent["X-Forwarded-Proto"] == "http"
    assert sent["X-Forwarded-For"] == "127.0.0.1"


def test_comment_posts_are_limited_to_64k_and_other_posts_to_21m(upstream, proxy):
    big = b"a=" + b"x" * 100_000
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    comment = unique("/comments/post/1/")
    assert fetch(proxy, comment, "POST", headers, big)[0] == 413
    assert upstream.hits[comment] == 0
    admin = unique("/admin/photos/photo/add/")
    assert fetch(proxy, admin, "POST", headers, big)[0] == 200
    assert upstream.hits[admin] == 1


def test_hashed_static_files_are_cached_for_good_and_sent_precompressed(proxy):
    status, headers, body = fetch(
        proxy, f"/static/{HASHED_CSS}", headers={"Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == b"/* the precompressed copy */"
    assert headers["Cache-Control"] == "max-age=315360000"
    assert headers["X-Content-Type-Options"] == "nosniff"

    status, headers, body = fetch(proxy, "/static/css/site.css")
    assert status == 200
    assert headers["Cache-Control"] == "max-age=3600"
    assert body == b"body { color: black }"


def test_media_files_are_served_by_nginx(upstream, proxy):
    status, headers, _ = fetch(proxy, "/media/photos/x.jpg")
    assert status == 200
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert fetch(proxy, "/media/photos/missing.jpg")[0] == 404
    assert not any(path.startswith("/media/") for path in upstream.hits)


def test_nginx_stops_and_its_files_are_removed(upstream, roots):
    with Nginx("127.0.0.1", upstream.server_address[1], *roots) as nginx:
        process, directory = nginx.process, nginx.dir
        assert fetch(nginx, unique("/plain/"))[0] == 200
    assert process.poll() is not None
    assert not directory.exists()


# The cache key, the lock, stale copies and the tags headers.


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("?t={t}", "?t={t}&utm_source=x&fbclid=y"),
        ("?t={t}", "?utm_source=x&utm_medium=social&t={t}"),
        ("?t={t}", "?gclid=1&t={t}&utm_campaign=z&_ga=2&mc_cid=3&mc_eid=4"),
        ("?t={t}", "?fbclid=1&t={t}"),
        ("?t={t}&page=2", "?t={t}&utm_content=a&page=2&msclkid=b"),
    ],
)
def test_tracking_parameters_do_not_split_the_cache(upstream, proxy, first, then):
    t = uuid.uuid4().hex
    fetch(proxy, "/public/" + first.format(t=t))
    status, headers, _ = fetch(proxy, "/public/" + then.format(t=t))
    assert status == 200
    assert headers["X-Cache-Status"] == "HIT"
    assert sum(count for path, count in upstream.hits.items() if t in path) == 1


@pytest.mark.parametrize(
    "then",
    ["?t={t}&page=2", "?t={t}&x_utm_source=1", "?t=utm_source{t}", "?t={t}&xfbclid=1&"],
)
def test_other_parameters_still_make_their_own_copy(upstream, proxy, then):
    t = uuid.uuid4().hex
    fetch(proxy, f"/public/?t={t}")
    assert fetch(proxy, "/public/" + then.format(t=t))[1]["X-Cache-Status"] == "MISS"


def test_the_cache_tags_are_kept_from_readers(upstream, proxy):
    path = unique("/tagged/")
    for expected in ("MISS", "HIT"):
        headers = fetch(proxy, path)[1]
        assert headers["X-Cache-Status"] == expected
        assert "Cache-Tag" not in headers
        assert "Surrogate-Key" not in headers


def concurrently(proxy, path, count):
    with ThreadPoolExecutor(count) as pool:
        started = time.monotonic()
        answers = list(pool.map(lambda _: fetch(proxy, path), range(count)))
    return answers, time.monotonic() - started


def test_readers_arriving_together_at_a_page_nginx_lacks_cost_one_render(upstream, proxy):
    path = unique("/slow/")
    answers, _ = concurrently(proxy, path, 6)
    assert upstream.hits[path] == 1
    assert {body for _, _, body in answers} == {f"<p>GET {path} #1</p>".encode()}
    assert sorted(headers["X-Cache-Status"] for _, headers, _ in answers) == ["HIT"] * 5 + ["MISS"]


def test_an_expired_page_is_served_stale_at_once_while_one_request_refreshes_it(upstream, proxy):
    path = unique("/slow/")
    fetch(proxy, path)
    time.sleep(2.5)  # expired (X-Accel-Expires: 1, counted in whole seconds)
    answers, took = concurrently(proxy, path, 6)
    # The previous copy, without waiting for the slow render.
    assert took < SLOW
    assert {body for _, _, body in answers} == {f"<p>GET {path} #1</p>".encode()}
    assert {headers["X-Cache-Status"] for _, headers, _ in answers} <= {"STALE", "UPDATING"}
    deadline = time.monotonic() + SLOW + 3
    while fetch(proxy, path)[2] != f"<p>GET {path} #2</p>".encode():
        assert time.monotonic() < deadline, "the page was never refreshed"
        time.sleep(0.1)
    assert upstream.hits[path] == 2


# In front of the app itself.


@pytest.fixture
def app_proxy(live_server, settings, roots):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "127.0.0.1"]
    address = urlsplit(live_server.url)
    with Nginx(address.hostname, address.port, *roots) as nginx:
        yield nginx


@pytest.fixture
def story():
    article = make_article(headline="Flood defences hold")
    make_comment(article=article, body="Well done to the crews.")
    return article.get_absolute_url()


@pytest.mark.django_db(transaction=True)
def test_an_article_page_is_a_hit_for_the_second_reader_and_for_tracked_links(app_proxy, story):
    status, first, body = fetch(app_proxy, story)
    assert status == 200
    assert first["X-Cache-Status"] == "MISS"
    assert first["X-Page-Cache"] == "miss"
    assert "public" in first["Cache-Control"]
    assert "stale-while-revalidate=" in first["Cache-Control"]
    assert "Set-Cookie" not in first
    assert "Cache-Tag" not in first and "Surrogate-Key" not in first
    assert b"Well done to the crews." in body
    status, second, again = fetch(app_proxy, story)
    assert second["X-Cache-Status"] == "HIT"
    assert again == body
    status, tracked, shared = fetch(app_proxy, story + "?utm_source=x&fbclid=y")
    assert status == 200
    assert tracked["X-Cache-Status"] == "HIT"
    assert shared == body


@pytest.mark.django_db(transaction=True)
def test_a_signed_in_editor_is_never_served_from_the_cache_nor_stored_in_it(app_proxy, story):
    editor = Client()
    editor.force_login(make_user(role="Editor"))
    cookie = {"Cookie": f"sessionid={editor.cookies['sessionid'].value}"}
    status, headers, body = fetch(app_proxy, story, headers=cookie)
    assert status == 200
    assert headers["X-Cache-Status"] == "BYPASS"
    assert "no-store" in headers["Cache-Control"]
    assert b'name="csrfmiddlewaretoken"' in body  # the editor's own page
    # Nothing of it was kept: the first reader after the editor is a miss, and gets a reader's page.
    status, headers, body = fetch(app_proxy, story)
    assert headers["X-Cache-Status"] == "MISS"
    assert b"csrfmiddlewaretoken" not in body
    assert fetch(app_proxy, story)[1]["X-Cache-Status"] == "HIT"
    # A cached copy exists now, and still the editor gets their own.
    status, headers, body = fetch(app_proxy, story, headers=cookie)
    assert headers["X-Cache-Status"] == "BYPASS"
    assert b'name="csrfmiddlewaretoken"' in body
