"""Measuring `make bench`: the pages driven and in what order, the load generator run once per
page, the sample of each page's caching headers, its cold render, and the article page's weight.

What each figure means:

- uncached: every request rendered by Django. Only the cache of whole pages is skipped, by the
  bench-only header X-Bench-Skip-Page-Cache (bench/settings.py); every other cache stays as in
  production and warm: the database's, the compiled templates, each worker's memo of rendered
  comments, and the fragment caches (pagecache/fragments.py: an article's row, story, sharing
  tags, related stories, comment thread and form; the front page's stories; the masthead and
  footer). It is what a request for a page that is not in the page cache costs,
  not a render from nothing.
- cached: plain requests, the steady state: after the first one the page comes from the page
  cache (in Redis), as it was stored: nothing in it is about one reader.
- cold (measure_cold): one request with every shared cache empty. The Redis database the bench
  uses is flushed (whole pages, the tags' versions, fragment caches, rate-limit counters) and
  nothing is restarted, so what each gunicorn worker keeps in its own memory stays warm
  (compiled templates, the rendered-comment memo, database connections); it runs after the
  load runs, when every worker has served every page. The best of 9 flush-then-request tries,
  0.3 s apart (COLD_TRIES), and their median.
- headers (sample_headers): after a page's runs, one plain request to warm it up, then a sample
  whose Cache-Control, X-Page-Cache (Django's page cache) and, through nginx, X-Cache-Status
  (nginx's cache) are kept: what a reader, a proxy or a CDN is told about the page.
"""

# Every command here is a fixed list built in this file, with no outside input in it.
# ruff: noqa: S603

import gzip
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench.config import (
    CONCURRENCY,
    LUA_SCRIPT,
    MEDIA_ROOT,
    ROOT,
    SECONDS,
    STATIC_ROOT,
    THREADS,
    WARMUP,
)

COMMENT_FORM = {
    "name": "Bench Reader",
    "email": "bench.reader@example.org",
    "url": "",
    "body": "A benchmark comment: the plan for the river crossing deserves a closer look.",
}
# Sent on "uncached" runs: bench/settings.py names it as the page cache's bypass header.
SKIP_PAGE_CACHE = "X-Bench-Skip-Page-Cache: 1"
# The response headers the report shows for each page: what caches are told, and what they did.
SAMPLED_HEADERS = ("Cache-Control", "X-Page-Cache", "X-Cache-Status")
# Shared machines run at a speed that changes from second to second with their neighbours (on
# the 2-core one this was written on, a fixed Python loop took anything from 26 to 50 ms): the
# tries are spread over a few seconds, and the best is the render's cost; the median is kept too.
COLD_TRIES = 9
COLD_PAUSE_SECONDS = 0.3


def request(url, method="GET", body=None, headers=None, raw=False):
    """One request: (status, headers, body text, or bytes with raw)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        return response.status, response.headers, body if raw else body.decode("utf-8", "replace")
    finally:
        conn.close()


COMMENT_FORM_MIN_SECONDS = 3


def comment_post_request(base_url, urls):
    """A valid comment POST, as a browser sends it: (form body, Cookie header).

    Every hidden field the form carries (its signed time; a CSRF token on a page that has one),
    and the csrftoken cookie when the page sets one. A reader's form may carry no per-reader
    token (its page is shared by caches; such a post is checked by where it comes from, and a
    request without Origin or Sec-Fetch-Site, like this one, passes).
    """
    status, headers, html = request(base_url + urls["comment_article"])
    if status != 200:
        raise RuntimeError(f"The comment article answered {status}")
    cookies = SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    form = re.search(r'<form[^>]*class="comment-form".*?</form>', html, re.S)
    if form is None:
        raise RuntimeError("No comment form on the comment article's page")
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(0)))
    body = urlencode({**hidden, **COMMENT_FORM})
    # The form refuses a post sent sooner than a person could type (NEWSROOM_COMMENT_MIN_SECONDS).
    time.sleep(COMMENT_FORM_MIN_SECONDS + 1)
    cookie = f"csrftoken={cookies['csrftoken'].value}" if "csrftoken" in cookies else ""
    return body, cookie


def send(url, post=None):
    """One plain request for a page: its GET, or with post (body, cookie) the form's POST.

    Each POST's comment text is salted, as the load generators do: the same text twice from
    one email is refused as a duplicate. Returns (status, headers, milliseconds taken).
    """
    started = time.perf_counter()
    if post:
        body = f"{post[0]}+%28sample-{time.time_ns()}%29"
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if post[1]:
            headers["Cookie"] = post[1]
        status, response_headers, _ = request(url, "POST", body, headers)
    else:
        status, response_headers, _ = request(url)
    return status, response_headers, round((time.perf_counter() - started) * 1000, 2)


def sample_headers(url, post=None):
    """A warm-up request, then the sample: its status and the SAMPLED_HEADERS it carries."""
    send(url, post)
    status, headers, _ = send(url, post)
    return {
        "status": status,
        **{name: headers[name] for name in SAMPLED_HEADERS if name in headers},
    }


def load(loadgen, url, seconds, post=None, header=None):
    """Run the load generator in a process of its own; return its raw figures."""
    env = {**os.environ, "BENCH_POST_BODY": "", "BENCH_COOKIE": "", "BENCH_HEADER": header or ""}
    if post:
        env["BENCH_POST_BODY"], env["BENCH_COOKIE"] = post
    if loadgen == "wrk":
        command = [
            "wrk", f"-t{THREADS}", f"-c{CONCURRENCY}", f"-d{seconds}s", "--timeout", "10s",
            "-s", str(LUA_SCRIPT), url,
        ]  # fmt: skip
    else:
        command = [
            sys.executable, "-m", "bench.loadgen", url,
            "--seconds", str(seconds), "--concurrency", str(CONCURRENCY),
        ]  # fmt: skip
    completed = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=seconds + 120
    )
    for line in completed.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise RuntimeError(f"{loadgen} gave no figures:\n{completed.stdout}\n{completed.stderr}")


def settle(base_url, timeout=15):
    """Wait until gunicorn has worked through requests left queued by the last run.

    wrk stops at its deadline, but requests already accepted are still rendered: a slow page
    would otherwise eat into the first seconds of the next run.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.perf_counter()
        request(base_url + "/bench/trivial/")
        if time.perf_counter() - started < 0.05:
            return
        time.sleep(0.2)


def figures(raw):
    seconds = raw["duration_us"] / 1e6
    return {
        "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        # Non-2xx/3xx responses plus socket errors (connect, read, write, timeout).
        "errors": sum(raw["errors"].values()),
    }


def plan(urls):
    """The pages, yardsticks first: (key, what, path, POST?, will have a cached form?)."""
    return [
        ("trivial", "trivial Django view", "/bench/trivial/", False, False),
        ("static", "static file (WhiteNoise)", urls["static_css"], False, False),
        ("front", "front page", "/", False, True),
        ("article_50", "article, 50 comments", urls["article_50"], False, True),
        ("article_200", "article, 200 comments", urls["article_200"], False, True),
        ("section", "section page", urls["section"], False, True),
        ("search", "search", "/search/?q=river", False, False),
        ("feed", "RSS feed", "/feed/", False, True),
        ("comment_post", "comment submission", urls["comment_post"], True, False),
    ]


def measure_pages(base_url, urls, loadgen):
    pages = {}
    for key, what, path, is_post, cacheable in plan(urls):
        url = base_url + path
        post = comment_post_request(base_url, urls) if is_post else None
        status = send(url, post)[0]
        print(f"{what}: {'POST' if post else 'GET'} {path} answers {status}", flush=True)
        # "uncached": every request rendered (the page cache skipped by its bench-only header);
        # "cached": the steady state, every request after the first served from the cache.
        skip = SKIP_PAGE_CACHE if cacheable else None
        if WARMUP:
            load(loadgen, url, WARMUP, post, header=skip)
            settle(base_url)
        page = {"what": what, "url": path, "status": status}
        page["uncached"] = figures(load(loadgen, url, SECONDS, post, header=skip))
        settle(base_url)
        if cacheable:
            page["cached"] = figures(load(loadgen, url, SECONDS, post))
            settle(base_url)
        page["headers"] = sample_headers(url, post)
        pages[key] = page
    return pages


def measure_cold(base_url, urls, empty_caches, tries=COLD_TRIES, pause=COLD_PAUSE_SECONDS):
    """Each page's first render with every shared cache empty: {key: {"ms", "median_ms", ...}}.

    empty_caches() empties them (flushes the bench's Redis database); with None (no Redis: the
    local-memory caches live in the workers, and emptying them would mean restarting gunicorn)
    nothing is measured and None is returned. Each try empties the caches, then times one
    request, pause seconds after the last; the best of the tries is kept, with their median,
    and all of them are in tries_ms.
    """
    if empty_caches is None:
        return None
    settle(base_url)
    cold = {}
    for key, _what, path, is_post, _cacheable in plan(urls):
        url = base_url + path
        post = comment_post_request(base_url, urls) if is_post else None
        times, statuses, page_cache = [], set(), set()
        for index in range(tries):
            if index:
                time.sleep(pause)
            empty_caches()
            status, headers, ms = send(url, post)
            times.append(ms)
            statuses.add(status)
            page_cache.add(headers.get("X-Page-Cache", ""))
        cold[key] = {
            "ms": min(times),
            "median_ms": round(statistics.median(times), 2),
            "tries_ms": times,
            "statuses": sorted(statuses),
        }
        # What Django's page cache said of the tries: never "hit", or the flush did not empty it.
        cold[key]["page_cache"] = sorted(page_cache - {""})
        print(f"cold: {path} {min(times)} ms (best of {tries}; tries {times})", flush=True)
    return cold


def measure_through_nginx(server, urls, loadgen):
    """The second configuration: Debian's nginx in front (deploy/nginx/newsroom.conf)."""
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        print("*** nginx is not installed: the nginx configuration is not measured.")
        return None
    from bench.nginx import Nginx

    plan = [
        ("trivial", "/bench/trivial/"),
        ("static", urls["static_css"]),
        ("front", "/"),
        ("article_50", urls["article_50"]),
        ("article_200", urls["article_200"]),
        ("section", urls["section"]),
        ("feed", "/feed/"),
    ]
    pages = {}
    with Nginx("127.0.0.1", server.port, STATIC_ROOT, MEDIA_ROOT) as proxy:
        for key, path in plan:
            url = proxy.base_url + path
            status = request(url)[0]
            print(f"via nginx: GET {path} answers {status}", flush=True)
            if WARMUP:
                load(loadgen, url, WARMUP)
            figures_ = figures(load(loadgen, url, SECONDS))
            figures_["headers"] = sample_headers(url)
            pages[key] = figures_
    return pages


def page_weight(base_url, path):
    """The article page's HTML and everything it loads, as a browser on a first visit gets them."""
    html = request(base_url + path)[2]
    raw = html.encode()
    assets = set(re.findall(r'<link rel="stylesheet" href="([^"]+)"', html))
    assets |= set(re.findall(r'<script[^>]* src="([^"]+)"', html))
    assets |= set(re.findall(r'<img[^>]* src="([^"]+)"', html))
    sizes = {}
    for asset in sorted(assets):
        if asset.startswith("/"):
            _, _, body = request(base_url + asset, headers={"Accept-Encoding": "gzip"}, raw=True)
            sizes[asset] = len(body)
    html_gzip = len(gzip.compress(raw, 6))
    return {
        "url": path,
        "html_bytes": len(raw),
        "html_gzip_bytes": html_gzip,
        "assets": sizes,
        "total_bytes_compressed": html_gzip + sum(sizes.values()),
    }
