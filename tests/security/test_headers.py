"""Security headers on every page: a Content-Security-Policy without inline code, and the rest."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from security.admin import TIPTAP_STYLE_HASH
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def article():
    article = make_article(headline="Bridge reopens", tags=["Bridges"])
    make_comment(article=article, body="Good news.")
    return article


def public_urls(article):
    return [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        "/tag/bridges/",
        "/search/?q=bridge",
        "/corrections/",
        "/about/",
    ]


def test_public_pages_allow_only_our_own_scripts_and_styles(client, article):
    for url in public_urls(article):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'"], url  # no nonce, no 'unsafe-inline'
        assert directives["style-src"] == ["'self'"], url
        assert directives["img-src"] == ["'self'", "data:"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_public_pages_have_no_inline_script_style_or_event_attribute(client, article):
    for url in public_urls(article):
        html = client.get(url).content.decode()
        for script in re.findall(r"<script\b[^>]*>", html):
            # Only our files, or JSON-LD: data a browser never runs.
            assert " src=" in script or 'type="application/ld+json"' in script, (url, script)
        assert "<style" not in html, url
        assert not re.search(r"<[^>]+\sstyle=", html), url
        assert not re.search(r"<[^>]+\son[a-z]+=", html), url
        assert "javascript:" not in html, url


@pytest.mark.parametrize(
    "url", ["/no-such-page/", "/robots.txt", "/sitemap.xml", "/feed/", "/static/css/site.css"]
)
def test_every_response_carries_the_policy_and_the_other_headers(client, url):
    response = client.get(url)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert f"{feature}=()" in permissions


def test_pages_may_not_be_framed(client, article):
    response = client.get(article.get_absolute_url())
    assert response["X-Frame-Options"] == "DENY"
    assert policy(response)["frame-ancestors"] == ["'none'"]


def test_the_error_pages_style_themselves_with_a_stylesheet(client, settings):
    from django.template.loader import render_to_string

    for name in ["400.html", "403_csrf.html", "500.html"]:
        html = render_to_string(name)
        assert "<style" not in html and "style=" not in html, name
        assert "css/plain.css" in html, name


def test_admin_editor_form_runs_its_import_map_by_nonce_only(client):
    client.force_login(make_user(role="Editor"))
    response = client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 200
    html = response.content.decode()
    script_src = policy(response)["script-src"]
    nonces = [source for source in script_src if source.startswith("'nonce-")]
    assert script_src[0] == "'self'" and len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    inline = [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if " src=" not in tag and 'type="application/json"' not in tag
    ]
    assert inline, "the prose editor's import map is expected"
    for tag in inline:
        assert f'nonce="{nonce}"' in tag, tag
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert not re.search(r"<[^>]+\son[a-z]+=", html)
    assert not re.search(r"<[^>]+\sstyle=", html)
    # Tiptap's own <style>, by hash; nothing else inline.
    assert policy(response)["style-src"] == ["'self'", TIPTAP_STYLE_HASH]


def test_the_allowed_editor_style_is_exactly_the_one_the_bundled_editor_injects():
    editor_js = Path(finders.find("django_prose_editor/editor.js")).read_text()
    # Tiptap's base CSS, a template literal in the bundle (the variable name is minified).
    css = re.search(r"`(\.ProseMirror \{\n  position: relative;.*?)`", editor_js, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"'sha256-{digest}'" == TIPTAP_STYLE_HASH


def test_each_request_gets_its_own_nonce(client):
    client.force_login(make_user(role="Editor"))
    url = reverse("admin:articles_article_add")
    first, second = (policy(client.get(url))["script-src"] for _ in range(2))
    assert first != second


def test_admin_pages_without_the_editor_have_no_nonce(client):
    client.force_login(make_user(is_superuser=True))
    for url in [reverse("admin:index"), reverse("admin:articles_article_changelist")]:
        response = client.get(url)
        assert policy(response)["script-src"] == ["'self'"], url
        html = response.content.decode()
        assert not re.search(r"<[^>]+\son[a-z]+=", html), url


def test_media_on_another_origin_is_allowed_for_images_only(client, settings, article):
    settings.MEDIA_URL = "https://media.example-bucket.net/newsroom/"
    directives = policy(client.get(article.get_absolute_url()))
    assert directives["img-src"] == ["'self'", "data:", "https://media.example-bucket.net"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]


def test_static_files_on_a_cdn_are_allowed_for_what_static_files_are(client, settings, article):
    settings.STATIC_URL = "https://cdn.example.net/static/"
    directives = policy(client.get("/robots.txt"))
    for name in ["script-src", "style-src", "img-src", "font-src"]:
        assert "https://cdn.example.net" in directives[name], name
    assert directives["connect-src"] == ["'self'"]
