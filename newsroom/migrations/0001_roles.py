from django.db import migrations

from newsroom.roles import ensure_permissions, sync_roles

# Frozen here: a later change to a role comes with a migration of its own.
ROLES = {
    # Writes and edits their own articles; cannot publish (enforced in articles.permissions).
    "Reporter": [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.view_section",
        "authors.view_author",
        "taggit.view_tag",
    ],
    # All article work, including publishing, sections, authors and tags.
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
    ],
    # Comments only.
    "Moderator": [
        "comments.view_comment",
        "comments.change_comment",
        "comments.moderate_comment",
    ],
}




def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    sync_roles(apps, ROLES)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Reporter", "Editor", "Moderator"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0001_initial"),
        ("authors", "0001_initial"),
        ("comments", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
