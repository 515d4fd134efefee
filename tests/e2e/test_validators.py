"""The site as outside tools judge it: the Nu Html Checker on every page, axe-core in chromium.

The tools are not Python packages; install them once (no network at test time):

    mkdir -p /tmp/vnu && cd /tmp/vnu && npm install vnu-jar@26   # needs Java 17
    mkdir -p /tmp/axe && cd /tmp/axe && npm install axe-core@4

or point VNU_JAR and AXE_JS at the files. Without them these tests skip and say why.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.comments.test_email_privacy import crawl
from tests.factories import (
    make_article,
    make_author,
    make_comment,
    make_correction,
    make_photo,
    make_section,
)

# Where the commands above install them; the test only reads these files.
VNU_DEFAULT = "/tmp/vnu/node_modules/vnu-jar/build/dist/vnu.jar"  # noqa: S108
AXE_DEFAULT = "/tmp/axe/node_modules/axe-core/axe.min.js"  # noqa: S108
VNU_JAR = Path(os.environ.get("VNU_JAR", VNU_DEFAULT))
AXE_JS = Path(os.environ.get("AXE_JS", AXE_DEFAULT))
JAVA = shutil.which("java")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.e2e.urls"),
]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def site(media_root):
    """A small site with what pages show: photos, several bylines, tags, comments, corrections."""
    # A transactional test before this one flushed the content types; forget their old ids.
    ContentType.objects.clear_cache()
    news = make_section(name="News", slug="news", description="What happened today.")
    sport = make_section(name="Sport", slug="sport")
    ana = make_author(
        name="Ana Ruiz", slug="ana-ruiz", job_title="Reporter", bio="Covers the river towns.",
        photo=make_photo(size=(800, 800), alt_text="Ana Ruiz"),
    )  # fmt: skip
    tom = make_author(name="Tom Berg", slug="tom-berg")
    photo = make_photo(size=(1600, 900), alt_text="The bridge at dawn", caption="The bridge.")
    placed = make_photo(size=(1200, 800), alt_text="Workers on the deck")
    lead = make_article(
        headline="Bridge reopens after three years",
        slug="bridge-reopens",
        dek="Traffic flows again across the river.",
        dateline="MILLBROOK",
        section=news,
        authors=[ana, tom],
        tags=["Bridges", "Millbrook"],
        lead_photo=photo,
        body=(
            "<p>The bridge reopened on Tuesday.</p>"
            f'<img src="/photos/{placed.pk}/" alt="Workers on the deck">'
            "<h2>What changes</h2><ul><li>Two lanes</li><li>A cycle path</li></ul>"
            '<blockquote><p>"It was worth the wait."</p></blockquote>'
            '<p>See <a href="https://example.org/report">the report</a>.</p>'
        ),
    )
    make_correction(article=lead, text="An earlier version misspelled the bridge's name.")
    make_comment(article=lead, name="River Reader", body="Good news.\nAt last.")
    make_comment(article=lead, status=Comment.Status.PENDING, body="Waiting.")
    for index in range(4):
        make_article(
            headline=f"Match report {index}",
            slug=f"match-{index}",
            section=sport,
            authors=[tom],
            tags=["Rowing"],
            lead_photo=photo if index % 2 else None,
        )
    make_article(headline="Council meets", slug="council", section=news, authors=[ana])
    return lead


def html_pages(client):
    """Every HTML page a reader can reach by following links from the front page."""
    pages = {}
    for url, response in crawl(client):
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            pages[url] = response.content
    return pages


@pytest.mark.skipif(
    JAVA is None, reason="no java on PATH (apt-get install openjdk-17-jre-headless)"
)
@pytest.mark.skipif(
    not VNU_JAR.exists(), reason=f"no vnu.jar at {VNU_JAR} (npm install vnu-jar@26, or set VNU_JAR)"
)
def test_every_public_page_is_valid_html(site, tmp_path):
    client = Client()
    pages = html_pages(client)
    # Pages no link leads to: search results (a form), and a comment form sent back with errors.
    for url in ["/search/?q=bridge", "/search/?q=zzzyzzy", "/search/?q=", "/no-such-page/"]:
        pages[url] = client.get(url).content
    pages["comment error"] = client.post(
        reverse("comments:post", args=[site.pk]), {"body": "", "name": "", "email": "bad"}
    ).content
    assert len(pages) >= 10, sorted(pages)
    assert site.get_absolute_url() in pages
    folder = tmp_path / "pages"
    folder.mkdir()
    files = {}
    for number, (url, content) in enumerate(sorted(pages.items())):
        path = folder / f"{number:03d}.html"
        path.write_bytes(content)
        files[f"file:{path}"] = url
    result = subprocess.run(  # noqa: S603 (our own arguments)
        [JAVA, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    print(f"\nNu Html Checker: {len(pages)} pages, {len(errors)} errors")
    assert errors == [], "\n".join(errors)


def axe_violations(page, url):
    page.goto(url)
    page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{url}: {violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.skipif(
    not AXE_JS.exists(), reason=f"no axe.min.js at {AXE_JS} (npm install axe-core@4, or set AXE_JS)"
)
@pytest.mark.parametrize("width", [1280, 360])
def test_key_pages_have_no_serious_accessibility_violations(site, browser, live_server, width):
    # axe-core goes in as an inline script, which the site's own policy rightly
    # refuses; the test's browser alone sets the policy aside to inject it.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    urls = [
        "/",
        site.get_absolute_url(),
        site.section.get_absolute_url(),
        "/author/ana-ruiz/",
        "/tag/bridges/",
        "/search/?q=bridge",
        "/about/",
        "/corrections/",
        "/admin/login/",
    ]
    violations = []
    for path in urls:
        violations += axe_violations(page, live_server.url + path)
    context.close()
    print(f"\naxe-core at {width}px: {len(urls)} pages, {len(violations)} serious or critical")
    assert violations == [], "\n".join(violations)
