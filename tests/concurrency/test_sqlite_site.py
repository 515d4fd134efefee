"""The zero-setup site of `make run` on SQLite holds under load: `runserver` (threaded) in a
process of its own, on a real database file, seeded with the demo, driven over loopback.

No pytest database here: the server owns its SQLite file, and the test reads it with sqlite3."""

import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from .web import Browser, form_fields, hidden_value, percentile

COMMENTERS = 50
READERS = 4


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def sqlite_site(tmp_path_factory):
    """(base URL, database file) of a seeded demo site served as `make run` serves it."""
    database = tmp_path_factory.mktemp("sqlite-site") / "db.sqlite3"
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "REDIS_", "DJANGO_"))
    }
    environment.update(
        DJANGO_DEBUG="1",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_MEDIA_ROOT=str(database.parent / "media"),
        # Limits relaxed: every client posts from 127.0.0.1, at once.
        NEWSROOM_COMMENT_RATE_PER_IP="100000",
        NEWSROOM_COMMENT_RATE_PER_EMAIL="100000",
        NEWSROOM_COMMENT_RATE_PER_ARTICLE="100000",
        NEWSROOM_COMMENT_MIN_SECONDS="0",
    )
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    for command in (["migrate", "--noinput"], ["seed_demo", "--once"]):
        subprocess.run(  # noqa: S603 (our own manage.py)
            [*manage, *command], env=environment, check=True, capture_output=True, timeout=600
        )
    port = free_port()
    log = open(database.with_suffix(".log"), "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(  # noqa: S603 (our own manage.py)
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if Browser(base, timeout=5).get("/")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "runserver did not start"
            time.sleep(0.3)
        yield base, database
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def stored(database, sql, *params):
    with sqlite3.connect(database) as connection:
        return connection.execute(sql, params).fetchall()


def an_article_open_for_comments(base):
    """The path of the front page's first article that shows a comment form."""
    _, _, front, _ = Browser(base).get("/")
    for path in dict.fromkeys(
        part.split('"')[0] for part in front.split('href="')[1:] if part[:6].startswith("/20")
    ):
        status, _, page, _ = Browser(base).get(path)
        if status == 200 and 'name="issued"' in page:
            return path, page
    raise AssertionError("no article on the front page takes comments")


def test_the_sqlite_site_stores_50_simultaneous_comments_and_answers_no_5xx_while_read(
    sqlite_site,
):
    base, database = sqlite_site
    path, page = an_article_open_for_comments(base)
    action = re.search(
        r'<form[^>]*action="([^"]*)"[^>]*>(?:(?!</form>).)*name="issued"', page, re.S
    )
    assert action, "no comment form on the article page"
    action = action.group(1).split("#")[0]
    start_line = threading.Barrier(COMMENTERS + READERS)
    commenters_done = threading.Event()
    lock = threading.Lock()
    posts, reads, errors = [], [], []

    def commenter(number):
        try:
            browser = Browser(base)
            status, _, page, _ = browser.get(path)
            assert status == 200
            body = f"SQLite load comment {number}: the towpath needs lights."
            form = {
                "issued": hidden_value(page, "issued"),
                "replytocom": "",
                "homepage": "",
                "name": f"Reader {number}",
                "email": f"reader{number}@example.org",
                "url": "",
                "body": body,
            }
            start_line.wait()
            status, _, _, seconds = browser.post(action, form)
            with lock:
                posts.append((status, body, seconds))
        except Exception as error:  # every failure is reported below
            with lock:
                errors.append(f"commenter {number}: {error!r}")
            start_line.abort()

    def reader(number):
        try:
            browser = Browser(base)
            start_line.wait()
            turn = 0
            while not commenters_done.is_set():
                where = [path, "/", "/feed/", "/section/news/"][turn % 4]
                status, _, _, seconds = browser.get(where)
                with lock:
                    reads.append((status, seconds))
                turn += 1
        except Exception as error:  # every failure is reported below
            with lock:
                errors.append(f"reader {number}: {error!r}")
            start_line.abort()

    threads = [threading.Thread(target=commenter, args=(n,)) for n in range(COMMENTERS)]
    readers = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    for thread in readers + threads:
        thread.start()
    started = time.monotonic()
    for thread in threads:
        thread.join(timeout=300)
    elapsed = time.monotonic() - started
    commenters_done.set()
    for thread in readers:
        thread.join(timeout=60)

    post_times = [seconds for _, _, seconds in posts]
    print(
        f"\n{len(posts)} simultaneous comment posts on SQLite answered in {elapsed:.1f}s "
        f"(p50 {percentile(post_times, 0.5) * 1000:.0f} ms, max {max(post_times) * 1000:.0f} ms); "
        f"{len(reads)} page reads meanwhile, statuses {dict(Counter(s for s, _ in reads))}"
    )
    assert errors == [], errors[:3]
    assert Counter(status for status, _, _ in posts) == {302: COMMENTERS}
    bodies = [
        body
        for (body,) in stored(
            database, "SELECT body FROM comments_comment WHERE body LIKE 'SQLite load comment %'"
        )
    ]
    assert sorted(bodies) == sorted(body for _, body, _ in posts)
    assert reads, "nothing was read while the comments were posted"
    assert all(status == 200 for status, _ in reads), Counter(s for s, _ in reads)


def signed_in(base, username):
    browser = Browser(base)
    login = reverse("admin:login")
    _, _, page, _ = browser.get(login)
    status, *_ = browser.post(
        login,
        {
            "csrfmiddlewaretoken": hidden_value(page, "csrfmiddlewaretoken"),
            "username": username,
            "password": "newsroom-demo",
            "next": reverse("admin:index"),
        },
    )
    assert status == 302, f"{username} could not sign in"
    return browser


def test_two_editors_saving_at_once_on_sqlite_are_both_answered_and_nothing_is_locked(
    sqlite_site,
):
    """Two articles saved at the same moment are both saved; two saves of one article give one
    saved and one told of the conflict, never a "database is locked" error."""
    base, database = sqlite_site
    first, second = (
        pk for (pk,) in stored(database, "SELECT id FROM articles_article ORDER BY id LIMIT 2")
    )
    editors = {"admin": signed_in(base, "admin"), "editor": signed_in(base, "editor")}

    def opened(browser, pk, headline):
        change = reverse("admin:articles_article_change", args=[pk])
        status, _, page, _ = browser.get(change)
        assert status == 200
        fields = [
            (name, headline if name == "headline" else value)
            for name, value in form_fields(page, "article_form")
        ]
        return change, fields

    def all_at_once(saves):
        ready, answers = threading.Barrier(len(saves)), {}

        def save(name, browser, change, fields):
            ready.wait()
            answers[name] = browser.post(change, fields)

        threads = [threading.Thread(target=save, args=item) for item in saves]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return {name: answer[0] for name, answer in answers.items()}

    # Different articles: both saved.
    statuses = all_at_once(
        [
            ("admin", editors["admin"], *opened(editors["admin"], first, "Admin's headline")),
            ("editor", editors["editor"], *opened(editors["editor"], second, "Editor's headline")),
        ]
    )
    assert statuses == {"admin": 302, "editor": 302}
    headlines = dict(stored(database, "SELECT id, headline FROM articles_article"))
    assert (headlines[first], headlines[second]) == ("Admin's headline", "Editor's headline")

    # The same article: one saved, the other told (200 with the conflict message), no 5xx.
    statuses = all_at_once(
        [
            ("admin", editors["admin"], *opened(editors["admin"], first, "Admin again")),
            ("editor", editors["editor"], *opened(editors["editor"], first, "Editor again")),
        ]
    )
    assert sorted(statuses.values()) == [200, 302], statuses
    winner = next(name for name, status in statuses.items() if status == 302)
    assert dict(stored(database, "SELECT id, headline FROM articles_article"))[first] == (
        f"{winner.capitalize()} again"
    )
