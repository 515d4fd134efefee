"""The promise under every comment form: a commenter's email is published nowhere.

Distinctive addresses are planted in comments of every status, then every public page the site
links to is crawled, as a reader or a search engine would, looking for the address, its
lowercase form, and its MD5/SHA-1/SHA-256 hashes (Gravatar's leak).
"""

import hashlib
import re
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from comments.models import Comment
from tests.factories import make_article, make_author, make_comment, make_section

pytestmark = pytest.mark.django_db

EMAILS = [
    "Secret.Commenter+leak@Example.org",
    "approved-person@private-mail.example",
    "pending-person@private-mail.example",
    "spammy@spam-domain.example",
    "rejected-person@private-mail.example",
]
LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def forbidden_strings(email):
    variants = {email, email.lower(), email.strip().lower()}
    found = set(variants)
    for variant in variants:
        for algorithm in ("md5", "sha1", "sha256"):
            found.add(hashlib.new(algorithm, variant.encode()).hexdigest())
    # The local part alone would also identify the commenter.
    found.add(email.split("@")[0])
    return found


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def crawl(client, start="/", limit=500):
    """Yield (url, response) for every same-site page reachable from start."""
    seen, queue = set(), [start]
    while queue and len(seen) < limit:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        yield url, response
        if "html" not in response.get("Content-Type", ""):
            continue
        for link in LINK.findall(body(response).decode()):
            target, _ = urldefrag(urljoin(url, link.replace("&amp;", "&")))
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or parts.path.startswith("/admin/"):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))


@pytest.fixture
def site_with_comments():
    section = make_section(name="News", slug="news")
    authors = [make_author(name="Ana Ruiz"), make_author(name="Tom Berg")]
    articles = [
        make_article(section=section, authors=authors, tags=["Rivers", "Council"]) for _ in range(3)
    ]
    statuses = [
        Comment.Status.APPROVED,
        Comment.Status.APPROVED,
        Comment.Status.PENDING,
        Comment.Status.SPAM,
        Comment.Status.REJECTED,
    ]
    for article in articles:
        for email, status in zip(EMAILS, statuses, strict=True):
            make_comment(
                article=article,
                email=email,
                status=status,
                name="Named Reader",
                url="https://reader.example.net/",
            )
    return articles


def test_no_public_page_shows_a_commenter_email_or_its_hash(site_with_comments):
    client = Client()
    pages = dict(crawl(client))
    article_urls = {article.get_absolute_url() for article in site_with_comments}
    assert article_urls <= set(pages), "the crawl must reach every article page"
    assert "/robots.txt" not in pages
    pages["/robots.txt"] = client.get("/robots.txt")
    for url, response in pages.items():
        assert response.status_code < 500, url
        text = body(response).decode(errors="replace")
        headers = str(response.headers)
        for email in EMAILS:
            for secret in forbidden_strings(email):
                assert secret not in text, f"{url} leaks {secret!r}"
                assert secret not in headers, f"{url} headers leak {secret!r}"


def test_approved_comments_are_shown_while_their_email_is_not(site_with_comments):
    article = site_with_comments[0]
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "Named Reader" in html
    assert "2 Comments" in html
    for email in EMAILS:
        assert email.lower() not in html.lower()


def test_error_page_after_a_bad_comment_does_not_echo_other_commenters_emails(
    site_with_comments,
):
    article = site_with_comments[0]
    response = Client().post(f"/comments/post/{article.pk}/", {"name": "", "email": "", "body": ""})
    assert response.status_code == 400
    html = response.content.decode()
    for email in EMAILS:
        assert email.lower() not in html.lower()
