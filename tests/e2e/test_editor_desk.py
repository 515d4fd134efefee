"""The editor's desk in a browser: a reporter drafts with the rich-text editor and a photo, an
editor publishes, a reader reads."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.admin import choose_library_photo, log_in, pick_autocomplete
from tests.factories import make_author, make_photo, make_section, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def serve_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ROOT_URLCONF = "tests.e2e.urls"


def test_reporter_drafts_with_photo_editor_publishes_reader_reads(browser, live_server, screenshot):
    make_section(name="Environment", slug="environment")
    reporter_user = make_user("reporter", role="Reporter")
    make_author(name="Ana Ruiz", slug="ana-ruiz", user=reporter_user)
    make_user("editor", role="Editor")
    photo = make_photo(size=(1600, 1000), alt_text="Sandbags stacked along Ferry Street")

    # The reporter writes a draft with the rich-text editor and places a library photo.
    reporter = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = reporter.new_page()
    log_in(page, live_server, "reporter")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_headline").press_sequentially("Volunteers fill sandbags as the Ravel rises")
    pick_autocomplete(page, "#id_section", "Environ")
    pick_autocomplete(page, "#id_bylines-0-author", "Ana")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("Dozens of volunteers worked through the night on Ferry Street.")
    page.keyboard.press("Enter")
    page.keyboard.type("The river is expected to peak on Friday.")
    # Back to the end of the first paragraph: the photo goes between the two.
    page.keyboard.press("ArrowUp")
    page.keyboard.press("End")
    # The image button opens the photo library in a pop-up; choosing a photo fills the dialog.
    dialog = choose_library_photo(page, photo)
    dialog.locator("input[name=caption]").fill("Volunteers on Ferry Street")
    dialog.locator("button[type=submit], button:has-text('Insert')").first.click()
    editor.locator("img").first.wait_for()
    expect(page.locator("textarea#id_body")).to_have_value(
        re.compile(
            rf"<p>Dozens.*</p><figure.*src=\"/photos/{photo.pk}/\".*"
            r"<figcaption[^>]*>Volunteers on Ferry Street</figcaption></figure>"
            r"<p>The river is expected to peak on Friday.</p>"
        )
    )
    screenshot("desk-reporter-draft", page)
    # The reporter's buttons: no publishing, and submitting hands the draft to the editors.
    expect(page.get_by_role("button", name="Publish now")).to_have_count(0)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(slug="volunteers-fill-sandbags-as-the-ravel-rises")
    assert article.status == Article.Status.IN_REVIEW
    assert f'src="/photos/{photo.pk}/"' in article.body
    reporter.close()

    # The editor publishes it.
    editor_context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = editor_context.new_page()
    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/articles/article/")
    page.check(f"input[name=_selected_action][value='{article.pk}']")
    page.select_option("select[name=action]", "publish_now")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("1 article published")
    screenshot("desk-editor-list-after-publish", page)
    editor_context.close()
    article.refresh_from_db()
    assert article.is_published

    # A reader sees the photo as responsive markup, not the editor's placeholder.
    reader = browser.new_context(viewport={"width": 390, "height": 844})
    page = reader.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    body = page.locator(".story__body")
    expect(body).to_contain_text("Dozens of volunteers worked through the night")
    image = body.locator("picture img")
    expect(image).to_have_attribute("alt", "Sandbags stacked along Ferry Street")
    expect(image).to_have_attribute("srcset", re.compile(r"480w"))
    expect(body.locator("figcaption")).to_have_text("Volunteers on Ferry Street")
    assert page.evaluate("document.querySelector('.story__body picture img').naturalWidth") > 0
    screenshot("desk-reader-article-mobile", page)
    reader.close()
