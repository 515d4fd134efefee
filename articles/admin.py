from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone

from .html import sanitize_html
from .models import Article, Byline, Section
from .permissions import may_edit_article, may_publish


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    min_num = 1
    autocomplete_fields = ["author"]
    verbose_name = "author"
    verbose_name_plural = "byline (in order)"

    # A byline is part of its article: whoever may edit the article may edit its byline. Without
    # this the inline would ask for Byline permissions, which no role has, and vanish for editors.
    def _article_admin(self):
        return self.admin_site.get_model_admin(self.parent_model)

    def has_view_permission(self, request, obj=None):
        return self._article_admin().has_view_permission(request, obj)

    def has_add_permission(self, request, obj):
        if obj is None:
            return self._article_admin().has_add_permission(request)
        return self._article_admin().has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return self._article_admin().has_add_permission(request)
        return self._article_admin().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


PUBLISH_REFUSED = (
    "Only editors can publish, schedule or change a published article. "
    "Save it as a draft or submit it for review."
)


class ArticleAdminForm(forms.ModelForm):
    user = None  # set by ArticleAdmin.get_form(); without a user nothing may be published

    class Meta:
        model = Article
        fields = [
            "headline", "slug", "dek", "dateline", "body", "section", "tags",
            "status", "published_at", "comments_open",
        ]  # fmt: skip
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "cols": 100})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and not self.may_publish():
            # A hand-made POST with status=published gets this message, not "Select a valid choice".
            status.choices = [
                (value, label)
                for value, label in status.choices
                if value != Article.Status.PUBLISHED
            ]
            status.error_messages["invalid_choice"] = PUBLISH_REFUSED

    def may_publish(self):
        return self.user is not None and may_publish(self.user)

    def clean_body(self):
        return sanitize_html(self.cleaned_data["body"])

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        was_published = self.instance.pk and self.instance.status == Article.Status.PUBLISHED
        if (status == Article.Status.PUBLISHED or was_published) and not self.may_publish():
            raise ValidationError(PUBLISH_REFUSED, code="publish_permission")
        if status == Article.Status.PUBLISHED and not cleaned.get("published_at"):
            cleaned["published_at"] = timezone.now()
            self.instance.published_at = cleaned["published_at"]
        return cleaned


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline]
    list_display = ["headline", "status_label", "section", "byline", "published_at", "updated_at"]
    list_filter = ["status", "section", "comments_open"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "slug", "bylines__author__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "dateline", "body"]}),
        ("Filing", {"fields": ["section", "tags"]}),
        ("Publishing", {"fields": ["status", "published_at", "comments_open"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bylines__author")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class RequestForm(form):
            user = request.user

        return RequestForm

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or may_edit_article(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or may_edit_article(request.user, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A reporter's own new article carries their byline if they forgot to add it.
        article = form.instance
        author = getattr(request.user, "author", None)
        if author and not article.bylines.exists():
            Byline.objects.create(article=article, author=author, position=0)

    @admin.display(description="status", ordering="status")
    def status_label(self, article):
        if article.is_scheduled:
            local = timezone.localtime(article.published_at)
            return f"Scheduled for {local:%Y-%m-%d %H:%M}"
        return article.get_status_display()

    @admin.display(description="authors")
    def byline(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all())
