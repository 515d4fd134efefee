"""Every word of ours in a template goes through the catalog: plain text added to one fails.

The scan reads each template as Django's lexer does. Text outside `{% translate %}` and
`{% blocktranslate %}` is stripped of its markup, comments, scripts and styles; what is left
must hold no words. Attributes a reader meets (alt, title, aria-label, placeholder, a meta
description's content) count as text too.
"""

import re
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Visible or read aloud: their values are text a reader meets.
READ_ATTRIBUTES = re.compile(
    r"""\b(?:alt|title|aria-label|placeholder|content)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I
)
# A button's value is its label.
BUTTON = re.compile(r"<input\b[^>]*\btype\s*=\s*[\"']?(?:submit|button|reset)\b[^>]*>", re.I)
BUTTON_VALUE = re.compile(r"""\bvalue\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
INVISIBLE = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
TAG = re.compile(r"<[^>]*>", re.S)
ENTITY = re.compile(r"&#?\w+;")
WORD = re.compile(r"[^\W\d_]{2,}")
# Not words of a language: names, formats and marks the same in every locale.
NOT_PROSE = {"RSS", "Atom", "JSON", "CSV", "PDF", "UTC", "ID"}
# Meta tags whose content is data, not prose (og:type "article", robots "noindex").
DATA_META = re.compile(
    r"""<meta\b[^>]*\b(?:property|name|http-equiv)\s*=\s*["'](?:og:type|og:locale|robots|"""
    r"""twitter:card|viewport|color-scheme|theme-color|referrer|format-detection)["'][^>]*>""",
    re.I,
)


def untranslated_text(source):
    """The words in `source` that no translate tag carries, in order."""
    text, depth = [], 0
    for token in Lexer(source).tokenize():
        if token.token_type is TokenType.BLOCK:
            name = token.contents.split()[0]
            if name in {"blocktranslate", "blocktrans", "comment", "verbatim"}:
                depth += 1
            elif name in {"endblocktranslate", "endblocktrans", "endcomment", "endverbatim"}:
                depth -= 1
            elif name == "plural":
                pass
            continue
        if token.token_type is TokenType.TEXT and depth == 0:
            text.append(token.contents)
        elif token.token_type is TokenType.VAR:
            text.append(" ")  # A variable stands between words: "{{ a }}b" is not "ab".
    markup = INVISIBLE.sub(" ", "".join(text))
    markup = DATA_META.sub(" ", markup)
    read = [value for pair in READ_ATTRIBUTES.findall(markup) for value in pair if value]
    for button in BUTTON.findall(markup):
        read += [value for pair in BUTTON_VALUE.findall(button) for value in pair if value]
    visible = ENTITY.sub(" ", TAG.sub(" ", markup))
    words = WORD.findall(" ".join([visible, *read]))
    return [word for word in words if word not in NOT_PROSE]


def templates():
    for path in sorted(TEMPLATES.rglob("*")):
        if path.suffix in {".html", ".txt"}:
            yield path


@pytest.mark.parametrize(
    "path", list(templates()), ids=lambda path: str(path.relative_to(TEMPLATES))
)
def test_no_template_holds_untranslated_text(path):
    assert untranslated_text(path.read_text()) == []


def test_the_scan_finds_plain_text_and_passes_marked_text():
    assert untranslated_text("<p>Leave a reply</p>") == ["Leave", "reply"]
    assert untranslated_text('<img alt="A bridge" src="x.jpg">') == ["bridge"]
    assert untranslated_text('<a title="Next page" href="?page=2">&rsaquo;</a>') == ["Next", "page"]
    assert untranslated_text("{% load i18n %}<p>{% translate 'Leave a reply' %}</p>") == []
    assert (
        untranslated_text(
            "{% blocktranslate count n=n %}One comment{% plural %}{{ n }} comments"
            "{% endblocktranslate %}"
        )
        == []
    )
    assert untranslated_text("<script>const label = 'Reply';</script>{# Reply #}") == []
    assert untranslated_text('<meta property="og:type" content="article">') == []
    assert untranslated_text("<p>{{ article.headline }} — {{ site_name }}</p>") == []
    assert untranslated_text('<input type="submit" value="Compare them">') == ["Compare", "them"]
    assert untranslated_text('<input type="hidden" name="action" value="ban_commenters">') == []
