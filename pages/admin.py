from django import forms
from django.contrib import admin
from django.urls import Resolver404, resolve
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.html import sanitize_html
from security.admin import NonceMediaAdminMixin

from .models import Page

PAGE_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}


class PageAdminForm(forms.ModelForm):
    body = ProseEditorFormField(
        config={"extensions": PAGE_EDITOR_EXTENSIONS},
        widget=AdminProseEditorWidget,
        required=False,
        label=capfirst(Page._meta.get_field("body").verbose_name),
        help_text=Page._meta.get_field("body").help_text,
    )

    class Meta:
        model = Page
        fields = ["title", "slug", "summary", "body", "in_footer", "footer_order"]

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        try:
            match = resolve(f"/{slug}/")
        except Resolver404:
            return slug
        if match.view_name != "pages:detail":
            raise forms.ValidationError(_("The site already uses this address; choose another."))
        return slug

    def clean_body(self):
        return sanitize_html(self.cleaned_data["body"])


@admin.register(Page)
class PageAdmin(NonceMediaAdminMixin, admin.ModelAdmin):
    form = PageAdminForm
    list_display = ["title", "slug", "in_footer", "footer_order", "updated_at"]
    list_editable = ["in_footer", "footer_order"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
