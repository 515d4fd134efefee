"""WordPress markup becomes our sanitised HTML; WordPress HTML in titles and comments, text."""

from wpimport.content import Converter, autop, plain_text, shortcode_attributes, uploads_path


def convert(text, **photos):
    by_id = {k.removeprefix("id"): v for k, v in photos.items()}
    return Converter(photo_for_id=by_id.get).body(text, post_id="1")


def test_blank_lines_make_paragraphs_and_single_breaks_make_br():
    assert convert("One\ntwo\n\nThree") == "<p>One<br>\ntwo</p>\n<p>Three</p>"


def test_autop_leaves_block_elements_and_pre_alone():
    html = autop("<h2>Title</h2>\nText\n<pre>a\n\nb</pre>")
    assert "<h2>Title</h2>" in html
    assert "<p>Text</p>" in html
    assert "<pre>a\n\nb</pre>" in html


def test_block_comments_are_removed_and_block_html_kept_without_autop():
    body = convert("<!-- wp:paragraph -->\n<p>Hello</p>\n<!-- /wp:paragraph -->\nNo autop here")
    assert "wp:" not in body
    assert "<p>Hello</p>" in body
    assert "<p>No autop" not in body


def test_caption_becomes_a_figure_with_figcaption_and_a_placed_photo():
    body = convert(
        '[caption id="attachment_7" width="300"]<a href="https://old.example/x.jpg">'
        '<img class="wp-image-7" src="https://old.example/x.jpg" alt="Boat" /></a>'
        " A boat on the river.[/caption]",
        id7=42,
    )
    assert body == (
        '<figure><img src="/photos/42/" alt="Boat" data-file="42">'
        "<figcaption>A boat on the river.</figcaption></figure>"
    )


def test_caption_attribute_is_used_and_unimported_images_stay_as_they_were():
    body = convert(
        '[caption caption="Said so"]<img src="https://old.example/y.jpg" alt="Y">[/caption]'
    )
    assert '<img src="https://old.example/y.jpg" alt="Y">' in body
    assert "<figcaption>Said so</figcaption>" in body


def test_gallery_places_each_imported_photo_and_drops_the_others():
    body = convert('[gallery ids="7,8,9"]', id7=1, id9=3)
    assert body.count("<figure>") == 2
    assert "/photos/1/" in body and "/photos/3/" in body


def test_gallery_without_ids_shows_the_photos_attached_to_the_post():
    converter = Converter(gallery_for=lambda post_id: [5, 6] if post_id == "1" else [])
    assert converter.body("[gallery]", post_id="1").count("<figure>") == 2


def test_embeds_and_bare_urls_on_their_own_line_become_plain_links_not_iframes():
    body = convert(
        "Watch:\n\nhttps://www.youtube.com/watch?v=x&amp;t=3\n\n"
        '[embed]https://vimeo.com/1[/embed]\n[audio mp3="https://old.example/a.mp3"]'
    )
    assert '<a href="https://www.youtube.com/watch?v=x&amp;t=3" rel="noopener">' in body
    assert '<a href="https://vimeo.com/1" rel="noopener">' in body
    assert '<a href="https://old.example/a.mp3" rel="noopener">' in body
    assert "iframe" not in body
    assert "&amp;amp;" not in body


def test_unknown_shortcodes_are_stripped_keeping_their_text_but_prose_brackets_stay():
    body = convert('Open [highlight color="red"]now[/highlight] [sic] [form id="3"] end.')
    assert body == "<p>Open now [sic]  end.</p>"


def test_escaped_shortcodes_are_shown_literally():
    assert convert("Type [[gallery]] to show one.") == "<p>Type [gallery] to show one.</p>"


def test_code_shortcodes_keep_their_text_escaped():
    body = convert('[code lang="html"]<b>x</b>[/code]')
    assert body == "<pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre>"


def test_scripts_styles_and_handlers_never_survive():
    body = convert(
        '<script>alert(1)</script><p onclick="x()" style="color:red">Hi</p><iframe src="https://evil.example"></iframe>'
    )
    assert body == "<p>Hi</p>"


def test_more_tag_is_removed():
    assert convert("Before\n<!--more-->\nAfter") == "<p>Before</p>\n<p>After</p>"


def test_shortcode_attributes_named_quoted_and_positional():
    assert shortcode_attributes(""" id="a" width=300 title='T' https://u.example/1""") == {
        "id": "a",
        "width": "300",
        "title": "T",
        0: "https://u.example/1",
    }


def test_plain_text_of_titles_and_comments():
    assert plain_text("Title <em>With</em> &amp; Markup") == "Title With & Markup"
    text = plain_text(
        'Hi<br/>there<p>See <a href="https://x.example/">this</a></p>', keep_lines=True
    )
    assert text == "Hi\nthere\n\nSee this (https://x.example/)"


def test_uploads_path_drops_the_host_the_uploads_prefix_and_the_size_suffix():
    assert uploads_path("https://a.example/wp-content/uploads/2015/01/Bar-640x480.jpg") == (
        "2015/01/bar.jpg"
    )
    assert uploads_path("https://a.files.wordpress.com/2008/06/x.jpg?w=604") == "2008/06/x.jpg"
