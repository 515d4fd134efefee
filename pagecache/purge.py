"""Telling the caches in front (a CDN, Varnish) to drop the pages a committed change shows.

Every public page names its tags in `Surrogate-Key` (Fastly, Varnish) and `Cache-Tag`
(Cloudflare) headers, as tokens (`article-123`: see tag_tokens()). changed() calls purge() with
the tags once the change is committed; with NEWSROOM_PURGE_BACKEND=http a background thread
sends them to NEWSROOM_PURGE_URL (newsroom/settings.py says how), retrying a few times with
backoff. A cache that cannot be reached is logged, never raised: the editor's change is saved,
and the copy in front lives at most its s-maxage plus stale-while-revalidate.
"""

import atexit
import json
import logging
import os
import queue
import re
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import quote, urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

# Cloudflare takes at most 30 tags per purge call (Fastly 256): batches stay under both.
BATCH_SIZE = 30
# Seconds to wait before each retry of a batch that failed.
RETRY_DELAYS = (1, 4, 16)
# Seconds a process about to exit waits for the purges still queued.
EXIT_WAIT = 5
UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def tag_tokens(tags):
    """The tags as CDN-safe tokens, in order: `article:123` is `article-123`."""
    return list(dict.fromkeys(UNSAFE.sub("-", tag) for tag in tags))


def purge(tags):
    """Have the caches in front drop every page showing any of these tags (never raises)."""
    if not settings.NEWSROOM_PURGE_BACKEND or not tags:
        return
    try:
        _worker().send(HttpPurge.from_settings(), tag_tokens(tags))
    except Exception:
        logger.exception("Purge not sent for %s", ", ".join(tags))


def flush(timeout=10):
    """Wait until every purge asked for so far is sent or given up; True when it is."""
    worker = _current
    return worker is None or worker.wait(timeout)


class HttpPurge:
    """One HTTP request per batch of tags (or per tag, with {tag} in the URL)."""

    def __init__(self, *, url, method, timeout, tags_header, body, headers):
        self.url, self.method, self.timeout = url, method, timeout
        self.tags_header, self.body, self.headers = tags_header, body, headers

    @classmethod
    def from_settings(cls):
        return cls(
            url=settings.NEWSROOM_PURGE_URL,
            method=settings.NEWSROOM_PURGE_METHOD,
            timeout=settings.NEWSROOM_PURGE_TIMEOUT,
            tags_header=settings.NEWSROOM_PURGE_TAGS_HEADER,
            body=settings.NEWSROOM_PURGE_BODY,
            headers=dict(settings.NEWSROOM_PURGE_HEADERS),
        )

    def __eq__(self, other):
        return isinstance(other, HttpPurge) and vars(self) == vars(other)

    def batches(self, tokens):
        size = 1 if "{tag}" in self.url else BATCH_SIZE
        return [tokens[start : start + size] for start in range(0, len(tokens), size)]

    def request(self, tokens):
        url = self.url.replace("{tags}", quote(" ".join(tokens))).replace("{tag}", quote(tokens[0]))
        headers = dict(self.headers)
        if self.tags_header:
            separator = "," if self.tags_header.lower() == "cache-tag" else " "
            headers[self.tags_header] = separator.join(tokens)
        data = None
        if self.body == "json":
            data = json.dumps({"tags": tokens}).encode()
            headers["Content-Type"] = "application/json"
        # The URL is the site's own setting, http(s) only (checked in settings).
        return urllib.request.Request(url, data=data, headers=headers, method=self.method)  # noqa: S310

    def send(self, tokens):
        """Send one batch: None when taken, else why not and whether to try again."""
        try:
            with urllib.request.urlopen(self.request(tokens), timeout=self.timeout) as response:  # noqa: S310
                response.read()
            return None
        except urllib.error.HTTPError as error:
            # Refused (a wrong key, a bad URL) stays refused; an overloaded cache may take it later.
            return f"HTTP {error.code}", error.code >= 500 or error.code in (408, 429)
        except (urllib.error.URLError, OSError) as error:
            return str(getattr(error, "reason", error)), True

    def where(self):
        # Only the address: the query string or headers may hold a key.
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}{parts.path}"


class Worker:
    """A thread sending queued purges in order, merging those waiting into fewer requests."""

    def __init__(self):
        self.queue = queue.Queue()
        self.pid = os.getpid()
        self.thread = threading.Thread(target=self.run, name="pagecache-purge", daemon=True)
        self.thread.start()
        # A worker stopping (gunicorn's max_requests, a reload) sends what is queued first.
        atexit.register(self.wait, EXIT_WAIT)

    def alive(self):
        # A forked process (gunicorn's workers) inherits the object but not the thread.
        return self.pid == os.getpid() and self.thread.is_alive()

    def send(self, backend, tokens):
        self.queue.put((backend, tokens))

    def wait(self, timeout):
        with self.queue.all_tasks_done:
            return self.queue.all_tasks_done.wait_for(
                lambda: not self.queue.unfinished_tasks, timeout
            )

    def run(self):
        while True:
            items = [self.queue.get()]
            while True:
                try:
                    items.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            try:
                for backend, tokens in merged(items):
                    for batch in backend.batches(tokens):
                        deliver(backend, batch)
            except Exception:  # pragma: no cover (a bug here must not stop later purges)
                logger.exception("Purge failed")
            finally:
                for _ in items:
                    self.queue.task_done()


def merged(items):
    """Queued (backend, tokens) pairs as one pair per backend, each token once."""
    result = []
    for backend, tokens in items:
        for known, known_tokens in result:
            if known == backend:
                known_tokens.extend(token for token in tokens if token not in known_tokens)
                break
        else:
            result.append((backend, list(tokens)))
    return result


def deliver(backend, tokens):
    for attempt, delay in enumerate((*RETRY_DELAYS, None), start=1):
        failure = backend.send(tokens)
        if failure is None:
            logger.info("Purged %s at %s", " ".join(tokens), backend.where())
            return True
        reason, retry = failure
        if not retry or delay is None:
            logger.error(
                "Purge of %s at %s failed (%s, attempt %d): pages in front stay until they expire",
                " ".join(tokens),
                backend.where(),
                reason,
                attempt,
            )
            return False
        logger.warning(
            "Purge of %s at %s failed (%s), retrying in %s s",
            " ".join(tokens),
            backend.where(),
            reason,
            delay,
        )
        time.sleep(delay)
    return False  # pragma: no cover


_current = None
_lock = threading.Lock()


def _worker():
    global _current
    with _lock:
        if _current is None or not _current.alive():
            _current = Worker()
        return _current
