"""The whole loop in a browser: an editor publishes, a reader comments, a moderator approves."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Comment
from tests.e2e.admin import log_in, pick_autocomplete
from tests.factories import make_article, make_author, make_section, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_publishes_reader_comments_moderator_approves(page, live_server, screenshot):
    section = make_section(name="Environment", slug="environment")
    reporter = make_author(name="Ana Ruiz", slug="ana-ruiz")
    make_author(name="Tom Berg", slug="tom-berg")
    make_article(headline="Older story on the river", section=section, authors=[reporter])
    make_user("editor", role="Editor")
    make_user("moderator", role="Moderator")

    # The editor writes and publishes an article in the admin.
    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    # Typed key by key, as the admin fills the slug from the headline while you type.
    page.locator("#id_headline").press_sequentially("Flood barrier opens on the east bank")
    expect(page.locator("#id_slug")).to_have_value("flood-barrier-opens-on-the-east-bank")
    page.fill("#id_dek", "The barrier took three years to build.")
    page.fill("#id_dateline", "MILLBROOK")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("The gates closed for the first test on Tuesday.")
    pick_autocomplete(page, "#id_section", "Environ")
    pick_autocomplete(page, "#id_bylines-0-author", "Tom")
    page.fill("#id_tags", "Floods, Millbrook")
    screenshot("admin-article-add", page)
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(slug="flood-barrier-opens-on-the-east-bank")
    assert article.is_published
    assert [b.author.name for b in article.bylines.all()] == ["Tom Berg"]

    # A reader finds it on the front page and leaves a comment.
    reader = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    reader_page = reader.new_page()
    reader_page.goto(live_server.url + "/")
    screenshot("front-page-mobile", reader_page)
    reader_page.click("text=Flood barrier opens on the east bank")
    expect(reader_page.locator("h1")).to_have_text("Flood barrier opens on the east bank")
    expect(reader_page.locator(".story__body")).to_contain_text("MILLBROOK — The gates closed")
    expect(reader_page.locator("#respond")).to_contain_text(
        "Your email address will not be published. Required fields are marked *"
    )
    # A mistake first: the text is kept and the field says what is wrong.
    reader_page.fill("#id_body", "Will the footpath reopen?\nAsking for my dog.")
    reader_page.fill("#id_name", "Lena Park")
    reader_page.fill("#id_email", "not-an-email")
    # A person takes a few seconds to write; the form refuses posts faster than a person types.
    reader_page.wait_for_timeout(3200)
    reader_page.click("text=Post Comment")
    expect(reader_page.locator(".field--error")).to_contain_text("valid email address")
    expect(reader_page.locator("#id_body")).to_have_value(
        "Will the footpath reopen?\nAsking for my dog."
    )
    screenshot("comment-form-error-mobile", reader_page)
    reader_page.fill("#id_email", "lena.park@example.org")
    reader_page.click("text=Post Comment")
    expect(reader_page.locator(".messages")).to_contain_text("Your comment is awaiting moderation.")
    expect(reader_page.locator(".comment-list")).to_have_count(0)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING

    # The moderator approves it in the admin.
    moderator = page.context.browser.new_context()
    moderator_page = moderator.new_page()
    log_in(moderator_page, live_server, "moderator")
    moderator_page.goto(f"{live_server.url}/admin/comments/comment/")
    # The queue shows the email masked; the full address needs the reveal permission.
    expect(moderator_page.locator("#result_list")).to_contain_text("l***@example.org")
    assert "lena.park@example.org" not in moderator_page.content()
    moderator_page.check(f"input[name=_selected_action][value='{comment.pk}']")
    moderator_page.select_option("select[name=action]", "approve")
    moderator_page.click("button[name=index]")
    expect(moderator_page.locator(".messagelist")).to_contain_text("1 comment approved.")
    screenshot("admin-comments-after-approve", moderator_page)

    # The reader reloads and sees the comment, without its email.
    reader_page.goto(live_server.url + article.get_absolute_url())
    expect(reader_page.locator(".comment-list")).to_contain_text("Asking for my dog.")
    expect(reader_page.locator("#comments h2").first).to_have_text("1 Comment")
    assert "lena.park@example.org" not in reader_page.content()
    screenshot("article-with-approved-comment-mobile", reader_page)
    reader.close()
    moderator.close()
