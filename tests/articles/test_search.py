"""Search (/search/?q=): PostgreSQL full-text search, and a plain fallback elsewhere."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import search
from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db
postgres = pytest.mark.postgres


def search_page(client, query, **params):
    response = client.get(reverse("articles:search"), {"q": query, **params})
    assert response.status_code == 200
    return response


def found(response):
    return [article.headline for article in response.context["articles"]]


# What is found ------------------------------------------------------------------------------


def test_search_finds_published_articles_by_a_word_of_their_body(client):
    make_article(headline="Council meets", body="<p>The river rose overnight.</p>")
    make_article(headline="Bakery opens", body="<p>Fresh bread on Main Street.</p>")
    assert found(search_page(client, "river")) == ["Council meets"]


def test_search_never_shows_drafts_or_scheduled_articles(client):
    make_article(headline="Draft river story", body="river", status=Article.Status.DRAFT)
    make_article(
        headline="Scheduled river story",
        body="river",
        published_at=timezone.now() + timedelta(days=1),
    )
    make_article(headline="Published river story", body="river")
    assert found(search_page(client, "river")) == ["Published river story"]


@postgres
def test_search_matches_other_forms_of_a_word(client):
    make_article(headline="Floods", body="<p>The rivers flooded the valley.</p>")
    assert found(search_page(client, "flooding river")) == ["Floods"]


@postgres
def test_search_ranks_a_headline_match_above_a_standfirst_match_above_a_body_match(client):
    make_article(headline="Body", body="<p>A story about the ferry timetable.</p>")
    make_article(headline="Standfirst", dek="The ferry is late again.", body="<p>Late.</p>")
    make_article(headline="Ferry headline", body="<p>Nothing else.</p>")
    assert found(search_page(client, "ferry")) == ["Ferry headline", "Standfirst", "Body"]


@postgres
def test_search_does_not_match_words_inside_html_tags(client):
    make_article(headline="Tagged", body='<p class="strong"><a href="/x/">Plain words</a></p>')
    assert found(search_page(client, "strong")) == []
    assert found(search_page(client, "href")) == []
    assert found(search_page(client, "plain words")) == ["Tagged"]


@postgres
def test_search_vector_is_kept_current_when_an_article_is_edited(client):
    article = make_article(headline="Old headline", body="<p>Nothing.</p>")
    article.headline = "Lighthouse restored"
    article.save()
    assert found(search_page(client, "lighthouse")) == ["Lighthouse restored"]
    assert found(search_page(client, "old")) == []


@postgres
def test_search_vector_is_kept_current_by_bulk_writes_that_bypass_save(client):
    article = make_article(headline="Quiet day", body="<p>Nothing.</p>")
    Article.objects.filter(pk=article.pk).update(body="<p>The orchard harvest began.</p>")
    assert found(search_page(client, "orchard")) == ["Quiet day"]


@postgres
def test_search_understands_quotes_or_and_minus_as_a_search_box_does(client):
    make_article(headline="Red bridge", body="<p>the red bridge</p>")
    make_article(headline="Bridge red", body="<p>a bridge painted red</p>")
    assert found(search_page(client, '"red bridge"')) == ["Red bridge"]
    assert set(found(search_page(client, "red -painted"))) == {"Red bridge"}
    assert len(found(search_page(client, "painted or bridge"))) == 2


@postgres
def test_a_search_matching_very_many_stories_ranks_the_newest_and_says_so(client, monkeypatch):
    monkeypatch.setattr(search, "MAX_RANKED", 3)
    for hours in range(1, 6):
        make_article(
            headline=f"River {hours}h ago",
            body="<p>River news.</p>",
            published_at=timezone.now() - timedelta(hours=hours),
        )
    response = search_page(client, "river")
    assert sorted(found(response)) == ["River 1h ago", "River 2h ago", "River 3h ago"]
    assert "More than 3 stories match “river”" in response.content.decode()


def test_a_search_matching_a_few_stories_gives_their_number(client):
    make_article(headline="River one", body="<p>River news.</p>")
    make_article(headline="River two", body="<p>River news.</p>")
    assert "2 stories found for “river”." in search_page(client, "river").content.decode()


# Excerpts -------------------------------------------------------------------------------------


@postgres
def test_search_results_show_the_matching_passage_with_the_words_marked(client):
    make_article(headline="Council", body="<p>Officials said the <em>river</em> crested.</p>")
    html = search_page(client, "river").content.decode()
    assert "<mark>river</mark> crested" in html


@postgres
def test_search_excerpts_escape_the_article_text_around_the_marks(client):
    body = "<p>Jerry &amp; Tom said &lt;script&gt;alert(1)&lt;/script&gt; by the river.</p>"
    make_article(headline="Escapes", body=body)
    html = search_page(client, "river").content.decode()
    excerpt = html.split('class="search-result__excerpt">')[1].split("</p>")[0]
    assert excerpt == (
        "Jerry &amp; Tom said &lt;script&gt;alert(1)&lt;/script&gt; by the <mark>river</mark>"
    )


def test_highlight_escapes_everything_but_its_own_marks():
    excerpt = f"a &lt;b&gt; <i>x</i> {search.START}river{search.STOP} \x02"
    assert search.highlight(excerpt) == ("a &lt;b&gt; &lt;i&gt;x&lt;/i&gt; <mark>river</mark> ")


def test_highlight_drops_an_unmatched_marker():
    assert search.highlight(f"river{search.STOP} and {search.START}sea") == "river and sea"


# Odd queries: a friendly page, never an error ------------------------------------------------


def test_an_empty_search_invites_the_reader_to_type_something(client):
    make_article(headline="Anything")
    response = search_page(client, "")
    assert found(response) == []
    assert "Type a word or two" in response.content.decode()
    assert "Type a word or two" in search_page(client, "   ").content.decode()


def test_the_search_page_without_q_works(client):
    response = client.get(reverse("articles:search"))
    assert response.status_code == 200
    assert "Type a word or two" in response.content.decode()


def test_a_search_with_no_results_says_so(client):
    make_article(headline="Floods", body="<p>Rain.</p>")
    response = search_page(client, "zeppelin")
    assert found(response) == []
    assert "No stories found for “zeppelin”" in response.content.decode()


def test_a_search_of_only_punctuation_says_it_has_no_words(client):
    make_article(headline="Floods", body="<p>Rain!</p>")
    response = search_page(client, "?!... --- ;;")
    assert found(response) == []
    assert "has no words in it" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE articles_article; --",
        "a & | ! :*",
        "river & !",
        "(((",
        '"unbalanced quote',
        "river:*",
        "!!!river",
        "<->",
        "\\",
        "%_%",
        "null\x00byte",
        "\x07bell \x1b[31m",
        "🌊 deluge",
    ],
)
def test_odd_queries_get_a_page_not_an_error(client, query):
    make_article(headline="River", body="<p>River news.</p>")
    response = search_page(client, query)
    assert "DROP TABLE" not in found(response)
    assert Article.objects.filter(headline="River").exists()


def test_a_query_with_sql_in_it_is_only_searched_for(client):
    make_article(headline="Drop the table", body="<p>Furniture sale.</p>")
    response = search_page(client, "'; DROP TABLE articles_article; --")
    assert Article.objects.count() == 1
    assert "“&#x27;; DROP TABLE articles_article; --”" in response.content.decode()


def test_a_ten_kilobyte_query_is_cut_short_and_the_page_says_so(client):
    make_article(headline="River", body="<p>River news.</p>")
    response = search_page(client, "river " * 2000)
    terms = response.context["terms"]
    assert terms.was_truncated
    assert len(terms.text) <= search.MAX_QUERY_LENGTH
    assert found(response) == ["River"]
    assert "we searched for its first" in response.content.decode()


def test_clean_query_cuts_long_queries_at_a_word_boundary():
    terms = search.clean_query("abcdefghi " * 50)
    assert terms.was_truncated
    assert terms.text.endswith("abcdefghi")
    assert not search.clean_query("short query").was_truncated


def test_clean_query_folds_whitespace_and_drops_control_characters():
    assert search.clean_query("  river\x00\t\n  crossing\x1b ").text == "river crossing"


def test_a_page_number_past_the_end_is_not_found_rather_than_an_error(client):
    make_article(headline="River", body="<p>River news.</p>")
    response = client.get(reverse("articles:search"), {"q": "river", "page": "99"})
    assert response.status_code == 404
    response = client.get(reverse("articles:search"), {"q": "river", "page": "x"})
    assert response.status_code == 404


# The page ------------------------------------------------------------------------------------


def test_search_results_pages_ask_not_to_be_indexed(client):
    make_article(headline="River", body="<p>River news.</p>")
    response = search_page(client, "river")
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_search_pagination_keeps_the_query(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    for index in range(5):
        make_article(headline=f"River {index}", body="<p>River news.</p>")
    html = search_page(client, "river").content.decode()
    assert 'href="?q=river&amp;page=2"' in html
    assert "More results →" in html
    html = search_page(client, "river", page=3).content.decode()
    assert 'rel="prev" href="?q=river&amp;page=2"' in html
    assert "← Previous results" in html


def test_every_page_has_a_search_form_in_the_header_that_works_without_javascript(client):
    html = client.get(reverse("articles:front-page")).content.decode()
    masthead = html.split('<header class="masthead">')[1].split("</header>")[0]
    assert f'action="{reverse("articles:search")}" method="get"' in masthead
    assert 'name="q"' in masthead
    assert '<button type="submit">Search</button>' in masthead


def test_search_page_queries_do_not_grow_with_results(client, settings, record_property):
    settings.NEWSROOM_PAGE_SIZE = 50
    make_article(headline="River 0", body="<p>River news.</p>")
    client.get(reverse("articles:search"), {"q": "river"})  # warm per-process caches
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        assert len(found(search_page(client, "river"))) == 1
    for index in range(1, 30):
        make_article(headline=f"River {index}", body="<p>River news.</p>")
    cache.clear()
    with CaptureQueriesContext(connection) as thirty:
        assert len(found(search_page(client, "river"))) == 30
    record_property("queries:search page", f"{len(one)} vs {len(thirty)}")
    assert len(one) == len(thirty)


# The SQLite fallback --------------------------------------------------------------------------


def test_the_fallback_needs_every_word_somewhere_in_the_article(client):
    published = Article.objects.published()
    one = make_article(headline="River crossing", body="<p>Plans.</p>")
    make_article(headline="River only", body="<p>Nothing.</p>")
    terms = search.clean_query("river plans")
    assert list(search._search_fallback(published, terms)) == [one]
