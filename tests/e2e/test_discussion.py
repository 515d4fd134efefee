"""Comments in a browser: a reader comments and replies, a moderator works the queue by keyboard,
readers see the approved thread and nothing else."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.e2e.admin import log_in
from tests.factories import make_article, make_comment, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def write_comment(page, body, name, email):
    page.fill("#id_body", body)
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    # A person takes a few seconds to write; the form refuses posts faster than a person types.
    page.wait_for_timeout(3200)
    page.click("text=Post Comment")
    expect(page.locator(".messages")).to_contain_text("Your comment is awaiting moderation.")


def test_reader_comments_and_replies_moderator_approves_by_keyboard(
    browser, live_server, screenshot
):
    article = make_article(headline="Ferry timetable changes from Monday")
    earlier = make_comment(article=article, name="Old Hand", body="The 7:10 was always late.")
    make_user("moderator", role="Moderator")

    reader = browser.new_context(viewport={"width": 390, "height": 844})
    page = reader.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    write_comment(page, "Will the early boat still run?", "Mina Cho", "mina@example.org")

    # Reply to the approved comment: with JavaScript the form moves under it, no reload.
    page.locator(f"#comment-{earlier.pk} .comment__reply").click()
    expect(page.locator(f"#comment-{earlier.pk} #respond")).to_be_visible()
    write_comment(page, "It was never late for me.", "Sam Ode", "sam@example.org")
    reply = Comment.objects.get(name="Sam Ode")
    assert reply.parent_id == earlier.pk and reply.depth == 2
    assert Comment.objects.get(name="Mina Cho").parent_id is None
    # Neither shows before a moderator approves it.
    expect(page.locator(".comment-list")).not_to_contain_text("never late")
    expect(page.locator(".comment-list")).not_to_contain_text("early boat")

    # The moderator approves the reply and marks the other as spam, with the keyboard alone.
    moderator = browser.new_context(viewport={"width": 1280, "height": 900})
    queue = moderator.new_page()
    log_in(queue, live_server, "moderator")
    queue.goto(f"{live_server.url}/admin/comments/comment/?status__exact=pending")
    rows = queue.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    screenshot("moderation-queue", queue)
    texts = [rows.nth(i).inner_text() for i in range(2)]
    reply_row = next(i for i, text in enumerate(texts) if "never late" in text)
    queue.locator("body").click(position={"x": 5, "y": 5})
    for _ in range(reply_row + 1):
        queue.keyboard.press("j")
    queue.keyboard.press("a")
    queue.wait_for_load_state()
    expect(queue.locator(".messagelist")).to_contain_text("approved")
    expect(rows).to_have_count(1)
    queue.locator("body").click(position={"x": 5, "y": 5})
    queue.keyboard.press("j")
    queue.keyboard.press("s")
    queue.wait_for_load_state()
    expect(queue.locator(".messagelist")).to_contain_text("spam")
    moderator.close()

    assert Comment.objects.get(pk=reply.pk).status == Comment.Status.APPROVED
    assert Comment.objects.get(name="Mina Cho").status == Comment.Status.SPAM

    # Readers see the approved reply nested under its parent, and never the spam.
    page.goto(live_server.url + article.get_absolute_url())
    thread = page.locator(f"#comment-{earlier.pk}")
    expect(thread.locator(f"#comment-{reply.pk}")).to_contain_text("It was never late for me.")
    expect(page.locator("#comments")).not_to_contain_text("early boat")
    assert "sam@example.org" not in page.content()
    screenshot("discussion-thread-mobile", page)
    reader.close()
