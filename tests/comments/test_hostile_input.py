"""A corpus of hostile and odd submissions: none may cause a 500, a half-saved row or a leak.

Each case says what should happen: refused (4xx, nothing saved) or accepted (stored verbatim,
pending, and harmless when shown after approval).
"""

import json
import re
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.utils.html import escape

from comments.models import Comment
from comments.services import comment_approve
from tests.factories import make_user

from .helpers import issued, post_url, valid_data

pytestmark = pytest.mark.django_db

URLENCODED = "application/x-www-form-urlencoded"
MULTIPART_BOUNDARY = "HostileBoundary42"


@pytest.fixture
def hostile_client():
    """A client that returns a 500 response, as a browser would see it, rather than raising."""
    return Client(raise_request_exception=False)


def urlencoded(**fields):
    return urlencode(fields, doseq=True)


# Refused: the form says why, the status is 400, nothing is saved.

REFUSED = {
    "body-too-long": {"body": "A" * 5001},
    "body-far-too-long": {"body": "A" * 20_000},
    "null-byte-in-body": {"body": "before\x00after"},
    "null-byte-in-name": {"name": "\x00"},
    "null-byte-in-url": {"url": "https://example.org/\x00"},
    "escape-sequence-in-body": {"body": "\x1b[31mred terminal text\x1b[0m"},
    "backspace-in-name": {"name": "Ana\x08\x08\x08Admin"},
    "c1-control-in-body": {"body": "next\x85line"},
    "javascript-url": {"url": "javascript:alert(document.cookie)"},
    "javascript-url-with-entities": {"url": "javascript&colon;alert(1)"},
    "data-url": {"url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="},
    "vbscript-url": {"url": "vbscript:msgbox(1)"},
    "very-long-url": {"url": "https://example.org/" + "a" * 5000},
    "url-with-line-break": {"url": "https://example.org/\r\nLocation: https://evil.example"},
    "email-header-injection-lf": {"email": "ana@example.org\nBcc: everyone@example.org"},
    "email-header-injection-crlf": {"email": "ana@example.org\r\nCc: everyone@example.org"},
    "email-header-injection-encoded": {"email": "ana@example.org%0ABcc:everyone@example.org"},
    "email-with-script": {"email": "<script>alert(1)</script>@example.org"},
    "very-long-email": {"email": "a" * 300 + "@example.org"},
    "very-long-name": {"name": "N" * 10_000},
    "whitespace-name": {"name": "\u3000 \t "},
    "everything-missing": {"body": "", "name": "", "email": "", "url": ""},
}


@pytest.mark.parametrize("fields", REFUSED.values(), ids=REFUSED.keys())
def test_hostile_input_is_refused_with_400_and_nothing_saved(hostile_client, article, fields):
    response = hostile_client.post(post_url(article), valid_data(**fields))
    assert response.status_code == 400
    assert response.context["comment_form"].errors
    assert Comment.objects.count() == 0


# Accepted: stored exactly as typed, held for moderation, escaped when shown.

ACCEPTED = {
    "sql-quote": {"body": "'; DROP TABLE comments_comment; --", "name": "Robert'); DROP TABLE"},
    "sql-union": {"body": "1 UNION SELECT email FROM comments_comment --"},
    "sql-comment-in-name": {"name": "admin'--"},
    "percent-and-underscore": {"body": "100% of _everything_ %s %(name)s {0} {{ x }}"},
    "template-syntax": {"body": "{% debug %}{{ settings.SECRET_KEY }}"},
    "emoji": {"body": "Great news 🎉🌉👏🏽 — 👨‍👩‍👧", "name": "🦆"},
    "cyrillic": {"body": "Мост снова открыт.", "name": "Анна"},
    "chinese": {"body": "桥梁重新开放。", "name": "王芳"},
    "arabic": {"body": "أعيد فتح الجسر", "name": "علي"},
    "rtl-override": {"body": "harmless \u202etxt.exe", "name": "evil\u202egnp.exe"},
    "zero-width": {"body": "zero\u200bwidth\u200djoiner\ufeff"},
    "exactly-5000": {"body": "z" * 5000},
    "html-in-body": {"body": "<b>bold</b> <img src=x onerror=alert(1)> <!-- comment -->"},
    "unicode-line-separators": {"body": "line\u2028separator\u2029paragraph"},
    "url-without-scheme": {"url": "ana.example.org/blog"},
    "url-with-quotes": {"url": 'https://example.org/"onmouseover="alert(1)'},
    "replacement-character": {"body": "\ufffd\ufffd"},
}


@pytest.mark.parametrize("fields", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_odd_but_harmless_input_is_stored_verbatim_and_pending(hostile_client, article, fields):
    response = hostile_client.post(post_url(article), valid_data(**fields))
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    for field, value in fields.items():
        if field != "url":
            assert getattr(comment, field) == value.strip()


def test_website_without_scheme_is_stored_as_https(client, article):
    client.post(post_url(article), valid_data(url="ana.example.org/blog"))
    assert Comment.objects.get().url == "https://ana.example.org/blog"


@pytest.mark.parametrize("fields", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_odd_input_is_harmless_when_shown_after_approval(client, article, fields):
    client.post(post_url(article), valid_data(**fields))
    comment_approve(comment=Comment.objects.get(), moderator=make_user(role="Moderator"))
    content = client.get(article.get_absolute_url()).content.decode()
    # The site's own scripts (the comment form's, structured data) aside, no script at all.
    readers_part = re.sub(
        r'<script src="[^"]*" defer></script>|<script type="application/ld\+json">.*?</script>',
        "",
        content,
        flags=re.DOTALL,
    )
    assert "<script" not in readers_part.lower()
    assert "<img" not in content
    assert "<b>bold" not in content
    assert "<!-- comment" not in content
    assert '"onmouseover="' not in content
    assert settings.SECRET_KEY not in content
    for value in fields.values():
        if value.strip() and "url" not in fields:
            assert escape(value.strip()).replace("\n", "<br>") in content


def test_script_in_name_and_body_is_escaped_when_shown_after_approval(client, article):
    client.post(
        post_url(article),
        valid_data(name="<script>alert('name')</script>", body="<script>alert('body')</script>"),
    )
    comment_approve(comment=Comment.objects.get(), moderator=make_user(role="Moderator"))
    content = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(" not in content
    assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;" in content
    assert "&lt;script&gt;alert(&#x27;body&#x27;)&lt;/script&gt;" in content


def test_script_in_the_refused_form_is_escaped_when_shown_again(client, article):
    response = client.post(
        post_url(article),
        valid_data(
            name='"><script>alert(1)</script>',
            body="</textarea><script>alert(2)</script>",
            email="bad",
        ),
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "<script>alert(" not in content
    assert "&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;</textarea>" in content
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in content


# Oversized requests: refused with 413 before the body is read (comments/views.py), never 500.

TOO_LARGE = "Your comment was too long to send"


def test_multi_megabyte_urlencoded_post_is_refused_with_413(hostile_client, article):
    body = urlencoded(**valid_data(body="A" * 3_000_000))
    response = hostile_client.post(post_url(article), body, content_type=URLENCODED)
    assert response.status_code == 413
    assert TOO_LARGE in response.content.decode()
    assert Comment.objects.count() == 0


def test_multi_megabyte_multipart_post_is_refused_with_413(hostile_client, article):
    response = hostile_client.post(post_url(article), valid_data(body="A" * 3_000_000))
    assert response.status_code == 413
    assert Comment.objects.count() == 0


def test_multi_megabyte_post_is_refused_with_413_when_forgery_is_checked(article):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get(article.get_absolute_url())
    data = valid_data(body="A" * 3_000_000)
    response = client.post(post_url(article), data, headers=SAME_ORIGIN)
    assert response.status_code == 413
    assert Comment.objects.count() == 0


def test_multi_megabyte_post_from_a_signed_in_user_is_refused_with_413(article):
    client = signed_in_client()
    client.get(article.get_absolute_url())
    data = valid_data(body="A" * 3_000_000, csrfmiddlewaretoken=client.cookies["csrftoken"].value)
    response = client.post(post_url(article), data)
    assert response.status_code == 413
    assert Comment.objects.count() == 0


def test_a_post_just_over_the_comment_size_limit_is_refused_with_413(hostile_client, article):
    body = urlencoded(**valid_data(body="A" * 70_000))
    response = hostile_client.post(post_url(article), body, content_type=URLENCODED)
    assert response.status_code == 413
    assert Comment.objects.count() == 0


def test_the_longest_comment_in_any_script_fits_under_the_size_limit(client, article):
    # 5,000 four-byte characters, percent-encoded as a browser sends them: 60,000 bytes.
    body = urlencoded(**valid_data(body="\U0001f600" * 5000))
    response = client.post(post_url(article), body, content_type=URLENCODED)
    assert response.status_code == 302
    assert Comment.objects.count() == 1


# Malformed requests: Django's own limits answer 400, never 500.


def test_thousands_of_fields_are_refused_with_400(hostile_client, article):
    body = urlencoded(**valid_data(), **{f"field{i}": "x" for i in range(1500)})
    response = hostile_client.post(post_url(article), body, content_type=URLENCODED)
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_list_valued_fields_never_cause_a_500_and_save_at_most_one_comment(hostile_client, article):
    body = urlencoded(
        body=["first body", "second body"],
        name=["a", "b"],
        email=["a@example.org", "b@example.org"],
        url=["https://a.example.org", "javascript:alert(1)"],
    )
    response = hostile_client.post(post_url(article), body, content_type=URLENCODED)
    assert response.status_code < 500
    assert Comment.objects.count() <= 1


def test_list_valued_fields_are_judged_by_their_last_value(hostile_client, article):
    body = urlencoded(**valid_data(name=["a", "b"], email=["a@example.org", "nope"]))
    response = hostile_client.post(post_url(article), body, content_type=URLENCODED)
    assert response.status_code == 400
    assert Comment.objects.count() == 0


# Forgery: a reader's post is judged by where the browser says it comes from (no token on a
# page every reader shares); a signed-in user's post must also carry Django's token.

SAME_ORIGIN = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
FORGED = {
    "cross-site": {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    "same-site-other-host": {"Origin": "http://blog.testserver", "Sec-Fetch-Site": "same-site"},
    "fetch-metadata-only": {"Sec-Fetch-Site": "cross-site"},
    "origin-only": {"Origin": "https://evil.example"},
    "null-origin": {"Origin": "null"},
    "look-alike-origin": {"Origin": "http://testserver.evil.example"},
}


def signed_in_client():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(make_user())
    return client


@pytest.mark.parametrize("headers", FORGED.values(), ids=FORGED.keys())
def test_a_forged_cross_site_post_is_refused_with_403_and_stores_nothing(article, headers):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get(article.get_absolute_url())
    response = client.post(post_url(article), valid_data(), headers=headers)
    assert response.status_code == 403
    assert "sent from another site" in response.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        SAME_ORIGIN,
        {"Sec-Fetch-Site": "same-origin"},
        {"Origin": "http://testserver"},
        {"Sec-Fetch-Site": "none"},
        {},  # Neither header: not a browser, so not a forgery (security/origins.py says why).
    ],
    ids=["both", "fetch-metadata", "origin", "typed-address", "no-browser-headers"],
)
def test_a_same_origin_post_needs_no_token(article, headers):
    client = Client(enforce_csrf_checks=True)
    client.get(article.get_absolute_url())
    response = client.post(post_url(article), valid_data(), headers=headers)
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_a_trusted_origin_may_post(article, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.testserver.example"]
    client = Client(enforce_csrf_checks=True)
    headers = {"Origin": "https://www.testserver.example", "Sec-Fetch-Site": "cross-site"}
    assert client.post(post_url(article), valid_data(), headers=headers).status_code == 302


def test_a_signed_in_user_without_a_csrf_token_is_refused_with_403(article):
    client = signed_in_client()
    client.get(article.get_absolute_url())
    response = client.post(post_url(article), valid_data(), headers=SAME_ORIGIN)
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_a_signed_in_user_with_a_wrong_csrf_token_is_refused_with_403(article):
    client = signed_in_client()
    client.get(article.get_absolute_url())
    data = valid_data(csrfmiddlewaretoken="x" * 64)
    response = client.post(post_url(article), data, headers=SAME_ORIGIN)
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_a_signed_in_user_posts_with_the_token_from_the_article_page(article):
    client = signed_in_client()
    page = client.get(article.get_absolute_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = valid_data(csrfmiddlewaretoken=token)
    assert client.post(post_url(article), data, headers=SAME_ORIGIN).status_code == 302
    assert Comment.objects.count() == 1


def test_a_signed_in_user_forging_cross_site_is_refused_even_with_a_token(article):
    client = signed_in_client()
    client.get(article.get_absolute_url())
    data = valid_data(csrfmiddlewaretoken=client.cookies["csrftoken"].value)
    response = client.post(post_url(article), data, headers=FORGED["cross-site"])
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_non_utf8_bytes_in_the_body_never_cause_a_500(hostile_client, article):
    raw = b"body=caf\xe9+\xff\xfe+au+lait&name=Ana&email=ana%40example.org&url=&"
    raw += urlencoded(issued=issued()).encode()
    response = hostile_client.generic("POST", post_url(article), raw, content_type=URLENCODED)
    assert response.status_code < 500
    if response.status_code == 302:
        assert "caf" in Comment.objects.get().body


def test_percent_encoded_invalid_utf8_is_stored_with_replacement_characters(client, article):
    raw = (
        b"body=caf%E9+%FF&name=Ana&email=ana%40example.org&" + urlencoded(issued=issued()).encode()
    )
    response = client.generic("POST", post_url(article), raw, content_type=URLENCODED)
    assert response.status_code == 302
    assert Comment.objects.get().body == "caf\ufffd \ufffd"


def test_non_utf8_charset_on_a_form_post_is_refused_with_400(hostile_client, article):
    raw = b"body=hi&name=Ana&email=ana%40example.org"
    response = hostile_client.generic(
        "POST", post_url(article), raw, content_type=f"{URLENCODED}; charset=latin-1"
    )
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_non_utf8_charset_on_a_form_post_is_refused_with_400_when_csrf_is_checked(article):
    client = signed_in_client()
    client.get(article.get_absolute_url())
    token = client.cookies["csrftoken"].value
    raw = f"body=hi&name=Ana&email=ana%40example.org&csrfmiddlewaretoken={token}".encode()
    response = client.generic(
        "POST", post_url(article), raw, content_type=f"{URLENCODED}; charset=latin-1"
    )
    assert response.status_code == 400


def test_json_body_is_treated_as_an_empty_form(hostile_client, article):
    response = hostile_client.post(
        post_url(article), json.dumps(valid_data()), content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.context["comment_form"].errors) == {"body", "name", "email"}
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "", "nonsense"])
def test_other_content_types_are_treated_as_an_empty_form(hostile_client, article, content_type):
    response = hostile_client.generic(
        "POST", post_url(article), b"body=hi&name=Ana&email=a%40example.org", content_type
    )
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_a_valid_multipart_post_is_accepted(client, article):
    # The test client posts multipart/form-data by default.
    assert client.post(post_url(article), valid_data()).status_code == 302
    assert Comment.objects.count() == 1


def test_a_file_sent_along_with_the_comment_is_ignored(client, article, tmp_path):
    upload = tmp_path / "evil.html"
    upload.write_text("<script>alert(1)</script>")
    with upload.open("rb") as handle:
        response = client.post(post_url(article), {**valid_data(), "attachment": handle})
    assert response.status_code == 302
    assert Comment.objects.get().body == valid_data()["body"]


@pytest.mark.parametrize(
    "content_type",
    [
        "multipart/form-data",
        "multipart/form-data; boundary=",
        f"multipart/form-data; boundary={MULTIPART_BOUNDARY}",
    ],
    ids=["no-boundary", "empty-boundary", "truncated-body"],
)
def test_malformed_multipart_is_refused_without_a_500(hostile_client, article, content_type):
    raw = f'--{MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="body"\r\n\r\nhi'
    response = hostile_client.generic("POST", post_url(article), raw.encode(), content_type)
    assert 400 <= response.status_code < 500
    assert Comment.objects.count() == 0


# The address itself.


@pytest.mark.parametrize(
    "article_id",
    [
        99999999999999999999,  # far past PostgreSQL's bigint
        2**63,  # one past bigint
        2**63 - 1,  # the largest bigint
        10**100,
    ],
)
def test_huge_article_id_is_404_not_a_database_error(hostile_client, article, article_id):
    response = hostile_client.post(post_url(article_id), valid_data())
    assert response.status_code == 404
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("path", ["-1/", "abc/", "1.5/", "0x10/", "%00/", "1%00/", "\uff11/"])
def test_malformed_article_ids_are_404(hostile_client, article, path):
    response = hostile_client.post(post_url(1).replace("1/", path), valid_data())
    assert response.status_code == 404
    assert Comment.objects.count() == 0


# Request metadata is stored for moderators, and must not break the insert either.


@pytest.mark.parametrize("remote_addr", ["not-an-ip", "999.1.1.1", "1.2.3.4, 5.6.7.8", "\x00"])
def test_a_malformed_client_address_is_stored_as_unknown(hostile_client, article, remote_addr):
    response = hostile_client.post(post_url(article), valid_data(), REMOTE_ADDR=remote_addr)
    assert response.status_code == 302
    assert Comment.objects.get().ip_address is None


def test_a_null_byte_in_the_user_agent_is_dropped_not_a_database_error(hostile_client, article):
    response = hostile_client.post(
        post_url(article), valid_data(), HTTP_USER_AGENT="Mozilla\x00/5.0\x1b[0m"
    )
    assert response.status_code == 302
    assert Comment.objects.get().user_agent == "Mozilla/5.0[0m"
