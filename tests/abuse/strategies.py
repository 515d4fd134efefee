"""Hostile values for form fields and query parameters, as Hypothesis strategies."""

import time

from hypothesis import strategies as st

from comments.forms import form_token

# Payloads people actually send: markup, SQL, template and format strings, search operators,
# header injection, invisible and direction-changing characters, and the limits themselves.
PAYLOADS = [
    "<script>alert(1)</script>",
    "</textarea><script>alert(2)</script>",
    '"><img src=x onerror=alert(1)>',
    "<!-- -->",
    "'; DROP TABLE comments_comment; --",
    "' OR '1'='1",
    "1 UNION SELECT email FROM comments_comment --",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "%s %d %(name)s {0} %n",
    "${jndi:ldap://example.org/a}",
    "a & b | !c",
    "foo:* & (bar | !baz) <-> qux",
    "((((",
    "!!!",
    ":*",
    "'\"",
    "\\",
    '"unclosed',
    "-",
    "or",
    "\x00",
    "before\x00after",
    "\x1b[31m",
    "\x08\x7f\x85\x9f",
    "\r\n",
    "\t",
    "\u202e",
    "\u200b\u200d\ufeff",
    "\u2028\u2029",
    "e\u0301\u0301\u0301\u0301",
    "Z\u0337\u0322\u031b\u031ba\u0338l\u0335g\u0334o",
    "🎉👨‍👩‍👧🏳️‍🌈👏🏽",
    "\U0010ffff\uffff\ufffd",
    "مرحبا",
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "https://example.org/",
    "example.org/blog",
    "ana@example.org\nBcc: everyone@example.org",
    "../../etc/passwd",
    "%00%ff%fe",
    " ",
    "",
    "A" * 5000,
    "A" * 5001,
]

# Numbers as they arrive in a query or a form: text, with every way of being wrong.
NUMBER_EDGES = [
    "0",
    "-0",
    "-1",
    "1",
    "2",
    "1e9",
    "1E9",
    "0x10",
    "0o7",
    "0b1",
    "1.5",
    "1.0",
    "+1",
    " 1",
    "1 ",
    "1_000",
    "0001",
    "Infinity",
    "-inf",
    "NaN",
    "9" * 20,
    "9" * 400,
    "9" * 5000,
    str(2**63),
    str(2**63 - 1),
    str(-(2**63)),
    "٣",
    "१",
    "²",
    "½",
    "last",
    "first",
    "",
    "\x00",
    "1\x00",
]

hostile_text = st.one_of(
    # Any text at all (Hypothesis leaves out lone surrogates, which no request can carry).
    st.text(max_size=60),
    st.sampled_from(PAYLOADS),
    st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=8)), max_size=5).map("".join),
    # Invisible, formatting, combining and line-breaking characters, on their own.
    st.text(st.characters(categories=["Cc", "Cf", "Mn", "Zl", "Zp", "Zs"]), max_size=20),
    # Very long: around the 5,000-character limit and beyond.
    st.builds(lambda part, n: part * n, st.text(min_size=1, max_size=3), st.integers(900, 6000)),
)

numbers = st.one_of(
    st.sampled_from(NUMBER_EDGES),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats().map(str),
)

# Values that fit in a query string of a few kilobytes once percent-encoded.
short_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from([p for p in PAYLOADS if len(p) < 100]),
    st.text(st.characters(categories=["Cc", "Cf", "Mn", "Zl", "Zp", "Zs"]), max_size=20),
)
query_value = st.one_of(numbers.filter(lambda v: len(v) < 500), short_text)


def multi(values):
    """A field sent once, or repeated (a list), or sent with no value at all (an empty list)."""
    return st.one_of(values, values, st.lists(values, max_size=3))


# The comment form's hidden timestamp: a good one, or one a bot or a stale page would send.
def form_issued(kind):
    now = time.time()
    return {
        "good": form_token(now - 60),
        "fresh": form_token(now),
        "expired": form_token(now - 10 * 24 * 3600),
        "future": form_token(now + 3600),
        "forged": form_token(now - 60)[:-3] + "abc",
    }[kind]


issued_tokens = st.one_of(
    st.sampled_from(["good", "good", "fresh", "expired", "future", "forged"]).map(form_issued),
    hostile_text,
)

valid_bodies = st.one_of(
    st.sampled_from(["A fair point about the bridge.", "Merci ! 🎉", "Line one\nline two"]),
    st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=300).filter(
        str.strip
    ),
)
valid_names = st.sampled_from(["Ana Ruiz", "王芳", "O'Brien", "Zoë <3"])
valid_emails = st.from_regex(
    r"[a-z0-9]{1,12}(\.[a-z0-9]{1,8})?@[a-z]{2,12}\.(org|com|net)", fullmatch=True
)
valid_urls = st.sampled_from(["", "https://example.org/", "example.org/blog"])

# Stands for the approved comment's id; replaced in the test, which knows it.
APPROVED_COMMENT = "<approved comment id>"


def comment_form_data():
    """Any subset of the comment form's fields (and strangers), each valid, hostile or repeated."""
    fields = {
        "body": st.one_of(valid_bodies, hostile_text),
        "name": st.one_of(valid_names, hostile_text),
        "email": st.one_of(valid_emails, hostile_text),
        "url": st.one_of(valid_urls, hostile_text),
        "issued": issued_tokens,
        "homepage": st.one_of(st.just(""), hostile_text),
        "replytocom": st.one_of(st.just(""), st.just(APPROVED_COMMENT), numbers, hostile_text),
    }
    return st.tuples(
        st.fixed_dictionaries({}, optional={name: multi(s) for name, s in fields.items()}),
        # Strangers: names a browser could send (hostile names are a multipart matter, tested
        # in test_bad_requests.py).
        st.dictionaries(st.from_regex(r"[a-z_]{1,10}", fullmatch=True), short_text, max_size=3),
    ).map(lambda parts: {**parts[1], **parts[0]})
