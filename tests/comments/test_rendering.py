"""How a comment's plain text becomes HTML: escaped, line breaks kept, reader links marked."""

import re

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeString, mark_safe

from comments.templatetags.comments import comment_html
from tests.factories import make_article, make_comment

REL = 'rel="nofollow ugc noopener"'


def links(html):
    return re.findall(r"<a [^>]*>", html)


def test_plain_text_becomes_a_paragraph():
    assert comment_html("Well reported.") == "<p>Well reported.</p>"


def test_output_is_marked_safe_so_templates_do_not_escape_it_twice():
    assert isinstance(comment_html("a & b"), SafeString)
    assert comment_html("a & b") == "<p>a &amp; b</p>"


def test_script_tag_is_escaped():
    html = comment_html("<script>alert('x')</script>")
    assert "<script" not in html
    assert html == "<p>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</p>"


@pytest.mark.parametrize(
    "text",
    [
        '<a href="javascript:alert(1)">click</a>',
        "<img src=x onerror=alert(1)>",
        '<iframe src="https://evil.example"></iframe>',
        "<svg onload=alert(1)>",
        '"><b>break out</b>',
    ],
)
def test_html_written_by_a_reader_is_shown_as_text_never_as_markup(text):
    html = comment_html(text)
    # Only the filter's own tags: the paragraph and links to web addresses found in the text.
    tags = re.findall(r"</?([a-z]+)", html)
    assert set(tags) <= {"p", "a"}
    for link in links(html):
        assert re.fullmatch(rf'<a {REL} href="https?://[^"<>]*">', link)


def test_single_line_breaks_become_br_and_blank_lines_new_paragraphs():
    html = comment_html("First line\nsecond line\n\nNew paragraph")
    assert html == "<p>First line<br>second line</p>\n\n<p>New paragraph</p>"


def test_windows_line_breaks_are_kept_too():
    assert comment_html("one\r\ntwo\r\n\r\nthree") == "<p>one<br>two</p>\n\n<p>three</p>"


def test_web_address_becomes_a_nofollow_ugc_noopener_link():
    html = comment_html("See https://example.org/report?a=1&b=2 for more.")
    assert links(html) == [f'<a {REL} href="https://example.org/report?a=1&amp;b=2">']
    assert ">https://example.org/report?a=1&amp;b=2</a> for more." in html


def test_www_address_becomes_a_link_with_the_same_rel():
    html = comment_html("Try www.example.org today")
    assert links(html) == [f'<a {REL} href="http://www.example.org">']


def test_every_link_gets_the_rel_including_email_links():
    html = comment_html("Write to desk@example.org or see http://example.org")
    found = links(html)
    assert len(found) == 2
    assert all(link.startswith(f"<a {REL} ") for link in found)


def test_rel_is_written_exactly_once_per_link():
    html = comment_html("https://one.example https://two.example")
    assert html.count("rel=") == 2
    assert 'rel="nofollow"' not in html


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
    ],
)
def test_javascript_and_data_addresses_never_become_links(text):
    html = comment_html(f"click {text} now")
    assert links(html) == []
    assert "href" not in html


def test_a_javascript_address_disguised_as_a_domain_links_only_over_http():
    # urlize takes "javascript://example.org/..." for a bare domain and prefixes http://.
    html = comment_html("javascript://example.org/%0Aalert(1)")
    assert all(re.search(r'href="https?://', link) for link in links(html))
    assert 'href="javascript' not in html.lower()


def test_a_quote_in_a_link_cannot_break_out_of_the_attribute():
    html = comment_html('https://example.org/"onmouseover="alert(1)')
    assert 'onmouseover="' not in html
    for link in links(html):
        assert re.fullmatch(rf'<a {REL} href="[^"<>]*">', link)


def test_a_reader_cannot_forge_a_rel_attribute():
    html = comment_html('rel="nofollow" <a rel="follow" href="https://x.example">x</a>')
    assert re.findall(r'(?<!&quot;)rel="([^"]*)"', html) == ["nofollow ugc noopener"]
    assert "rel=&quot;nofollow&quot;" in html
    assert "&lt;a rel=&quot;follow&quot; href=&quot;" in html


def test_text_already_marked_safe_is_still_escaped():
    assert comment_html(mark_safe("<b>bold</b>")) == "<p>&lt;b&gt;bold&lt;/b&gt;</p>"


def test_non_latin_text_and_emoji_come_through_unchanged():
    assert comment_html("Мост 桥 🌉") == "<p>Мост 桥 🌉</p>"


def test_filter_works_from_a_template():
    html = Template("{% load comments %}{{ text|comment_html }}").render(
        Context({"text": "<i>hi</i>\nthere"})
    )
    assert html == "<p>&lt;i&gt;hi&lt;/i&gt;<br>there</p>"


# The comment as it appears on the article page.


@pytest.mark.django_db
def test_commenter_website_links_their_name_with_the_reader_link_rel(client):
    article = make_article()
    make_comment(article=article, name="Ana", url="https://ana.example.org/")
    content = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<a href="https://ana.example.org/" rel="nofollow ugc noopener external">Ana</a>' in content
    )


@pytest.mark.django_db
def test_commenter_without_website_is_shown_as_plain_name(client):
    article = make_article()
    make_comment(article=article, name="Ana <b>Ruiz</b>", url="")
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="comment__author">Ana &lt;b&gt;Ruiz&lt;/b&gt;</span>' in content


@pytest.mark.django_db
def test_comment_body_on_the_page_is_the_filtered_text(client):
    article = make_article()
    comment = make_comment(article=article, body="Line one\nline <two> http://x.example")
    content = client.get(article.get_absolute_url()).content.decode()
    assert f'<div class="comment__body">{comment_html(comment.body)}</div>' in content
    assert f'<a {REL} href="http://x.example">' in content
