"""200 comments from 10 concurrent clients, all stored exactly once, while pages are read."""

import threading
import time
from collections import Counter

import pytest

from comments.models import Comment
from tests.comments.helpers import post_url
from tests.factories import make_article

from .web import Browser, hidden_value, percentile

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WRITERS = 10
POSTS_EACH = 20
READERS = 3


def test_200_comments_from_10_concurrent_clients_are_stored_exactly_once_while_pages_are_read(
    server,
):
    article = make_article(headline="Bridge reopens after repairs")
    reading = [article.get_absolute_url(), "/", "/feed/"]
    start_line = threading.Barrier(WRITERS + READERS)
    writers_done = threading.Event()
    lock = threading.Lock()
    posts, reads, errors = [], [], []

    def writer(number):
        try:
            browser = Browser(server)
            status, _, page, _ = browser.get(article.get_absolute_url())
            assert status == 200
            form = {
                "issued": hidden_value(page, "issued"),
                "replytocom": "",
                "homepage": "",
                "name": f"Writer {number}",
                "email": f"writer{number}@example.org",
                "url": "",
            }
            start_line.wait()
            for index in range(POSTS_EACH):
                body = f"Comment {index} from writer {number}: the bridge matters."
                status, headers, _, seconds = browser.post(
                    post_url(article), {**form, "body": body}
                )
                with lock:
                    posts.append((status, body, seconds, headers.get("Location", "")))
        except Exception as error:  # every failure is reported below
            with lock:
                errors.append(f"writer {number}: {error!r}")
            start_line.abort()

    def reader(number):
        try:
            browser = Browser(server)
            start_line.wait()
            turn = 0
            while not writers_done.is_set():
                path = reading[turn % len(reading)]
                status, _, _, seconds = browser.get(path)
                with lock:
                    reads.append((status, path, seconds))
                turn += 1
        except Exception as error:  # every failure is reported below
            with lock:
                errors.append(f"reader {number}: {error!r}")
            start_line.abort()

    writer_threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    reader_threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    for thread in reader_threads + writer_threads:
        thread.start()
    started = time.monotonic()
    for thread in writer_threads:
        thread.join(timeout=300)
    elapsed = time.monotonic() - started
    writers_done.set()
    for thread in reader_threads:
        thread.join(timeout=60)

    post_times = [seconds for _, _, seconds, _ in posts]
    read_times = [seconds for _, _, seconds in reads]
    print(
        f"\n{len(posts)} comment posts from {WRITERS} clients in {elapsed:.1f}s "
        f"({len(posts) / elapsed:.1f} posts/s; p50 {percentile(post_times, 0.5) * 1000:.0f} ms, "
        f"p99 {percentile(post_times, 0.99) * 1000:.0f} ms); meanwhile {len(reads)} page reads "
        f"by {READERS} readers ({len(reads) / elapsed:.1f}/s; "
        f"p50 {percentile(read_times, 0.5) * 1000:.0f} ms, "
        f"p99 {percentile(read_times, 0.99) * 1000:.0f} ms); "
        f"read statuses {dict(Counter(status for status, _, _ in reads))}"
    )

    assert errors == []
    assert len(posts) == WRITERS * POSTS_EACH
    assert Counter(status for status, *_ in posts) == {302: WRITERS * POSTS_EACH}
    assert all(location.startswith(article.get_absolute_url()) for *_, location in posts)
    stored = Counter(Comment.objects.filter(article=article).values_list("body", flat=True))
    assert len(stored) == WRITERS * POSTS_EACH
    assert set(stored.values()) == {1}
    assert set(stored) == {body for _, body, _, _ in posts}
    assert reads, "the readers read nothing while the comments were posted"
    assert all(status == 200 for status, _, _ in reads), Counter(s for s, _, _ in reads)
