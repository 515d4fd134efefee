"""Nothing typed is lost: a new article's text, autosaved, comes back after the page was closed."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, ArticleAutosave
from tests.e2e.admin import log_in, pick_autocomplete
from tests.e2e.conftest import SCREENSHOTS
from tests.factories import make_article, make_author, make_section, make_user

pytestmark = pytest.mark.django_db(transaction=True)

HEADLINE = "Ferry resumes after the storm"
BODY = "The first crossing left at six with forty passengers on board."


@pytest.fixture(autouse=True)
def site_urls(settings):
    settings.ROOT_URLCONF = "tests.e2e.urls"


def wait_for(page, condition, seconds=5):
    """The condition's value once it is true: the browser's posts arrive when they arrive."""
    for _ in range(seconds * 10):
        if value := condition():
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"waited in vain; autosaves: {list(ArticleAutosave.objects.values())}")


@pytest.mark.parametrize("width, height", [(1366, 768), (390, 844)])
def test_new_article_text_is_restored_from_its_autosave(browser, live_server, width, height):
    user = make_user("desk", role="Editor")
    writers = [make_author(name=name) for name in ("Desk Writer", "Bea Second", "Cal Third")]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    log_in(page, live_server, "desk")
    add_url = f"{live_server.url}/admin/articles/article/add/"

    page.goto(add_url)
    # A byline of three: the form has two rows, the third is added.
    pick_autocomplete(page, "#id_bylines-0-author", "Desk")
    pick_autocomplete(page, "#id_bylines-1-author", "Bea")
    page.locator("#bylines-group .add-row a").click()
    pick_autocomplete(page, "#id_bylines-2-author", "Cal")
    page.locator("#id_headline").press_sequentially(HEADLINE)
    editor = page.locator(".ProseMirror[contenteditable=true]")
    expect(editor).to_have_attribute("spellcheck", "true")
    expect(page.locator("#id_headline")).to_have_attribute("spellcheck", "true")
    expect(page.locator("#desk-wordcount")).to_have_text("0 words · 0 min read")
    editor.click()
    page.keyboard.type(BODY)
    expect(page.locator("#desk-wordcount")).to_have_text("11 words · 1 min read")
    # Leaving the body autosaves it.
    page.locator("#id_dek").click()
    expect(page.locator(".desk-status")).to_contain_text("Autosaved at")
    stored = wait_for(
        page,
        lambda: ArticleAutosave.objects.filter(
            user=user, article=None, fields__body__icontains=BODY
        ).first(),
    )
    assert stored.fields["headline"] == HEADLINE
    authors = [row["author"] for row in stored.fields["bylines"] if row["author"]]
    assert authors == [str(writer.pk) for writer in writers]
    page.close()  # no save

    page = context.new_page()
    page.goto(add_url)
    banner = page.locator(".desk-banner")
    expect(banner).to_contain_text(
        "There is an autosave of this article newer than the version below."
    )
    expect(page.locator("#id_headline")).to_have_value("")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"autosave-banner-{width}x{height}.png"))
    banner.get_by_role("button", name="Restore it").click()
    expect(page.locator("#id_headline")).to_have_value(HEADLINE)
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_have_text(BODY)
    expect(page.locator("textarea#id_body")).to_have_value(f"<p>{BODY}</p>")
    expect(page.locator("#desk-wordcount")).to_have_text("11 words · 1 min read")
    for index, writer in enumerate(writers):
        expect(page.locator(f"#id_bylines-{index}-author")).to_have_value(str(writer.pk))
        chosen = page.locator(f"#id_bylines-{index}-author ~ .select2 .select2-selection__rendered")
        expect(chosen).to_have_text(writer.name)
    assert not Article.objects.exists()  # restoring fills the form, nothing more
    context.close()


def test_discard_deletes_the_autosave(browser, live_server):
    user = make_user("desk", role="Editor")
    ArticleAutosave.objects.create(user=user, article=None, fields={"headline": "Old idea"})
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    log_in(page, live_server, "desk")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator(".desk-banner").get_by_role("button", name="Discard it").click()
    expect(page.locator(".desk-banner")).to_have_count(0)
    expect(page.locator("#id_headline")).to_have_value("")
    assert wait_for(page, lambda: not ArticleAutosave.objects.exists())
    context.close()


def test_expired_session_keeps_the_text_in_the_browser(browser, live_server):
    user = make_user("desk", role="Editor")
    make_author(name="Desk Writer", user=user)
    make_section(name="Harbour", slug="harbour")
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    log_in(page, live_server, "desk")
    add_url = f"{live_server.url}/admin/articles/article/add/"
    page.goto(add_url)
    pick_autocomplete(page, "#id_section", "Harb")
    pick_autocomplete(page, "#id_bylines-0-author", "Desk")
    page.locator("#id_headline").press_sequentially("Written while logged out")
    # The login goes (another tab logged out, or the session ran out).
    context.clear_cookies(name="sessionid")
    page.locator("#id_dek").click()
    expired = "Your session has expired. Log in again in another tab; nothing you typed is lost."
    expect(page.locator(".desk-status")).to_have_text(expired)
    # Saving now would post to a login page: the form stays, with its text.
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".desk-status")).to_have_text(expired)
    expect(page.locator("#id_headline")).to_have_value("Written while logged out")
    assert not Article.objects.exists()

    # Closed before logging in again: the next opening offers the copy kept in the browser.
    page.close()
    page = context.new_page()
    log_in(page, live_server, "desk")
    page.goto(add_url)
    # Also offered: the server's autosave from before the login went, without the last words.
    banner = page.locator(".desk-banner", has_text="could not be saved when your session expired")
    banner.get_by_role("button", name="Restore it").click()
    expect(page.locator("#id_headline")).to_have_value("Written while logged out")
    context.close()


def test_after_logging_in_again_elsewhere_the_form_saves(browser, live_server):
    user = make_user("desk", role="Editor")
    make_author(name="Desk Writer", user=user)
    make_section(name="Harbour", slug="harbour")
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    log_in(page, live_server, "desk")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    pick_autocomplete(page, "#id_section", "Harb")
    pick_autocomplete(page, "#id_bylines-0-author", "Desk")
    page.locator("#id_headline").press_sequentially("Saved after all")
    context.clear_cookies(name="sessionid")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".desk-status")).to_contain_text("Your session has expired")
    # Logging in again, in another tab, gives a new CSRF token: the form picks it up.
    log_in(context.new_page(), live_server, "desk")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Article.objects.get().headline == "Saved after all"
    context.close()


def test_leaving_with_unsaved_changes_asks_first(browser, live_server):
    make_user("desk", role="Editor")
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    log_in(page, live_server, "desk")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_headline").press_sequentially("Half a headline")
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    context.close()


def test_an_articles_byline_changes_are_restored_row_by_row(browser, live_server):
    make_user("desk", role="Editor")
    ana, ben = make_author(name="Ana Ruiz"), make_author(name="Ben Okafor")
    cy = make_author(name="Cy Tanaka")
    article = make_article(status=Article.Status.DRAFT, authors=[ana, ben])
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server, "desk")
    page.goto(change)
    page.locator("#id_bylines-1-DELETE").check()
    pick_autocomplete(page, "#id_bylines-2-author", "Cy")
    page.locator("#id_dek").click()
    wait_for(
        page,
        lambda: ArticleAutosave.objects.filter(
            article=article, fields__bylines__2__author=str(cy.pk)
        ).first(),
    )
    page.close()

    page = context.new_page()
    page.goto(change)
    expect(page.locator("#id_bylines-1-DELETE")).not_to_be_checked()
    page.locator(".desk-banner").get_by_role("button", name="Restore it").click()
    expect(page.locator("#id_bylines-0-author")).to_have_value(str(ana.pk))
    expect(page.locator("#id_bylines-1-DELETE")).to_be_checked()
    expect(page.locator("#id_bylines-2-author")).to_have_value(str(cy.pk))
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    names = list(article.bylines.order_by("position").values_list("author__name", flat=True))
    assert names == ["Ana Ruiz", "Cy Tanaka"]
    context.close()
