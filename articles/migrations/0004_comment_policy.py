from django.db import migrations, models


def policy_from_comments_open(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(comments_open=False).update(comment_policy="closed")
    Article.objects.filter(comments_open=True).update(comment_policy="open")


def comments_open_from_policy(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(comment_policy="closed").update(comments_open=False)
    Article.objects.exclude(comment_policy="closed").update(comments_open=True)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_lead_photo"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="comment_policy",
            field=models.CharField(
                choices=[
                    ("open", "Open"),
                    ("premoderated", "Open, every comment held for moderation"),
                    ("closed", "Closed"),
                    ("close_after", "Open, closing after a number of hours"),
                ],
                default="open",
                help_text=(
                    "Whether readers may comment. Comments also close site-wide after the number "
                    "of days set in Discussion settings."
                ),
                max_length=16,
                verbose_name="comments",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="comments_close_after_hours",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="With “closing after a number of hours”: hours after publication.",
                null=True,
                verbose_name="close comments after (hours)",
            ),
        ),
        migrations.RunPython(policy_from_comments_open, comments_open_from_policy),
        migrations.RemoveField(model_name="article", name="comments_open"),
    ]
