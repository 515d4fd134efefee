"""The Content-Security-Policy in a real browser: the admin keeps working under it (login, the
rich-text editor, autocomplete, the photo picker pop-up, the moderation queue) and neither the
admin nor the public pages trip a single violation."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.admin import choose_library_photo, log_in, pick_autocomplete
from tests.factories import (
    make_article,
    make_author,
    make_comment,
    make_photo,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)

# Injected by Playwright before any page script (and outside the page's CSP): each violation the
# browser reports, in every page of the context, pop-ups included, goes to the test at once.
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
      + ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture(autouse=True)
def serve_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ROOT_URLCONF = "tests.e2e.urls"


class Watched:
    """A browser context whose pages report CSP violations, as events and on the console."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 1000})
        self.events, self.console = [], []
        self.context.expose_function("reportCspViolation", lambda text: self.events.append(text))
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.context.on("page", self._watch)

    def _watch(self, page):
        def on_console(message):
            if "Content Security Policy" in message.text or "Refused to" in message.text:
                self.console.append(f"{page.url}: {message.text}")

        page.on("console", on_console)

    def new_page(self):
        return self.context.new_page()

    def violations(self):
        return self.events + self.console


@pytest.fixture
def watched(browser):
    watched = Watched(browser)
    yield watched
    watched.context.close()


def test_the_admin_works_under_the_policy_without_a_violation(
    browser, watched, live_server, screenshot
):
    make_section(name="Environment", slug="environment")
    make_author(name="Ana Ruiz", slug="ana-ruiz")
    make_user("editor", role="Editor")
    make_user("moderator", role="Moderator")
    photo = make_photo(size=(1200, 800), alt_text="Sandbags on Ferry Street")
    page = watched.new_page()

    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    header = page.evaluate(
        "() => fetch(location.href).then(r => r.headers.get('content-security-policy'))"
    )
    assert "script-src 'self' 'nonce-" in header and "unsafe-inline" not in header
    page.locator("#id_headline").press_sequentially("Volunteers fill sandbags")
    # The slug is filled from the headline by the admin's own script.
    expect(page.locator("#id_slug")).to_have_value("volunteers-fill-sandbags")
    pick_autocomplete(page, "#id_section", "Environ")
    pick_autocomplete(page, "#id_bylines-0-author", "Ana")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("Dozens of volunteers worked through the night.")
    page.keyboard.press("Control+a")
    page.locator(".prose-menubar button[title*='old' i]").first.click()
    expect(editor.locator("strong")).to_have_count(1)
    # Back into the editor (the button took the focus), then past the text: with the whole text
    # still selected, the photo would replace it.
    editor.press("End")
    # The photo picker: a pop-up that hands the photo back to the editor (window.opener).
    dialog = choose_library_photo(page, photo)
    dialog.locator("button[type=submit], button:has-text('Insert')").first.click()
    editor.locator("img").first.wait_for()
    expect(page.locator("textarea#id_body")).to_have_value(
        re.compile(r"<p><strong>Dozens of volunteers.*</strong></p>.*/photos/")
    )
    screenshot("csp-admin-article-form", page)
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(slug="volunteers-fill-sandbags")
    assert article.is_published

    # The change form (share-preview link, selected on focus by admin.js), list, history.
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    link = page.locator("input[data-select-on-focus]")
    link.focus()
    assert link.evaluate("i => i.selectionStart === 0 && i.selectionEnd === i.value.length")
    page.goto(f"{live_server.url}/admin/articles/article/")
    expect(page.locator(".article-states")).to_be_visible()
    # The state counts are laid out in a row by admin-articles.css, not an inline <style>.
    assert (
        page.locator(".article-states ul").evaluate("ul => getComputedStyle(ul).display") == "flex"
    )
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/")

    # The moderation queue with its keyboard script.
    make_comment(article=article, body="Thank you, volunteers.", status="pending")
    # (Its own browser context: the editor's has the editor's session.)
    second = Watched(browser)
    moderator = second.new_page()
    log_in(moderator, live_server, "moderator")
    moderator.goto(f"{live_server.url}/admin/comments/comment/?status__exact=pending")
    expect(moderator.locator("#result_list tbody tr")).to_have_count(1)
    moderator.locator("button[data-moderate=approve]").first.click()
    expect(moderator.locator(".messagelist")).to_contain_text("approved")

    violations = watched.violations() + second.violations()
    second.context.close()
    assert violations == [], "\n".join(violations)


def test_public_pages_trip_no_violation(watched, live_server):
    article = make_article(
        headline="Bridge reopens", tags=["Bridges"], lead_photo=make_photo(alt_text="The bridge")
    )
    make_comment(article=article, body="Good news.")
    page = watched.new_page()
    paths = [article.get_absolute_url(), article.section.get_absolute_url(), "/tag/bridges/"]
    for path in ["/", *paths, "/search/?q=bridge", "/about/", "/no-such-page/"]:
        page.goto(live_server.url + path)
    # The comment form's script moves the reply form under a comment (static/js/comments.js).
    page.goto(live_server.url + article.get_absolute_url())
    page.locator(".comment__reply").first.click()
    expect(page.locator(".comment #respond")).to_be_visible()
    assert page.locator("picture img").first.evaluate("img => img.naturalWidth") > 0
    assert watched.violations() == []


def test_the_browser_enforces_the_policy_and_the_test_would_see_it(watched, live_server):
    """The control: an inline script and an inline style are blocked and reported."""
    article = make_article(headline="Control story")
    page = watched.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__inlineRan = true";
          document.body.append(script);
          const style = document.createElement("style");
          style.textContent = "body { background: red }";
          document.head.append(style);
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.__inlineRan") is None
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 0, 0)"
    # Both ways of hearing about it work: the event, and the console message.
    for found in (watched.events, watched.console):
        assert any("script-src" in v for v in found), found
        assert any("style-src" in v for v in found), found
