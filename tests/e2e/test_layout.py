"""Pages keep to the width of the screen whatever the text: long words, code, many sections.

What an old WordPress site brings along (the theme unit test's "Title should not overflow the
content area", a poem in <pre>) and what a reader types must wrap, never widen the page.
"""

import pytest

from tests.factories import make_article, make_comment, make_section

pytestmark = pytest.mark.django_db(transaction=True)

LONG_WORD = "Taumata" + "whakatangihanga" * 5
LONG_LINE = "and here is one line of code that goes on " + "and on " * 30


@pytest.fixture
def article():
    sections = [make_section(name=f"Section number {n}", slug=f"section-{n}") for n in range(40)]
    article = make_article(
        headline=f"{LONG_WORD} hill",
        slug="long-words",
        section=sections[0],
        body=f"<p>See {LONG_WORD}.</p><pre>{LONG_LINE}</pre><p>https://example.org/{LONG_WORD}</p>",
    )
    make_comment(article=article, body=f"My favourite place is {LONG_WORD}.")
    return article


def overflow(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", [360, 1280])
def test_long_words_code_and_many_sections_never_widen_the_page(
    browser, live_server, article, width
):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("/", article.get_absolute_url(), article.section.get_absolute_url()):
        page.goto(live_server.url + path)
        assert overflow(page) == 0, f"{path} is wider than a {width}px screen"
    context.close()


def test_on_a_phone_the_sections_are_one_row_that_scrolls_sideways(browser, live_server, article):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    nav = page.locator(".sections-nav ul")
    row = page.locator(".sections-nav li").first.bounding_box()["height"]
    assert nav.evaluate("ul => ul.scrollWidth > ul.clientWidth")
    assert nav.bounding_box()["height"] < 3 * row
    # The headline is still on the first screen, under the masthead and the one row of sections.
    assert page.locator("h1").bounding_box()["y"] < 400
    context.close()
