"""Full-text search: Article.search_vector, kept current by a trigger, with a GIN index.

A trigger rather than code in save(): every path that writes an article (admin, services,
bulk imports, the shell, raw SQL) keeps the vector current. Headline weighs A, standfirst B and
the body C, the body read as plain text (tags removed). The configuration, "english", is the one
articles/search.py queries with.

PostgreSQL only: on SQLite (make run) the column exists but stays empty, and search falls back
to a plain match (articles/search.py).
"""

import django.contrib.postgres.search
from django.db import migrations

# One statement per string: a driver runs one statement per execute().
CREATE = (
    """
CREATE FUNCTION articles_article_search_vector(headline text, dek text, body text)
RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
    SELECT setweight(to_tsvector('pg_catalog.english', coalesce(headline, '')), 'A')
        || setweight(to_tsvector('pg_catalog.english', coalesce(dek, '')), 'B')
        || setweight(
            to_tsvector(
                'pg_catalog.english',
                regexp_replace(coalesce(body, ''), '<[^>]+>', ' ', 'g')
            ),
            'C'
        )
$$
""",
    """
CREATE FUNCTION articles_article_search_vector_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := articles_article_search_vector(NEW.headline, NEW.dek, NEW.body);
    RETURN NEW;
END
$$
""",
    """
CREATE TRIGGER articles_article_search_vector_update
BEFORE INSERT OR UPDATE OF headline, dek, body, search_vector ON articles_article
FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector_update()
""",
    # Existing articles, once.
    "UPDATE articles_article SET search_vector = "
    "articles_article_search_vector(headline, dek, body)",
    "CREATE INDEX articles_article_search_vector_gin ON articles_article USING gin (search_vector)",
)

DROP = (
    "DROP INDEX IF EXISTS articles_article_search_vector_gin",
    "DROP TRIGGER IF EXISTS articles_article_search_vector_update ON articles_article",
    "DROP FUNCTION IF EXISTS articles_article_search_vector_update()",
    "DROP FUNCTION IF EXISTS articles_article_search_vector(text, text, text)",
)


def create_trigger_and_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_trigger_and_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_comment_policy"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_trigger_and_index, drop_trigger_and_index),
    ]
