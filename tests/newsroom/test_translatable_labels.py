"""Every label the admin and the forms take from the Python side of these apps is translatable.

An unmarked verbose name, help text, choice label, column or fieldset title shows in English
whatever the site's language; these tests fail as soon as one is added.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.fields import GenericRelation
from django.utils.functional import Promise

# The apps whose Python-side labels are marked (wpimport is an operator's tool, in English).
APPS = [
    "articles",
    "comments",
    "photos",
    "pages",
    "authors",
    "desk",
    "security",
    "seo",
    "newsroom",
    "ops",
]
MODELS = [model for label in APPS for model in apps.get_app_config(label).get_models()]


def model_id(model):
    return model._meta.label


def own_fields(model):
    """The fields declared on the model (not the id Django adds, nor reverse relations)."""
    # A GenericRelation (Article.tagged_items) has no column and no form field: nobody sees it.
    return [
        field
        for field in model._meta.get_fields()
        if not field.auto_created and not isinstance(field, GenericRelation)
    ]


def test_the_apps_with_models_are_all_checked():
    assert {model._meta.label for model in MODELS} >= {
        "comments.Comment",
        "comments.Ban",
        "comments.DiscussionSettings",
        "comments.ModerationLogEntry",
        "comments.CommentReport",
        "photos.Photo",
        "photos.Rendition",
        "pages.Page",
        "authors.Author",
    }


# An app without models has no heading on the admin home: only those with models are named.
APPS_WITH_MODELS = sorted({model._meta.app_label for model in MODELS})


@pytest.mark.parametrize("label", APPS_WITH_MODELS)
def test_the_app_name_on_the_admin_home_is_translatable(label):
    assert isinstance(apps.get_app_config(label).verbose_name, Promise), label


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_model_names_are_translatable(model):
    assert isinstance(model._meta.verbose_name, Promise), model_id(model)
    assert isinstance(model._meta.verbose_name_plural, Promise), model_id(model)


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_every_field_has_a_translatable_verbose_name_and_help_text(model):
    fields = own_fields(model)
    assert fields
    for field in fields:
        where = f"{model_id(model)}.{field.name}"
        assert isinstance(field.verbose_name, Promise), where
        assert field.help_text == "" or isinstance(field.help_text, Promise), where


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_every_choice_label_is_translatable(model):
    for field in own_fields(model):
        for _value, label in field.flatchoices:
            assert isinstance(label, Promise), f"{model_id(model)}.{field.name}: {label!r}"


@pytest.mark.parametrize("model", MODELS, ids=model_id)
def test_constraint_messages_are_translatable(model):
    for constraint in model._meta.constraints:
        if constraint.violation_error_message is not None:
            message = constraint.violation_error_message
            # Django's own default is translatable already; ours must be too.
            assert isinstance(message, Promise), f"{model_id(model)}: {constraint.name}"


ADMINS = [
    model_admin
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label in APPS
]


def admin_id(model_admin):
    return type(model_admin).__name__


def test_the_admins_of_these_apps_are_all_checked():
    names = {model_admin.model._meta.label for model_admin in ADMINS}
    assert {"comments.Comment", "photos.Photo", "pages.Page", "authors.Author"} <= names


@pytest.mark.parametrize("model_admin", ADMINS, ids=admin_id)
def test_admin_columns_actions_filters_and_fieldsets_are_translatable(model_admin):
    where = admin_id(model_admin)
    for name in model_admin.list_display:
        column = name if callable(name) else getattr(model_admin, name, None)
        description = getattr(column, "short_description", None)
        if description is not None:
            assert isinstance(description, Promise), f"{where}: column {name}"
    for name, action in ((a, getattr(model_admin, a)) for a in model_admin.actions or ()):
        assert isinstance(action.short_description, Promise), f"{where}: action {name}"
    for name in model_admin.readonly_fields:
        column = getattr(model_admin, name, None)
        description = getattr(column, "short_description", None)
        if description is not None:
            assert isinstance(description, Promise), f"{where}: field {name}"
    for entry in model_admin.list_filter:
        title = getattr(entry, "title", None)
        if isinstance(entry, type) and title is not None:
            assert isinstance(title, Promise), f"{where}: filter {entry.__name__}"
    for title, _options in model_admin.fieldsets or ():
        assert title is None or isinstance(title, Promise), f"{where}: fieldset {title!r}"
