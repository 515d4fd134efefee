"""The four pages every outlet needs, with short starting text for editors to replace."""

from django.db import migrations

PAGES = [
    (
        "about",
        "About us",
        "Who we are and how we work.",
        "<p>We are an independent newsroom covering the river towns: their councils, schools, "
        "courts, businesses and people.</p><p>Our reporters live here. We are paid for by our "
        "readers and by local advertisers, who have no say in what we publish.</p>",
    ),
    (
        "contact",
        "Contact",
        "How to reach the newsroom with a tip, a question or a complaint.",
        "<p>Send news tips, questions and complaints to the newsroom. We read everything, "
        "and we protect our sources.</p><h2>Corrections</h2><p>If we got something wrong, "
        "tell us: see our corrections policy.</p>",
    ),
    (
        "corrections-policy",
        "Corrections policy",
        "How we correct our mistakes, and where you will find the corrections.",
        "<p>When we get a fact wrong, we fix the story and add a correction at its end saying "
        "what was wrong and when we fixed it. We never quietly change a published fact.</p>"
        "<p>Every correction is also listed on our corrections page, newest first.</p>",
    ),
    (
        "comment-policy",
        "Comment policy",
        "What we publish in comments, and what we do with your email address.",
        "<p>Comments are read by a moderator before they appear. We publish disagreement; we "
        "remove abuse, spam, personal attacks and anything unlawful.</p>"
        "<p>We ask for your email address so a moderator can reach you. It is never "
        "published, shown to other readers, or shared.</p>",
    ),
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for order, (slug, title, summary, body) in enumerate(PAGES):
        Page.objects.get_or_create(
            slug=slug,
            defaults={"title": title, "summary": summary, "body": body, "footer_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_page")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
