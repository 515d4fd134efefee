"""The moderation queue and the admin home in a browser, at a laptop's 1366x768 and a phone's
390x844: nothing scrolls sideways, every row's buttons are on screen, each role sees its work."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Ban, Comment
from tests.e2e.admin import log_in
from tests.factories import make_article, make_author, make_comment, make_user

pytestmark = pytest.mark.django_db(transaction=True)

# For a person to look at: the layout is the point of these tests.
SHOTS = Path(tempfile.gettempdir()) / "shots-queue"
SIZES = {"laptop": (1366, 768), "phone": (390, 844)}
LONG = (
    "The council said the bridge would reopen in spring, but the contractor's own schedule, "
    "which I read at the library, shows the deck work running into the autumn. Which is it? "
    "Residents on Ferry Street deserve a straight answer before the summer traffic starts."
)


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def assert_fits(page):
    """No sideways scroll, and each row's buttons lie inside the viewport's width."""
    width = page.evaluate("innerWidth")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    rows = page.locator("#result_list tbody tr")
    assert rows.count() > 0
    for index in range(rows.count()):
        buttons = rows.nth(index).locator("button.moderation-button")
        assert buttons.count() >= 2
        for b in range(buttons.count()):
            box = buttons.nth(b).bounding_box()
            assert box is not None
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= width


@pytest.fixture
def queue():
    article = make_article(headline="Bridge reopening pushed back to autumn")
    make_user("moira", role="Moderator")
    return [
        make_comment(
            article=article,
            name=f"Reader {n}",
            email=f"reader{n}@example.org",
            ip_address=f"203.0.113.{n}",
            body=LONG if n % 2 else "Short and to the point.",
            status=Comment.Status.PENDING,
            moderation_reason="held: first comment from this address",
        )
        for n in range(1, 6)
    ]


@pytest.mark.parametrize("size", SIZES)
def test_a_moderator_approves_rejects_and_bans_from_the_queue_without_scrolling_sideways(
    browser, live_server, queue, size
):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    log_in(page, live_server, "moira")
    page.goto(f"{live_server.url}/admin/comments/comment/")
    # The queue opens on what waits.
    assert page.url.endswith("?status__exact=pending")
    assert_fits(page)
    shot(page, f"queue-{size}")

    first, second, third = queue[0], queue[1], queue[2]
    page.locator(f"tr:has(input[value='{first.pk}']) button[data-moderate=approve]").click()
    expect(page.locator(".messagelist")).to_contain_text("Comment by Reader 1 approved.")
    page.locator(f"tr:has(input[value='{second.pk}']) button[data-moderate=reject]").click()
    expect(page.locator(".messagelist")).to_contain_text("Comment by Reader 2 rejected.")
    assert_fits(page)

    # Ban the third commenter: select the row, choose the action, confirm.
    page.locator(f"input.action-select[value='{third.pk}']").check()
    page.select_option("select[name=action]", "ban_commenters")
    page.locator("button[name=index]").click()
    page.select_option("#id_duration", "forever")
    page.locator("input[type=submit][value=Ban]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 ban added.")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width

    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses[first.pk] == Comment.Status.APPROVED
    assert statuses[second.pk] == Comment.Status.REJECTED
    assert statuses[third.pk] == Comment.Status.SPAM
    assert Ban.objects.get().email == "reader3@example.org"
    context.close()


@pytest.fixture
def desk():
    reporter = make_user("rita", role="Reporter")
    author = make_author(name="Rita Reyes", slug="rita-reyes", user=reporter)
    make_user("eddie", role="Editor")
    make_user("moira", role="Moderator")
    make_article(
        headline="Ferry fares rise in March", status=Article.Status.DRAFT, authors=[author]
    )
    make_article(
        headline="Library opens on Sundays", status=Article.Status.IN_REVIEW, authors=[author]
    )
    make_article(
        headline="Budget vote tonight",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(hours=5),
    )
    make_comment(name="Waiting Reader", body="Is the pool open?", status=Comment.Status.PENDING)


EXPECTED = {
    "rita": (["My drafts"], ["Awaiting review", "Comments waiting"]),
    "eddie": (["Awaiting review", "Scheduled"], ["Comments waiting"]),
    "moira": (["Comments waiting"], ["My drafts", "Awaiting review", "Scheduled"]),
}
WORK = {
    "rita": ["Ferry fares rise in March", "Library opens on Sundays"],
    "eddie": ["Library opens on Sundays", "Budget vote tonight"],
    "moira": ["Is the pool open?"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("username", EXPECTED)
def test_each_roles_admin_home_lists_its_work(browser, live_server, desk, username, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    log_in(page, live_server, username)
    page.goto(f"{live_server.url}/admin/")
    shown, hidden = EXPECTED[username]
    widgets = page.locator(".desk")
    for title in shown:
        expect(widgets.get_by_role("heading", name=title)).to_be_visible()
    for title in hidden:
        expect(widgets.get_by_role("heading", name=title)).to_have_count(0)
    for text in WORK[username]:
        expect(widgets).to_contain_text(text)
    # Above the list of apps, and nothing scrolls sideways.
    desk_box = widgets.bounding_box()
    apps_box = page.locator("#content-main .module").last.bounding_box()
    assert desk_box["y"] < apps_box["y"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    shot(page, f"home-{username}-{size}")
    context.close()


# The desk's pages, each at both sizes: nothing scrolls sideways, the article form's byline
# rows and buttons included. Screenshots go to DESK_SHOTS when set (a note's folder), else SHOTS.
DESK_PAGES = ["home", "article-list", "article-form", "queue"]


def assert_inside(page, selector, width):
    """Every element matching selector is shown whole within the viewport's width."""
    elements = page.locator(selector)
    assert elements.count() > 0, selector
    for index in range(elements.count()):
        box = elements.nth(index).bounding_box()
        assert box is not None, (selector, index)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, index, box)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", DESK_PAGES)
def test_the_desk_pages_fit_the_screen(browser, live_server, queue, name, size):
    width, height = SIZES[size]
    editor = make_user("eddie", role="Editor", is_superuser=True)
    make_author(name="Eddie Editor-in-Chief of the Evening Edition", user=editor)
    article = make_article(
        headline="Harbour authority approves the long-delayed breakwater extension after a "
        "decade of hearings, appeals and two changes of government",
        status=Article.Status.DRAFT,
        authors=[make_author(name="Rita Reyes"), make_author(name="Bartholomew Featherstonehaugh")],
    )
    urls = {
        "home": "/admin/",
        "article-list": "/admin/articles/article/",
        "article-form": f"/admin/articles/article/{article.pk}/change/",
        "queue": "/admin/comments/comment/",
    }
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server.url}{urls[name]}")
    page.wait_for_load_state("load")
    if name == "article-form":
        expect(page.locator(".ProseMirror[contenteditable=true]")).to_be_visible()
    shots = Path(os.environ.get("DESK_SHOTS") or SHOTS)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"desk-{name}-{width}x{height}.png"), full_page=True)
    if name == "article-form":
        # The byline rows: each one's author, position and delete box within the screen, the
        # table not scrolled inside its box either; the buttons too.
        assert_inside(page, "#bylines-group .select2-container", width)
        assert_inside(page, "#bylines-group input[name$=position]:visible", width)
        assert_inside(page, ".article-actions .article-action", width)
        group = page.locator("#bylines-group .tabular")
        assert group.evaluate("box => box.scrollWidth <= box.clientWidth"), "bylines scroll"
    if name in ("article-list", "queue"):
        results = page.locator("#changelist .results")
        assert results.evaluate("box => box.scrollWidth <= box.clientWidth"), "list scrolls"
    if name == "article-list":
        assert_inside(page, "#result_list tbody th a, #result_list td.field-byline", width)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("innerWidth")
    context.close()
