"""Which database each read and write goes to with a replica configured (ops/db_routers.py)."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from comments.models import Comment
from ops.db_routers import PIN_COOKIE, REPLICA, ReplicaReadsMiddleware
from tests.comments.helpers import post_url, valid_data
from tests.factories import make_article, make_comment, make_user
from tests.scale.probe import settings_probe

# A real replica sees only committed rows: these tests commit theirs.
on_replica = pytest.mark.django_db(transaction=True)


class Queries:
    """The queries sent to the primary and to the replica inside the block."""

    def __enter__(self):
        self.primary = CaptureQueriesContext(connections[DEFAULT_DB_ALIAS])
        self.replica = CaptureQueriesContext(connections[REPLICA])
        self.primary.__enter__()
        self.replica.__enter__()
        return self

    def __exit__(self, *exc_info):
        self.replica.__exit__(*exc_info)
        self.primary.__exit__(*exc_info)


def through_middleware(view):
    """Call view(request) the way a request would, behind ReplicaReadsMiddleware."""
    return ReplicaReadsMiddleware(view)


@on_replica
def test_an_anonymous_article_page_reads_only_from_the_replica(replica, client):
    article = make_article()
    make_comment(article=article)

    with Queries() as queries:
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert len(queries.replica) > 0
    assert len(queries.primary) == 0, [q["sql"] for q in queries.primary]
    assert PIN_COOKIE not in response.cookies


@on_replica
def test_the_front_page_and_feed_read_from_the_replica(replica, client):
    make_article()
    for url in (reverse("articles:front-page"), reverse("feeds:latest-rss")):
        with Queries() as queries:
            assert client.get(url).status_code == 200
        assert len(queries.replica) > 0
        assert len(queries.primary) == 0, (url, [q["sql"] for q in queries.primary])


@on_replica
def test_signed_in_staff_read_from_the_primary_in_the_admin_and_on_public_pages(replica, client):
    article = make_article()
    client.force_login(make_user(is_superuser=True))

    for url in (reverse("admin:articles_article_changelist"), article.get_absolute_url()):
        with Queries() as queries:
            assert client.get(url).status_code == 200
        assert len(queries.primary) > 0
        assert len(queries.replica) == 0, (url, [q["sql"] for q in queries.replica])


@on_replica
def test_a_post_reads_and_writes_on_the_primary_and_pins_the_browser_to_it(replica, client):
    article = make_article()

    with Queries() as queries:
        response = client.post(post_url(article), valid_data(), REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 302
    assert Comment.objects.filter(article=article).exists()
    assert len(queries.replica) == 0, [q["sql"] for q in queries.replica]
    assert any(q["sql"].startswith("INSERT") for q in queries.primary)
    pin = response.cookies[PIN_COOKIE]
    assert int(pin["max-age"]) > 0
    assert pin["httponly"]

    # The page the form redirects to, and what this browser reads next, come from the primary.
    with Queries() as queries:
        assert client.get(response["Location"]).status_code == 200
    assert len(queries.replica) == 0
    assert len(queries.primary) > 0

    # Another reader, without the cookie, still reads from the replica.
    client.cookies.clear()
    with Queries() as queries:
        client.get(article.get_absolute_url())
    assert len(queries.primary) == 0
    assert len(queries.replica) > 0


@on_replica
def test_a_request_that_writes_reads_from_the_primary_from_then_on(replica):
    article = make_article()

    def view(request):
        Article.objects.count()  # replica
        Article.objects.filter(pk=article.pk).update(headline="Changed")  # primary
        Article.objects.get(pk=article.pk)  # primary: it must see the change
        return HttpResponse()

    with Queries() as queries:
        through_middleware(view)(RequestFactory().get("/"))

    assert len(queries.replica) == 1
    assert "COUNT" in queries.replica[0]["sql"]
    assert [q["sql"].split()[0] for q in queries.primary] == ["UPDATE", "SELECT"]


@on_replica
def test_reads_inside_a_transaction_go_to_the_primary(replica):
    article = make_article()

    def view(request):
        with transaction.atomic():
            Article.objects.get(pk=article.pk)  # primary: the transaction must see its writes
        Article.objects.get(pk=article.pk)  # the transaction is over: replica again
        return HttpResponse()

    with Queries() as queries:
        through_middleware(view)(RequestFactory().get("/"))

    # (The primary also logs the transaction's own statements.)
    assert len([q for q in queries.primary if q["sql"].startswith("SELECT")]) == 1
    assert len(queries.replica) == 1


@on_replica
def test_a_locking_read_goes_to_the_primary_and_so_does_the_rest_of_the_request(replica):
    article = make_article()

    def view(request):
        with transaction.atomic():
            Article.objects.select_for_update().get(pk=article.pk)
        Article.objects.get(pk=article.pk)
        return HttpResponse()

    with Queries() as queries:
        through_middleware(view)(RequestFactory().get("/"))

    reads = [q["sql"] for q in queries.primary if q["sql"].startswith("SELECT")]
    assert len(reads) == 2
    assert "FOR UPDATE" in reads[0]
    assert len(queries.replica) == 0


@on_replica
def test_reads_outside_a_request_go_to_the_primary(replica):
    """Management commands, cron jobs and the shell never read from the replica."""
    make_article()
    with Queries() as queries:
        Article.objects.count()
    assert len(queries.primary) == 1
    assert len(queries.replica) == 0


@on_replica
def test_a_request_with_a_session_or_pin_cookie_or_a_post_may_not_read_the_replica(replica):
    seen = []

    def view(request):
        seen.append(router.db_for_read(Article))
        return HttpResponse()

    factory = RequestFactory()
    middleware = through_middleware(view)
    middleware(factory.get("/"))
    middleware(factory.get("/", HTTP_COOKIE="csrftoken=abc"))
    middleware(factory.get("/", HTTP_COOKIE="sessionid=abc"))
    middleware(factory.get("/", HTTP_COOKIE=f"{PIN_COOKIE}=1"))
    middleware(factory.post("/"))
    middleware(factory.head("/"))

    assert seen == [REPLICA, REPLICA, "default", "default", "default", REPLICA]


@on_replica
def test_only_unsafe_requests_set_the_pin_cookie(replica, settings):
    middleware = through_middleware(lambda request: HttpResponse())
    factory = RequestFactory()
    assert PIN_COOKIE not in middleware(factory.get("/")).cookies
    assert PIN_COOKIE in middleware(factory.post("/")).cookies
    assert PIN_COOKIE in middleware(factory.delete("/")).cookies

    settings.NEWSROOM_REPLICA_PIN_SECONDS = 0
    assert PIN_COOKIE not in middleware(factory.post("/")).cookies


@on_replica
def test_migrations_run_on_the_primary_only_and_relations_span_both(replica):
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "articles", model_name="article")
    assert not router.allow_migrate(REPLICA, "articles", model_name="article")
    article = make_article()
    from_replica = Article.objects.using(REPLICA).get(pk=article.pk)
    assert router.allow_relation(article, from_replica)


# Settings --------------------------------------------------------------------------------


def settings_in_a_subprocess(**environ):
    """The database settings newsroom.settings gives with this environment."""
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'databases': settings.DATABASES, "
        "'routers': settings.DATABASE_ROUTERS, 'middleware': settings.MIDDLEWARE}, default=str))"
    )
    return settings_probe(
        code, dropped=lambda key: key in ("DATABASE_REPLICA_URL", "DATABASE_URL"), **environ
    )


def test_database_replica_url_adds_the_replica_alias_router_and_middleware():
    result = settings_in_a_subprocess(
        DATABASE_URL="postgres://newsroom:secret@db.internal:5432/newsroom",
        DATABASE_REPLICA_URL="postgres://reader:secret@replica.internal:5433/newsroom",
        DJANGO_CONN_MAX_AGE="30",
    )

    replica = result["databases"]["replica"]
    default = result["databases"]["default"]
    assert replica["ENGINE"] == "django.db.backends.postgresql"
    assert (replica["HOST"], replica["PORT"], replica["USER"]) == (
        "replica.internal",
        5433,
        "reader",
    )
    # Same connection options as the primary; the tests' replica is the primary's test database.
    assert replica["CONN_MAX_AGE"] == default["CONN_MAX_AGE"] == 30
    assert replica["OPTIONS"] == default["OPTIONS"]
    assert replica["TEST"]["MIRROR"] == "default"
    assert result["routers"] == ["ops.db_routers.PrimaryReplicaRouter"]
    assert result["middleware"][0] == "ops.db_routers.ReplicaReadsMiddleware"


def test_without_database_replica_url_there_is_one_database_and_no_router():
    result = settings_in_a_subprocess(DATABASE_URL="postgres://newsroom@db.internal/newsroom")
    assert list(result["databases"]) == ["default"]
    assert result["routers"] == []
    assert "ops.db_routers.ReplicaReadsMiddleware" not in result["middleware"]
