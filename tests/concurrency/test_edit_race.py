"""Two editors saving one article at the same moment: one save wins whole, the other is told of
the conflict with its text kept; nothing is lost and nothing is half-merged."""

import threading
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from reversion.models import Version

from articles.admin import ArticleAdminForm
from articles.models import Article
from tests.factories import article_admin_data, make_article, make_user

from .web import Browser, hidden_value

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CONFLICT = "after you opened it. Your changes are not saved yet"


def session_cookies(user):
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value}


def edits(name):
    return {
        "headline": f"{name}'s headline",
        "dek": f"{name}'s standfirst",
        "body": f"<p>{name} rewrote the whole story.</p>",
    }


@pytest.fixture
def slow_saves(monkeypatch):
    """Hold each save for a moment once its conflict check is done, so the two overlap."""
    check = ArticleAdminForm._check_edit_conflict

    def check_then_wait(self, loaded):
        check(self, loaded)
        time.sleep(0.5)

    monkeypatch.setattr(ArticleAdminForm, "_check_edit_conflict", check_then_wait)


def test_two_editors_saving_at_once_one_wins_whole_and_the_other_keeps_their_text(
    server, slow_saves
):
    article = make_article(body="<p>Original.</p>", dek="Original standfirst")
    change = reverse("admin:articles_article_change", args=[article.pk])
    editors = {}
    for name in ("Alice", "Bruno"):
        browser = Browser(server, cookies=session_cookies(make_user(name.lower(), role="Editor")))
        status, _, page, _ = browser.get(change)
        assert status == 200
        form = article_admin_data(
            article=article,
            loaded_updated_at=hidden_value(page, "loaded_updated_at"),
            csrfmiddlewaretoken=hidden_value(page, "csrfmiddlewaretoken"),
            **edits(name),
        )
        editors[name] = (browser, form)

    both_ready = threading.Barrier(2)
    answers = {}

    def save(name):
        browser, form = editors[name]
        both_ready.wait()
        answers[name] = browser.post(change, form)

    threads = [threading.Thread(target=save, args=(name,)) for name in editors]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.monotonic() - started

    statuses = {name: answer[0] for name, answer in answers.items()}
    assert sorted(statuses.values()) == [200, 302], statuses
    winner = next(name for name, status in statuses.items() if status == 302)
    loser = next(name for name in statuses if name != winner)
    print(f"\ntwo simultaneous saves answered in {elapsed:.2f}s: {winner} saved, {loser} told")

    # The loser is told, and what they wrote is still in their form.
    page = answers[loser][2]
    assert CONFLICT in page
    assert f"(by {winner.lower()})" in page
    assert escape(edits(loser)["headline"]) in page
    assert escape(edits(loser)["dek"]) in page
    assert f"{loser} rewrote the whole story." in page

    # The article is the winner's, whole: no field of the loser's came through.
    article.refresh_from_db()
    assert (article.headline, article.dek, article.body) == tuple(edits(winner).values())
    assert Version.objects.get_for_object(article).count() == 1

    # Sending the kept form again is a deliberate overwrite, and it goes through whole.
    browser, form = editors[loser]
    form["loaded_updated_at"] = hidden_value(page, "loaded_updated_at")
    status, *_ = browser.post(change, form)
    assert status == 302
    article.refresh_from_db()
    assert (article.headline, article.dek, article.body) == tuple(edits(loser).values())
    assert Version.objects.get_for_object(article).count() == 2
    assert Article.objects.filter(pk=article.pk).count() == 1
