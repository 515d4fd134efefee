"""Every saved version of an article is kept, can be compared with another, and restored."""

from html.parser import HTMLParser

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles.html import render_body
from articles.models import Article
from articles.revisions import body_paragraphs, diff_paragraphs, diff_words
from articles.services import article_publish, article_unpublish
from tests.factories import (
    article_admin_data,
    make_article,
    make_author,
    make_correction,
    make_user,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def compare_url(article, old, new):
    url = reverse("admin:articles_article_compare", args=[article.pk])
    return f"{url}?from={old.pk}&to={new.pk}"


def revision_url(article, version):
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


def versions_of(article):
    """The article's versions, oldest first."""
    return list(Version.objects.get_for_object(article).order_by("pk"))


def fresh(article):
    return Article.objects.get(pk=article.pk)


def save_in_admin(client, article, **fields):
    """Open the change form and save it with some fields changed, as an editor would."""
    response = client.post(
        change_url(article), article_admin_data(article=fresh(article), **fields)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    return fresh(article)


class _FormReader(HTMLParser):
    """What a browser would submit from the page's main form (inputs, textareas, selects)."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def submitted_form(response):
    reader = _FormReader()
    reader.feed(response.content.decode())
    reader.data.pop("csrfmiddlewaretoken", None)
    return reader.data


@pytest.fixture
def editor(client):
    user = make_user("editor", role="Editor")
    client.force_login(user)
    return user


@pytest.fixture
def two_versions(client, editor):
    """An article saved twice in the admin: byline, tags and body all changed the second time."""
    ana, tom = make_author(name="Ana Ruiz"), make_author(name="Tom Berg")
    data = article_admin_data(
        headline="River rises",
        slug="river-rises",
        authors=[ana],
        tags="Floods",
        body="<p>The river rose overnight.</p><p>Roads are closed.</p>",
    )
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get(slug="river-rises")
    article = save_in_admin(
        client,
        article,
        authors=[tom],
        tags="Bridges",
        body="<p>The river rose sharply overnight.</p><p>Roads are closed.</p><p>More soon.</p>",
    )
    return article, ana, tom


# Saving makes a version


def test_saving_in_the_admin_keeps_a_version_with_who_saved_it(client, editor, two_versions):
    article, _, _ = two_versions
    first, second = versions_of(article)
    assert first.revision.user == editor
    assert second.revision.user == editor
    assert first.revision.get_comment().startswith("Added.")
    assert "Changed" in second.revision.get_comment()
    assert "The river rose overnight." in first.field_dict["body"]
    assert "sharply" in second.field_dict["body"]


def test_a_version_holds_the_bylines_and_tag_links_of_that_moment(client, editor, two_versions):
    article, _, _ = two_versions
    first = versions_of(article)[0]
    models = {version.content_type.model for version in first.revision.version_set.all()}
    assert {"article", "byline", "taggeditem"} <= models


def test_publishing_and_unpublishing_are_kept_as_versions_by_the_editor(editor):
    draft = make_article(status=Article.Status.DRAFT)
    article_publish(article=draft, by=editor)
    article_unpublish(article=draft, by=editor)
    versions = versions_of(draft)
    assert [v.revision.get_comment() for v in versions] == ["Published", "Unpublished"]
    assert [v.field_dict["status"] for v in versions] == ["published", "draft"]
    assert all(v.revision.user == editor for v in versions)


# History and comparison


def test_history_page_lists_each_version_with_who_saved_it_and_compare_links(
    client, editor, two_versions
):
    article, *_ = two_versions
    first, second = versions_of(article)
    response = client.get(history_url(article))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("editor") >= 2
    assert revision_url(article, first) in content
    assert revision_url(article, second) in content
    assert compare_url(article, first, second).replace("&", "&amp;") in content


def test_compare_marks_what_changed_in_body_byline_and_tags(client, editor, two_versions):
    article, *_ = two_versions
    first, second = versions_of(article)
    response = client.get(compare_url(article, first, second))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<ins>sharply</ins>" in content
    assert "<ins>More soon.</ins>" in content
    assert "<del>Ana Ruiz</del>" in content and "<ins>Tom Berg</ins>" in content
    assert "<del>Floods</del>" in content and "<ins>Bridges</ins>" in content
    rows = {row["name"]: row for row in response.context["rows"]}
    assert not rows["headline"]["changed"]
    assert rows["body"]["changed"]


def test_compare_shows_markup_from_an_old_version_as_text(client, editor):
    article = make_article(
        headline="<script>alert(1)</script> Old", slug="old", status=Article.Status.DRAFT
    )
    article = save_in_admin(client, article)
    article = save_in_admin(client, article, headline="New", body="<p>Use &lt;b&gt; for bold</p>")
    first, second = versions_of(article)
    response = client.get(compare_url(article, first, second))
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<b>" not in content
    assert "&lt;b&gt; for bold" in content


def test_compare_with_unknown_versions_is_a_404_not_a_500(client, editor, two_versions):
    article, *_ = two_versions
    other = save_in_admin(client, make_article())
    url = reverse("admin:articles_article_compare", args=[article.pk])
    first = versions_of(article)[0]
    foreign = versions_of(other)[0]
    assert client.get(url).status_code == 404
    assert client.get(url, {"from": "x", "to": first.pk}).status_code == 404
    assert client.get(url, {"from": foreign.pk, "to": first.pk}).status_code == 404


def test_body_is_compared_as_plain_text_paragraphs():
    assert body_paragraphs(
        "<p>One <em>two</em></p><h2>Three</h2><ul><li>Four &amp; five</li></ul>"
    ) == [
        "One two",
        "Three",
        "Four & five",
    ]
    old, new = diff_paragraphs(["Same.", "Old words here."], ["Same.", "New words here."])
    assert old == ["Same.", "<del>Old</del> words here."]
    assert new == ["Same.", "<ins>New</ins> words here."]
    assert diff_words("<i>", "<b>") == ("<del>&lt;i&gt;</del>", "<ins>&lt;b&gt;</ins>")


# Restoring


def test_restoring_an_older_version_brings_back_its_body_bylines_and_tags(
    client, editor, two_versions
):
    article, ana, tom = two_versions
    first = versions_of(article)[0]

    page = client.get(revision_url(article, first))
    assert page.status_code == 200
    assert fresh(article).byline_authors == [tom]  # only shown, not yet restored
    response = client.post(revision_url(article, first), submitted_form(page))

    assert response.status_code == 302
    restored = fresh(article)
    assert body_paragraphs(restored.body) == ["The river rose overnight.", "Roads are closed."]
    assert restored.byline_authors == [ana]
    assert [tag.name for tag in restored.tags.all()] == ["Floods"]
    latest = versions_of(article)[-1]
    assert latest.revision.user == editor
    assert latest.revision.get_comment().startswith("Reverted to previous version")


def test_restoring_a_version_renders_its_body_for_readers_again(client, editor, two_versions):
    article, _, _ = two_versions
    first = versions_of(article)[0]
    assert "body_html" not in first.field_dict  # made from the body, not kept in versions
    page = client.get(revision_url(article, first))
    assert client.post(revision_url(article, first), submitted_form(page)).status_code == 302
    restored = fresh(article)
    assert "sharply" not in restored.body_html
    assert restored.body_html == render_body(restored.body)


def test_a_reporter_cannot_see_compare_or_restore_someone_elses_article(client, two_versions):
    article, *_ = two_versions
    first, second = versions_of(article)
    reporter = make_user(role="Reporter")
    client.force_login(reporter)
    assert client.get(compare_url(article, first, second)).status_code == 403
    assert client.get(revision_url(article, first)).status_code == 403
    data = article_admin_data(article=fresh(article))
    assert client.post(revision_url(article, first), data).status_code == 403
    assert fresh(article).byline_authors == [two_versions[2]]


def test_a_reporter_can_compare_and_restore_their_own_draft(client):
    reporter = make_user(role="Reporter")
    client.force_login(reporter)
    data = article_admin_data(slug="own-draft", authors=[make_author()], body="<p>First.</p>")
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get(slug="own-draft")
    article = save_in_admin(client, article, body="<p>Second.</p>")
    first, second = versions_of(article)
    assert client.get(compare_url(article, first, second)).status_code == 200
    page = client.get(revision_url(article, first))
    assert client.post(revision_url(article, first), submitted_form(page)).status_code == 302
    assert fresh(article).body == "<p>First.</p>"


def test_a_reporter_cannot_restore_their_draft_once_an_editor_has_published_it(client):
    reporter, editor = make_user(role="Reporter"), make_user(role="Editor")
    client.force_login(reporter)
    data = article_admin_data(slug="scoop", authors=[make_author()], body="<p>Draft.</p>")
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get(slug="scoop")
    article_publish(article=article, by=editor)
    draft_version = versions_of(article)[0]

    page = client.get(revision_url(article, draft_version))
    response = client.post(revision_url(article, draft_version), data)

    assert page.status_code == 403
    assert response.status_code == 403
    assert fresh(article).is_published


def test_a_reporter_cannot_restore_a_published_version_of_their_unpublished_draft(client):
    reporter, editor = make_user(role="Reporter"), make_user(role="Editor")
    client.force_login(reporter)
    data = article_admin_data(slug="recalled", authors=[make_author()])
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get(slug="recalled")
    article_publish(article=article, by=editor)
    article_unpublish(article=article, by=editor)
    published_version = versions_of(article)[1]
    assert published_version.field_dict["status"] == "published"

    form = article_admin_data(article=fresh(article), status=Article.Status.PUBLISHED)
    response = client.post(revision_url(article, published_version), form)

    assert response.status_code in (200, 403)
    assert fresh(article).status == Article.Status.DRAFT
    assert versions_of(article)[-1].revision.get_comment() == "Unpublished"


def test_restoring_an_old_version_keeps_corrections_published_since(client):
    editor = make_user("chief-restorer", role="Editor")
    article = make_article(body="<p>First version.</p>")
    with reversion.create_revision():
        reversion.set_user(editor)
        article.save()
    first = Version.objects.get_for_object(article).first()
    article.body = "<p>Second version.</p>"
    article.save()
    correction = make_correction(article=article, text="An earlier version misspelt a name.")
    first.revision.revert(delete=True)
    article.refresh_from_db()
    assert article.body == "<p>First version.</p>"
    assert article.corrections.filter(pk=correction.pk).exists()
