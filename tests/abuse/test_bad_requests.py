"""Requests no browser sends: over the size limits, malformed multipart, invalid UTF-8, absurd
query strings, bogus Host headers. Each gets a 4xx, quickly, and nothing is stored."""

import time
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from comments.models import Comment, CommentReport
from security.limits import MAX_QUERY_STRING_BYTES
from tests.comments.helpers import post_url, valid_data

pytestmark = pytest.mark.django_db

URLENCODED = "application/x-www-form-urlencoded"
BOUNDARY = "AbuseBoundary7"
# Generous: each of these answers in milliseconds; a second would mean the body was read.
QUICKLY = 2.0


def timed(call):
    start = time.monotonic()
    response = call()
    elapsed = time.monotonic() - start
    assert elapsed < QUICKLY, f"took {elapsed:.2f}s"
    return response


@pytest.fixture
def browser():
    """A client that checks CSRF as a real server does, with the cookie a page visit sets."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get(reverse("articles:front-page"))
    client.cookies.load({"csrftoken": "A" * 32})
    return client


def public_pages(article):
    return [
        reverse("articles:front-page"),
        article.get_absolute_url(),
        reverse("articles:search"),
        reverse("feeds:latest-rss"),
        reverse("sitemap-index"),
        reverse("comments:report", kwargs={"comment_id": article.comments.get().pk}),
    ]


# Sizes


def test_a_multipart_body_over_the_upload_limit_is_refused_before_it_is_read(browser, article):
    # The declared length is 50 MB but only a few bytes come: reading would fail the test
    # client's payload, so a 413 proves nothing read it (without the limit, the CSRF check did).
    report = reverse("comments:report", kwargs={"comment_id": article.comments.get().pk})
    for path in (report, reverse("articles:search"), post_url(article)):
        response = timed(
            lambda path=path: browser.generic(
                "POST",
                path,
                f"--{BOUNDARY}\r\n".encode(),
                content_type=f"multipart/form-data; boundary={BOUNDARY}",
                CONTENT_LENGTH=str(50 * 1024 * 1024),
            )
        )
        assert response.status_code == 413
    assert not CommentReport.objects.exists()
    assert not Comment.objects.filter(body__startswith="A fair").exists()


def test_a_urlencoded_body_over_the_upload_limit_is_a_400_on_the_report_form(browser, article):
    report = reverse("comments:report", kwargs={"comment_id": article.comments.get().pk})
    body = urlencode({"reason": "spam", "details": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE)})
    response = timed(lambda: browser.generic("POST", report, body.encode(), URLENCODED))
    assert response.status_code == 400
    assert not CommentReport.objects.exists()


def test_a_multipart_report_a_little_over_the_upload_limit_is_refused_with_413(browser, article):
    report = reverse("comments:report", kwargs={"comment_id": article.comments.get().pk})
    data = {"reason": "spam", "details": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
    response = timed(lambda: browser.post(report, data))
    assert response.status_code == 413
    assert not CommentReport.objects.exists()


def test_the_admin_keeps_its_own_upload_limits(admin_client):
    # Photos are uploaded there: a file over the public limit reaches the form, which judges it.
    upload = SimpleUploadedFile("big.png", b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))
    response = admin_client.post(reverse("admin:photos_photo_add"), {"image": upload})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors


# Malformed multipart

MALFORMED_MULTIPART = {
    "no-boundary": ("multipart/form-data", b"--x\r\n\r\nhi"),
    "empty-boundary": ("multipart/form-data; boundary=", b"--\r\n\r\nhi"),
    "boundary-too-long": (f"multipart/form-data; boundary={'b' * 5000}", b"--b\r\n"),
    "truncated": (
        f"multipart/form-data; boundary={BOUNDARY}",
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="reason"\r\n\r\nsp'.encode(),
    ),
    "garbage-headers": (
        f"multipart/form-data; boundary={BOUNDARY}",
        f"--{BOUNDARY}\r\n\x00\xff: ??\r\n\r\nhi\r\n--{BOUNDARY}--\r\n".encode("latin-1"),
    ),
    "no-closing-boundary": (
        f"multipart/form-data; boundary={BOUNDARY}",
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="reason"\r\n\r\nspam\r\n'.encode(),
    ),
}


@pytest.mark.parametrize("case", MALFORMED_MULTIPART.values(), ids=MALFORMED_MULTIPART.keys())
def test_malformed_multipart_on_the_report_form_is_a_4xx(browser, article, case):
    content_type, body = case
    report = reverse("comments:report", kwargs={"comment_id": article.comments.get().pk})
    response = timed(lambda: browser.generic("POST", report, body, content_type))
    assert 400 <= response.status_code < 500
    assert not CommentReport.objects.exists()


@pytest.mark.parametrize("case", MALFORMED_MULTIPART.values(), ids=MALFORMED_MULTIPART.keys())
def test_malformed_multipart_on_the_comment_form_is_a_4xx(browser, article, case):
    content_type, body = case
    response = timed(lambda: browser.generic("POST", post_url(article), body, content_type))
    assert 400 <= response.status_code < 500
    assert Comment.objects.count() == 1  # the fixture's


# Invalid UTF-8


@pytest.mark.parametrize("path", ["/%ff%fe/", "/caf%e9/", "/%c0%af/", "/%ed%a0%80/", "/%00/"])
def test_invalid_utf8_or_nul_in_the_path_is_a_404(article, path):
    response = timed(lambda: Client(raise_request_exception=False).get(path))
    assert response.status_code == 404


def test_raw_invalid_utf8_bytes_in_the_path_are_a_404(article):
    # What a WSGI server hands over for raw bytes: each byte as one latin-1 character.
    client = Client(raise_request_exception=False)
    response = timed(lambda: client.get("/", PATH_INFO="/\xff\xfe\xc3/"))
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["q=%ff%fe", "q=caf%e9", "q=\xff\xfe", "q=%ed%a0%80", "q=%00"])
def test_invalid_utf8_in_the_search_query_is_searched_not_failed(article, query):
    client = Client(raise_request_exception=False)
    response = timed(lambda: client.get(reverse("articles:search"), QUERY_STRING=query))
    assert response.status_code == 200


def test_invalid_utf8_in_a_report_body_is_not_a_500(browser, article):
    report = reverse("comments:report", kwargs={"comment_id": article.comments.get().pk})
    body = b"reason=spam&details=caf\xe9\xff%ff&csrfmiddlewaretoken=" + b"A" * 32
    response = timed(lambda: browser.generic("POST", report, body, URLENCODED))
    assert response.status_code in {200, 400}
    if response.status_code == 200:
        assert CommentReport.objects.get().details.startswith("caf")


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "nonsense"])
def test_a_report_declaring_another_charset_is_not_a_500(browser, article, charset):
    report = reverse("comments:report", kwargs={"comment_id": article.comments.get().pk})
    body = b"reason=spam&details=hi&csrfmiddlewaretoken=" + b"A" * 32
    response = timed(
        lambda: browser.generic("POST", report, body, f"{URLENCODED}; charset={charset}")
    )
    assert response.status_code < 500


# Absurd query strings


def test_a_hundred_kilobyte_query_string_is_refused_with_414_on_every_page(article):
    client = Client(raise_request_exception=False)
    for path in public_pages(article):
        response = timed(lambda path=path: client.get(path, {"q": "x" * 100_000}))
        assert response.status_code == 414, path


def test_a_query_string_just_under_the_limit_is_served(article):
    client = Client(raise_request_exception=False)
    padding = "x" * (MAX_QUERY_STRING_BYTES - len("utm_source="))
    response = client.get(reverse("articles:front-page"), {"utm_source": padding})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1_500, 10_000])
def test_thousands_of_query_parameters_are_refused_on_every_page(article, count):
    client = Client(raise_request_exception=False)
    query = "&".join(f"a{i}" for i in range(count))
    for path in public_pages(article):
        response = timed(lambda path=path: client.get(path, QUERY_STRING=query))
        # 1,500 fields: too many (400); 10,000: the query is too long already (414).
        assert response.status_code == (400 if len(query) <= MAX_QUERY_STRING_BYTES else 414)


def test_thousands_of_form_fields_on_the_report_form_are_a_400(browser, article):
    report = reverse("comments:report", kwargs={"comment_id": article.comments.get().pk})
    body = "&".join(f"f{i}=x" for i in range(10_000)) + "&reason=spam"
    response = timed(lambda: browser.generic("POST", report, body.encode(), URLENCODED))
    assert response.status_code == 400
    assert not CommentReport.objects.exists()


# Bogus Host headers

BOGUS_HOSTS = [
    "evil.com",
    "localhost:abc",
    "a" * 5000,
    "b\u00fccher.example",
    "xn--bcher-kva.example",
    "testserver@evil.com",
    "testserver/evil",
    "testserver\r\nX-Injected: 1",
    "[::1",
    "news.example.org.evil.com",
    "\x00",
]


@pytest.mark.parametrize("host", BOGUS_HOSTS, ids=range(len(BOGUS_HOSTS)))
def test_a_bogus_host_header_is_a_400_on_every_page(article, hostile_host, host):
    client = Client(raise_request_exception=False)
    for path in public_pages(article):
        response = timed(lambda path=path: client.get(path, HTTP_HOST=host))
        assert response.status_code == 400, path
    response = timed(lambda: client.post(post_url(article), valid_data(), HTTP_HOST=host))
    assert response.status_code == 400
    assert Comment.objects.count() == 1  # the fixture's


def test_a_known_host_is_served(article, hostile_host):
    response = Client().get(article.get_absolute_url(), HTTP_HOST="news.example.org")
    assert response.status_code == 200


def test_a_forwarded_host_is_not_believed(article, hostile_host):
    response = Client().get(reverse("sitemap-index"), HTTP_X_FORWARDED_HOST="evil.com")
    assert response.status_code == 200
    assert b"evil.com" not in response.content
