"""A corpus of hostile HTML: nothing executable or styled survives sanitize_html()."""

import re

import pytest

from articles.html import body_with_dateline, sanitize_html

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src=x onerror="alert(1)">',
    '<img src="javascript:alert(1)">',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="jav\tascript:alert(1)">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html,<script>alert(1)</script>">click</a>',
    '<a href="https://example.org" onclick="alert(1)">click</a>',
    '<p onmouseover="alert(1)">hover</p>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>',
    "<style>body{display:none}</style><p>text</p>",
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<form action="https://evil.example/"><input name="password"></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<video><source onerror="alert(1)"></video>',
    '<details open ontoggle="alert(1)">x</details>',
    '<body onload="alert(1)">',
    "<!--<script>alert(1)</script>-->",
    '<div><p title="x" onfocus="alert(1)" autofocus tabindex="1">focus</p></div>',
    '<img src=1 alt="x" """ onerror="alert(1)">',
    '<a href="https://example.org/" target="_blank">external</a>',
    '<table><tr><td background="javascript:alert(1)">cell</td></tr></table>',
    "<p>Plain <strong>bold</strong> and <em>italic</em> survive</p>",
]

DANGER = [
    re.compile(
        r"<\s*(script|style|iframe|object|embed|svg|math|form|input|button|meta|base|link"
        r"|video|source|details|body)\b",
        re.I,
    ),
    re.compile(r"\son\w+\s*=", re.I),
    re.compile(r"\sstyle\s*=", re.I),
    re.compile(r"(javascript|vbscript|data)\s*:", re.I),
    re.compile(r"\starget\s*=", re.I),
    re.compile(r"\sbackground\s*=", re.I),
]


def test_corpus_is_large_enough():
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize("snippet", HOSTILE)
def test_nothing_dangerous_survives_sanitising(snippet):
    clean = sanitize_html(snippet)
    for pattern in DANGER:
        assert not pattern.search(clean), f"{pattern.pattern!r} survived in {clean!r}"


@pytest.mark.parametrize("snippet", HOSTILE)
def test_nothing_dangerous_survives_rendering_with_a_dateline(snippet):
    rendered = str(body_with_dateline(snippet, 'MOSCOW <script>alert("d")</script>'))
    for pattern in DANGER:
        assert not pattern.search(rendered), f"{pattern.pattern!r} survived in {rendered!r}"


def test_sanitising_keeps_the_structure_editors_write():
    html = (
        "<h2>Sub</h2><p>Text with <strong>bold</strong>, <em>italic</em> and "
        '<a href="https://example.org/">a link</a>.</p><ul><li>one</li></ul>'
        "<blockquote><p>Quote</p></blockquote>"
    )
    clean = sanitize_html(html)
    for kept in [
        "<h2>Sub</h2>",
        "<strong>bold</strong>",
        "<em>italic</em>",
        "<ul><li>one</li></ul>",
    ]:
        assert kept in clean
    assert '<a href="https://example.org/" rel="noopener">a link</a>' in clean


def test_word_paste_keeps_structure_and_drops_styling():
    pasted = (
        '<p class="MsoNormal" style="margin:0in;font-family:Calibri"><span style="font-size:11pt">'
        "<b>Council</b> votes <i>tonight</i></span><o:p></o:p></p>"
        '<ul style="margin-top:0"><li class="MsoListParagraph" style="mso-list:l0">First</li></ul>'
    )
    clean = sanitize_html(pasted)
    assert "style=" not in clean and "class=" not in clean and "o:p" not in clean
    assert "<b>Council</b>" in clean and "<i>tonight</i>" in clean
    assert "<li>First</li>" in clean
