from django.db import migrations

from newsroom.roles import ensure_permissions, sync_roles

# Frozen here: editors set the discussion rules; moderators also handle bans and reports and
# read the moderation log. Revealing emails and personal-data requests are granted per person
# (permissions comments.reveal_email and comments.manage_personal_data), not by role.
ROLES = {
    "Reporter": [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.view_section",
        "authors.view_author",
        "taggit.view_tag",
        "photos.add_photo",
        "photos.view_photo",
    ],
    "Editor": [
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.publish_article",
        "articles.add_section",
        "articles.change_section",
        "articles.view_section",
        "authors.add_author",
        "authors.change_author",
        "authors.view_author",
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.delete_tag",
        "taggit.view_tag",
        "photos.add_photo",
        "photos.change_photo",
        "photos.view_photo",
        "comments.view_discussionsettings",
        "comments.change_discussionsettings",
    ],
    "Moderator": [
        "comments.view_comment",
        "comments.change_comment",
        "comments.moderate_comment",
        "comments.view_ban",
        "comments.add_ban",
        "comments.change_ban",
        "comments.delete_ban",
        "comments.view_moderationlogentry",
        "comments.view_commentreport",
    ],
}


def update_roles(apps, schema_editor):
    ensure_permissions(apps)
    sync_roles(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_photo_roles"),
        ("comments", "0002_moderation_models"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
