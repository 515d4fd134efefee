"""Two editors in two browsers change different fields of one article and both save: both
changes survive (the conflict is merged, articles/conflicts.py). At a desktop and a phone size,
with screenshots of the form's buttons."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.admin import log_in
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots-edit")  # noqa: S108 (for a person to look at, as the brief asks)


@pytest.fixture(autouse=True)
def e2e_urls(settings):
    settings.ROOT_URLCONF = "tests.e2e.urls"


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_two_editors_change_different_fields_and_both_changes_survive(
    browser, live_server, width, height
):
    SHOTS.mkdir(exist_ok=True)
    article = make_article(
        headline="Council approves budget",
        dek="The vote was close.",
        status=Article.Status.DRAFT,
        body="<p>The council met on Monday.</p>",
    )
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    pages = {}
    for name in ("alice", "bruno"):
        make_user(name, role="Editor")
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        log_in(page, live_server, name)
        page.goto(change)
        pages[name] = (context, page)

    alice, bruno = pages["alice"][1], pages["bruno"][1]
    buttons = alice.locator(".article-actions")
    for label in ("Save draft", "Submit for review", "Publish now", "Schedule…"):
        button = buttons.get_by_role("button", name=label)
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (label, box)
    buttons.scroll_into_view_if_needed()
    alice.screenshot(path=str(SHOTS / f"buttons-{width}x{height}.png"))
    alice.screenshot(path=str(SHOTS / f"form-{width}x{height}.png"), full_page=True)
    assert alice.evaluate("document.documentElement.scrollWidth") <= width + 1

    alice.fill("#id_dek", "Alice: the vote was 7 to 6.")
    bruno.fill("#id_headline", "Bruno: council passes budget by one vote")
    alice.get_by_role("button", name="Save draft").click()
    expect(alice.locator(".messagelist")).to_contain_text("was changed successfully")
    bruno.get_by_role("button", name="Save draft").click()
    expect(bruno.locator(".messagelist")).to_contain_text("both changes are kept")
    bruno.screenshot(path=str(SHOTS / f"merged-{width}x{height}.png"), full_page=True)

    article.refresh_from_db()
    assert article.dek == "Alice: the vote was 7 to 6."
    assert article.headline == "Bruno: council passes budget by one vote"
    assert article.body == "<p>The council met on Monday.</p>"
    for context, _page in pages.values():
        context.close()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_schedule_asks_for_the_time_then_refuses_none_and_schedules_a_future_one(
    browser, live_server, width, height
):
    article = make_article(headline="Budget vote tonight", status=Article.Status.DRAFT)
    make_user("eddie", role="Editor")
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"

    # Without JavaScript the time is simply there to fill in.
    plain = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=False
    )
    page = plain.new_page()
    log_in(page, live_server, "eddie")
    page.goto(change)
    expect(page.locator("#id_published_at_0")).to_be_visible()
    plain.close()

    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    log_in(page, live_server, "eddie")
    page.goto(change)
    row = page.locator(".form-row.field-published_at")
    schedule = page.locator(".article-actions").get_by_role("button", name="Schedule…")
    expect(row).to_be_hidden()
    expect(schedule).to_have_attribute("aria-expanded", "false")
    page.fill("#id_headline", "Budget vote tonight: what to expect")
    schedule.click()
    # The first press shows the time and waits: nothing is sent.
    expect(row).to_be_visible()
    expect(page.locator("#id_published_at_0")).to_be_focused()
    expect(row).to_contain_text("then press “Schedule…” again")
    page.screenshot(path=str(SHOTS / f"schedule-{width}x{height}.png"))
    assert page.url == change

    # Pressed again without a time: refused at the field, the text kept.
    schedule.click()
    expect(page.locator(".field-published_at .errorlist")).to_contain_text(
        "To schedule the article, set a publication time in the future."
    )
    expect(page.locator("#id_headline")).to_have_value("Budget vote tonight: what to expect")
    expect(page.locator(".form-row.field-published_at")).to_be_visible()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT

    when = timezone.localtime(timezone.now() + timedelta(days=1))
    page.fill("#id_published_at_0", when.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", "09:30:00")
    page.locator(".article-actions").get_by_role("button", name="Schedule…").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert article.is_scheduled
    assert article.headline == "Budget vote tonight: what to expect"
    context.close()
