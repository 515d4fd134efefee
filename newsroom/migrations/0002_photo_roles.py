from django.db import migrations

from newsroom.roles import ensure_permissions, sync_roles

# Frozen here: reporters and editors use the photo library (reporters add and view photos;
# editors also change them). Other permissions are as in 0001.
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
    ],
    "Moderator": [
        "comments.view_comment",
        "comments.change_comment",
        "comments.moderate_comment",
    ],
}


def update_roles(apps, schema_editor):
    ensure_permissions(apps)
    sync_roles(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_roles"),
        ("photos", "0001_initial"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
