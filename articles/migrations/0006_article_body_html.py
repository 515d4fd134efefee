"""Article.body_html: the body rendered once, when saved, instead of on every view.

Existing articles are rendered here. The code of today's render_body() is used, not a copy: the
point is that stored bodies match what pages would render now. A later change to the rules in
articles/html.py can rerun render_bodies() from a migration of its own.
"""

from django.db import migrations, models

from articles.html import render_body

BATCH_SIZE = 500


def render_bodies(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    batch = []
    for article in Article.objects.only("pk", "body").order_by("pk").iterator(BATCH_SIZE):
        article.body_html = render_body(article.body)
        batch.append(article)
        if len(batch) == BATCH_SIZE:
            Article.objects.bulk_update(batch, ["body_html"])
            batch = []
    Article.objects.bulk_update(batch, ["body_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_article_search_vector"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="body_html",
            field=models.TextField(editable=False, null=True),
        ),
        # Going back, the column goes: nothing to undo.
        migrations.RunPython(render_bodies, migrations.RunPython.noop, elidable=True),
    ]
