"""Oversized requests over a real socket: the server answers without waiting for a body that
never comes.

This runs against Django's threaded test server, not gunicorn. The refusals are made by our own
code (the comment view's size check, RequestLimitsMiddleware) or by Django's check of the
declared length, before anything reads the body, so they do not depend on the server in front.
"""

import socket
import time
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.comments.helpers import post_url
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db(transaction=True)

FIFTY_MB = 50 * 1024 * 1024
QUICKLY = 2.0


def status_of_raw_request(base_url, head, first_bytes=b""):
    """Send the head and a few bytes of a body, then wait only for the status line."""
    parts = urlsplit(base_url)
    started = time.monotonic()
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(head.encode("latin-1") + first_bytes)
        received = b""
        while b"\r\n" not in received:
            chunk = sock.recv(4096)
            if not chunk:
                break
            received += chunk
    elapsed = time.monotonic() - started
    return int(received.split(b" ", 2)[1]), elapsed


def head(method, path, host, content_type, length, cookie=""):
    lines = [
        f"{method} {path} HTTP/1.1",
        f"Host: {host}",
        f"Content-Type: {content_type}",
        f"Content-Length: {length}",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return "\r\n".join(lines) + "\r\n\r\n"


@pytest.fixture
def comment(db):
    return make_comment(article=make_article())


def test_a_50_mb_comment_post_is_refused_before_its_body_arrives(server, comment):
    host = urlsplit(server).netloc
    request = head(
        "POST", post_url(comment.article), host, "application/x-www-form-urlencoded", FIFTY_MB
    )
    status, elapsed = status_of_raw_request(server, request, b"body=hi")
    assert status == 413
    assert elapsed < QUICKLY


def test_a_50_mb_multipart_report_is_refused_before_its_body_arrives(server, comment):
    host = urlsplit(server).netloc
    path = reverse("comments:report", kwargs={"comment_id": comment.pk})
    request = head(
        "POST",
        path,
        host,
        "multipart/form-data; boundary=B",
        FIFTY_MB,
        cookie="csrftoken=" + "A" * 32,
    )
    status, elapsed = status_of_raw_request(server, request, b"--B\r\n")
    assert status == 413
    assert elapsed < QUICKLY


def test_a_50_mb_urlencoded_post_anywhere_is_refused_before_its_body_arrives(server, comment):
    host = urlsplit(server).netloc
    path = reverse("articles:search")
    request = head(
        "POST",
        path,
        host,
        "application/x-www-form-urlencoded",
        FIFTY_MB,
        cookie="csrftoken=" + "A" * 32,
    )
    status, elapsed = status_of_raw_request(server, request, b"q=x")
    assert status == 400
    assert elapsed < QUICKLY
