"""Full-text search over published articles: PostgreSQL's, or a plain fallback on SQLite.

The stored vector (Article.search_vector) is kept current by a trigger that migration 0005
creates, so every path that saves an article (admin, services, imports, the shell) keeps it
current. Its weights: headline A, standfirst B, body C, the body as plain text.
"""

import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, models
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import mark_safe

# The text search configuration of the trigger's vector (migration 0005); queries must match it.
CONFIG = "english"
# Longer queries are cut: nobody types more, and a long query costs the database for nothing.
MAX_QUERY_LENGTH = 200
# At most this many matches, the newest, are ranked and shown (see _search_postgresql).
MAX_RANKED = 1000
# ts_headline marks matches with these; real text never holds them (see clean_query too).
START, STOP = "\x02", "\x03"
FALLBACK_MAX_WORDS = 8

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w")
_SPACES = re.compile(r"\s+")
_MATCH = re.compile(f"{START}(.*?){STOP}", re.DOTALL)


@dataclass(frozen=True)
class SearchTerms:
    """What the reader asked for, made safe to search with."""

    text: str
    was_truncated: bool = False

    @property
    def is_empty(self):
        return not self.text

    @property
    def has_words(self):
        """Whether there is anything to search for: only punctuation finds nothing."""
        return bool(_WORD.search(self.text))


def clean_query(raw):
    """Turn the q parameter into SearchTerms: control characters out, spaces folded, cut short."""
    text = " ".join(_CONTROL_CHARACTERS.sub(" ", raw or "").split())
    if len(text) <= MAX_QUERY_LENGTH:
        return SearchTerms(text)
    cut = text[:MAX_QUERY_LENGTH]
    # Cut at the last space when there is one, so no half word is searched for.
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return SearchTerms(cut, was_truncated=True)


def search_articles(articles, terms):
    """Filter the articles queryset to those matching terms, best match first.

    On PostgreSQL each article gets `search_rank` and `search_excerpt` (the body's matching
    passages, with START/STOP around each match; see highlight()). Elsewhere a plain
    case-insensitive match on every word, newest first, and no excerpt.
    """
    if not terms.has_words:
        return articles.none()
    if connection.vendor == "postgresql":
        return _search_postgresql(articles, terms)
    return _search_fallback(articles, terms)


def _search_postgresql(articles, terms):
    # websearch_to_tsquery reads quotes, "or" and "-" as a search box user means them, and
    # never fails to parse: operators such as & | ! :* are plain punctuation to it.
    query = SearchQuery(terms.text, search_type="websearch", config=CONFIG)
    # Ranking reads every match's vector: a word in every story would cost a read of the whole
    # table per search. Rank the newest matches only, which for news is what readers want.
    newest = (articles.filter(search_vector=query).order_by("-published_at", "-id").values("pk"))[
        :MAX_RANKED
    ]
    return (
        articles.filter(pk__in=newest)
        .annotate(
            search_rank=SearchRank(models.F("search_vector"), query),
            search_excerpt=SearchHeadline(
                Coalesce(plain_text(models.F("body")), models.Value("")),
                query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-search_rank", "-published_at", "-id")
    )


def is_capped(count):
    """Whether count matches means there were more than were ranked (PostgreSQL only)."""
    return connection.vendor == "postgresql" and count >= MAX_RANKED


def plain_text(expression):
    """The HTML in expression as plain text, in SQL (PostgreSQL), as the trigger reads it."""
    return models.Func(
        expression,
        # Tags out, and the highlight markers too should the text hold any.
        models.Value(f"<[^>]+>|[{START}{STOP}]"),
        models.Value(" "),
        models.Value("g"),
        function="regexp_replace",
        output_field=models.TextField(),
    )


def _search_fallback(articles, terms):
    condition = models.Q()
    for word in terms.text.split()[:FALLBACK_MAX_WORDS]:
        condition &= (
            models.Q(headline__icontains=word)
            | models.Q(dek__icontains=word)
            | models.Q(body__icontains=word)
        )
    return articles.filter(condition).order_by("-published_at", "-id")


def highlight(excerpt):
    """The excerpt as safe HTML: all of its text escaped, and each match wrapped in <mark>."""
    if not excerpt:
        return ""
    parts, position = [], 0
    for match in _MATCH.finditer(excerpt):
        parts.append(_escaped_text(excerpt[position : match.start()]))
        parts.append(f"<mark>{_escaped_text(match[1])}</mark>")
        position = match.end()
    parts.append(_escaped_text(excerpt[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def _escaped_text(text):
    # Text from stored HTML: entities such as &amp; decoded, control characters (stray markers
    # among them) dropped, then all of it escaped, so only our own <mark> tags reach the page.
    # The spaces that replaced tags are folded too.
    text = _CONTROL_CHARACTERS.sub("", html.unescape(text))
    return escape(_SPACES.sub(" ", text))


def add_highlights(articles):
    """Give each article on a results page `search_highlight`, safe HTML or ""."""
    for article in articles:
        article.search_highlight = highlight(getattr(article, "search_excerpt", ""))
