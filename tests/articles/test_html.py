import pytest

from articles.html import body_with_dateline, sanitize_html


@pytest.mark.parametrize(
    ("dirty", "gone"),
    [
        ("<p>Hi</p><script>alert(1)</script>", "alert(1)"),
        ('<p><img src="https://example.org/x.png" onerror="alert(1)"></p>', "onerror"),
        ('<p><a href="javascript:alert(1)">click</a></p>', "javascript:"),
        ('<iframe src="https://evil.example/"></iframe><p>Hi</p>', "iframe"),
        ("<style>body { display: none }</style><p>Hi</p>", "display"),
        ('<p style="position: fixed">Hi</p>', "style"),
        ("<p>Hi</p><!-- internal note -->", "internal note"),
    ],
)
def test_sanitize_html_removes_dangerous_markup(dirty, gone):
    assert gone not in sanitize_html(dirty)


def test_sanitize_html_keeps_the_structure_editors_write():
    html = (
        "<h2>Background</h2><p>The <strong>council</strong> met <em>again</em>.</p>"
        "<blockquote><p>Quote</p></blockquote><ul><li>One</li></ul>"
        '<figure><img src="https://example.org/a.jpg" alt="River"><figcaption>River</figcaption>'
        "</figure>"
    )
    assert sanitize_html(html) == html


def test_sanitize_html_gives_links_rel_noopener():
    cleaned = sanitize_html('<p><a href="https://example.org/">Source</a></p>')
    assert cleaned == '<p><a href="https://example.org/" rel="noopener">Source</a></p>'


def test_sanitize_html_of_nothing_is_empty():
    assert sanitize_html("") == ""
    assert sanitize_html(None) == ""


def test_dateline_leads_the_first_paragraph():
    html = body_with_dateline("<p>Talks resumed.</p><p>Second.</p>", "MOSCOW")
    assert html == ('<p><span class="dateline">MOSCOW</span> — Talks resumed.</p><p>Second.</p>')


def test_dateline_leads_the_first_paragraph_after_a_figure():
    html = body_with_dateline(
        '<figure><img src="https://e.org/a.jpg"></figure><p>Text.</p>', "OSLO"
    )
    assert html.endswith('<p><span class="dateline">OSLO</span> — Text.</p>')


def test_dateline_is_html_escaped():
    html = body_with_dateline("<p>Text.</p>", '<script>alert("x")</script> & Co')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html


def test_body_without_dateline_is_the_sanitised_body():
    assert body_with_dateline("<p>Text.</p><script>x()</script>", "") == "<p>Text.</p>"


def test_body_is_sanitised_again_when_shown_in_case_it_was_stored_raw():
    html = body_with_dateline('<p onclick="steal()">Text.</p>', "ROME")
    assert "onclick" not in html
    assert "ROME" in html


def test_a_picture_from_another_site_becomes_a_link_named_by_its_alt_text():
    body = (
        '<p>Before.</p><figure><img src="https://old.example.com/bell.jpg"'
        ' alt="Bell on the wharf" width="604"><figcaption>The bell.</figcaption></figure>'
    )
    html = body_with_dateline(body, "")
    assert "<img" not in html
    assert (
        '<a href="https://old.example.com/bell.jpg" rel="noopener">Picture: Bell on the wharf</a>'
        in html
    )
    assert "<figcaption>The bell.</figcaption>" in html


def test_a_linked_picture_from_another_site_becomes_one_link_to_where_it_pointed():
    body = (
        '<p><a href="https://old.example.com/full.jpg">'
        '<img src="http://old.example.com/small.jpg" alt=""></a></p>'
    )
    html = body_with_dateline(body, "")
    assert "<img" not in html
    assert html.count("<a ") == 1
    assert (
        '<a href="https://old.example.com/full.jpg" rel="noopener">Picture: small.jpg</a>' in html
    )
    assert "Picture: " in body_with_dateline('<img src="//cdn.example.net/a.png" alt="A">', "")


def test_our_own_pictures_stay_pictures():
    body = '<p><img src="/media/photos/a.jpg" alt="Ours"></p>'
    assert '<img src="/media/photos/a.jpg" alt="Ours">' in body_with_dateline(body, "")


@pytest.mark.parametrize(
    "alt",
    ['x"><script>alert(1)</script>', "x><script>alert(1)</script>", "<b onmouseover=alert(1)>x"],
)
def test_a_hostile_alt_text_on_an_outside_picture_stays_harmless(alt):
    html = body_with_dateline(f'<p><img src="https://evil.example/p.png" alt="{alt}"></p>', "")
    assert "<script" not in html
    assert "onmouseover" not in html
    assert "<img" not in html or 'src="https://evil.example' not in html
