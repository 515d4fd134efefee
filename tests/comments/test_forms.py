"""The comment form on its own: what it accepts, what it refuses, and what it says when it does."""

import pytest
from django.core.cache import cache
from django.test import Client

from comments.forms import CommentForm
from comments.templatetags import comments as tags
from tests.factories import make_article

from .helpers import valid_data

CONTROL_MESSAGE = (
    "This field contains invisible control characters. Please remove them and try again."
)
SCHEME_MESSAGE = "Please give a web address starting with http:// or https://."


def errors_for(**overrides):
    form = CommentForm(valid_data(**overrides))
    assert not form.is_valid()
    return form.errors


def test_a_complete_comment_is_valid_and_cleaned():
    form = CommentForm(valid_data(name="  Ana Ruiz  ", body="\n  Well said.  \n"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "body": "Well said.",
        "name": "Ana Ruiz",
        "email": "ana.ruiz@example.org",
        "url": "",
    }


def test_fields_are_comment_name_email_website_in_that_order():
    form = CommentForm()
    assert [(field.name, field.label) for field in form] == [
        ("body", "Comment"),
        ("name", "Name"),
        ("email", "Email"),
        ("url", "Website"),
    ]


def test_comment_name_and_email_are_required_and_website_is_optional():
    form = CommentForm()
    assert {name: field.required for name, field in form.fields.items()} == {
        "body": True,
        "name": True,
        "email": True,
        "url": False,
    }


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("body", "Please write a comment."),
        ("name", "Please give your name."),
        ("email", "Please give your email address. It will not be published."),
    ],
)
def test_a_missing_required_field_gets_its_own_message(field, message):
    assert errors_for(**{field: ""}) == {field: [message]}


@pytest.mark.parametrize("blank", [" ", "   \t  ", "\n\n", "\r\n \r\n"])
@pytest.mark.parametrize("field", ["body", "name"])
def test_whitespace_only_name_or_comment_counts_as_blank(field, blank):
    errors = errors_for(**{field: blank})
    assert list(errors) == [field]
    assert errors[field][0].startswith("Please ")


def test_comment_of_exactly_5000_characters_is_accepted():
    assert CommentForm(valid_data(body="x" * 5000)).is_valid()


def test_comment_over_5000_characters_is_refused_with_its_length():
    assert errors_for(body="x" * 5001) == {
        "body": ["Please keep your comment to 5000 characters or fewer (it has 5001)."]
    }


def test_comment_length_counts_characters_not_bytes():
    # 5,000 emoji are 20,000 bytes of UTF-8 but 5,000 characters.
    assert CommentForm(valid_data(body="🙂" * 5000)).is_valid()


def test_name_of_100_characters_is_accepted_and_101_is_refused():
    assert CommentForm(valid_data(name="n" * 100)).is_valid()
    assert errors_for(name="n" * 101) == {
        "name": ["Please keep your name to 100 characters or fewer (it has 101)."]
    }


@pytest.mark.parametrize(
    "email",
    [
        "not-an-email",
        "ana@",
        "@example.org",
        "ana ruiz@example.org",
        "ana@example.org\nBcc: victim@example.org",
        "ana@example.org\r\nBcc: victim@example.org",
        "ana@example.org,victim@example.org",
        "<ana@example.org>",
        "ana\x00@example.org",
        '"ana\x01"@example.org',
    ],
)
def test_invalid_email_addresses_are_refused_with_an_example_of_a_good_one(email):
    assert errors_for(email=email) == {
        "email": ["Please give a valid email address, like name@example.org."]
    }


def test_email_longer_than_254_characters_is_refused():
    email = "a" * 64 + "@" + "b" * 190 + ".org"
    assert "email" in errors_for(email=email)


@pytest.mark.parametrize(
    "url",
    ["https://ana.example.org", "http://ana.example.org/blog?p=1#top", "HTTPS://EXAMPLE.ORG"],
)
def test_http_and_https_websites_are_accepted(url):
    form = CommentForm(valid_data(url=url))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["url"] == url


def test_website_without_a_scheme_is_taken_to_be_https():
    form = CommentForm(valid_data(url="ana.example.org"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["url"] == "https://ana.example.org"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "ftp://files.example.org/",
        "file:///etc/passwd",
        "mailto:ana@example.org",
        "http://",
        "https://exa mple.org",
        "http://[::1",
    ],
)
def test_websites_that_are_not_http_or_https_are_refused_with_one_clear_message(url):
    assert errors_for(url=url) == {"url": [SCHEME_MESSAGE]}


@pytest.mark.parametrize("url", ["https://example.org/\nSet-Cookie: a=b", "https://exam\tple.org"])
def test_website_with_a_line_break_or_tab_inside_is_refused_with_one_message(url):
    assert errors_for(url=url) == {"url": [CONTROL_MESSAGE]}


def test_website_longer_than_200_characters_is_refused():
    url = "https://example.org/" + "a" * 200
    assert errors_for(url=url) == {"url": ["Please give a web address of at most 200 characters."]}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("body", "Hello\x00world"),
        ("name", "Ana\x00"),
        ("url", "https://example.org/\x00"),
    ],
)
def test_a_null_byte_in_any_field_is_refused_with_one_message(field, value):
    assert errors_for(**{field: value}) == {field: [CONTROL_MESSAGE]}


@pytest.mark.parametrize("char", ["\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85"])
def test_control_characters_in_the_comment_are_refused(char):
    assert errors_for(body=f"Hello{char}world") == {"body": [CONTROL_MESSAGE]}


def test_tabs_and_line_breaks_in_the_comment_are_kept():
    body = "First line\r\nsecond\tline\n\nNew paragraph"
    form = CommentForm(valid_data(body=body))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["body"] == body


@pytest.mark.parametrize("char", ["\n", "\r", "\t", "\x1b"])
def test_a_name_must_be_one_line_without_control_characters(char):
    assert errors_for(name=f"Ana{char}Ruiz") == {"name": [CONTROL_MESSAGE]}


@pytest.mark.parametrize(
    "text",
    [
        "Ана Руис",
        "安娜",
        "أنا رويز",
        "Ana 🙂🚀",
        "abc\u202edcba",  # right-to-left override: allowed, and escaped on display like anything
        "zero\u200bwidth",
    ],
)
def test_non_latin_text_emoji_and_bidi_characters_are_allowed(text):
    form = CommentForm(valid_data(name=text, body=text))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == text
    assert form.cleaned_data["body"] == text


def test_widgets_carry_limits_and_autocomplete_hints_for_browsers():
    form = CommentForm()
    assert form.fields["body"].widget.attrs["maxlength"] == "5000"
    assert form.fields["name"].widget.attrs["maxlength"] == "100"
    assert form.fields["name"].widget.attrs["autocomplete"] == "name"
    assert form.fields["email"].widget.input_type == "email"
    assert form.fields["url"].widget.input_type == "url"


@pytest.mark.django_db
def test_a_blank_forms_fields_are_rendered_once_per_language(client, settings, monkeypatch):
    tags.blank_form_fields.cache_clear()
    renders = []
    real_render = tags.render_to_string

    def counting(template_name, *args, **kwargs):
        if template_name == tags.FIELDS_TEMPLATE:
            renders.append(template_name)
        return real_render(template_name, *args, **kwargs)

    monkeypatch.setattr(tags, "render_to_string", counting)
    article = make_article()
    for _ in range(2):
        cache.clear()
        page = client.get(article.get_absolute_url()).content.decode()
        assert '<label for="id_name">Name <span class="required"' in page
        assert 'name="email"' in page and 'value="' not in page.split('name="email"')[1][:80]
    assert len(renders) == 1
    settings.LANGUAGE_CODE = "es"
    cache.clear()
    page = Client().get(article.get_absolute_url()).content.decode()
    assert '<label for="id_name">Nombre <span class="required"' in page
    assert len(renders) == 2
    # A form sent back with its errors shows the reader's words and the errors: rendered anew.
    response = client.post(
        f"/comments/post/{article.pk}/", {"body": "Kept words", "name": "", "email": "no"}
    )
    assert response.status_code == 400
    assert "Kept words" in response.content.decode()
    assert len(renders) == 3
