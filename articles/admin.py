from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from . import previews
from .html import sanitize_html
from .models import Article, Byline, Correction, Section
from .permissions import may_correct, may_edit_article, may_publish
from .services import (
    PUBLISH_REFUSED,
    article_publish,
    article_submit_for_review,
    article_unpublish,
)


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


class CorrectionInline(admin.TabularInline):
    """Corrections printed under the article: editors add them, everyone else reads them."""

    model = Correction
    extra = 0
    fields = ["text", "published_at"]
    verbose_name_plural = "corrections (shown to readers at the end of the article)"
    formfield_overrides = {
        # Plain text for readers; a short box keeps the inline compact.
        Correction._meta.get_field("text").__class__: {"widget": forms.Textarea(attrs={"rows": 2})}
    }

    def _article_admin(self):
        return self.admin_site.get_model_admin(self.parent_model)

    def has_view_permission(self, request, obj=None):
        return self._article_admin().has_view_permission(request, obj)

    def has_add_permission(self, request, obj):
        return obj is not None and may_correct(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return obj is not None and may_correct(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Article.State.choices

    def queryset(self, request, queryset):
        if self.value() in Article.State.values:
            return queryset.in_state(self.value())
        return queryset


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
    inlines = [BylineInline, CorrectionInline]
    list_display = ["headline", "status_label", "section", "byline", "published_at", "updated_at"]
    list_filter = [StateFilter, "status", "section", "comments_open"]
    actions = ["publish_now", "unpublish", "submit_for_review"]
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

    def get_inlines(self, request, obj):
        # Corrections belong to an existing article; the add form has none to show.
        return self.inlines if obj is not None else [BylineInline]

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if article is not None:
            # Kept on the object, not the shared ModelAdmin: the read-only field needs the host.
            token = previews.preview_token(article)
            article.share_preview_url = request.build_absolute_uri(
                reverse("articles:preview-link", kwargs={"token": token})
            )
        return article

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and self.has_change_permission(request, obj):
            fieldsets.append(("Share preview link", {"fields": ["share_preview_link"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.has_change_permission(request, obj):
            readonly.append("share_preview_link")
        return readonly

    @admin.display(description="link")
    def share_preview_link(self, article):
        url = getattr(article, "share_preview_url", "")
        if not url:
            return "-"
        days = max(1, round(previews.max_age() / 86400))
        return format_html(
            '<input type="text" readonly value="{}" size="80" aria-label="Preview link" '
            'onfocus="this.select()"><div class="help">Anyone with this link can read the '
            "article as it stands, without logging in, for {} day{}. Search engines are told "
            "not to index it.</div>",
            url,
            days,
            "" if days == 1 else "s",
        )

    def changelist_view(self, request, extra_context=None):
        counts = self.get_queryset(request).state_counts()
        extra_context = {
            **(extra_context or {}),
            "state_counts": [
                (state, label, counts[state]) for state, label in Article.State.choices
            ],
        }
        return super().changelist_view(request, extra_context)

    # Actions. Django offers an action only to users passing its has_<name>_permission check,
    # and refuses a hand-made POST naming any other; the services check again.

    def has_publish_permission(self, request):
        return may_publish(request.user)

    def has_submit_permission(self, request):
        return self.has_change_permission(request)

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        done, refused = 0, []
        for article in queryset.exclude(pk__in=Article.objects.published().values("pk")):
            try:
                article_publish(article=article, by=request.user)
            except ValidationError as error:
                refused.append(f"“{article}”: {' '.join(error.messages)}")
            else:
                done += 1
        self._report(request, done, "published", refused)

    @admin.action(description="Unpublish", permissions=["publish"])
    def unpublish(self, request, queryset):
        done = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article_unpublish(article=article, by=request.user)
            done += 1
        self._report(request, done, "unpublished", [])

    @admin.action(description="Submit for review", permissions=["submit"])
    def submit_for_review(self, request, queryset):
        done, refused = 0, []
        for article in queryset:
            try:
                article_submit_for_review(article=article, by=request.user)
            except PermissionDenied:
                refused.append(f"“{article}” is not a draft you may edit.")
            else:
                done += 1
        self._report(request, done, "submitted for review", refused)

    def _report(self, request, done, verb, refused):
        noun = "article" if done == 1 else "articles"
        self.message_user(request, f"{done} {noun} {verb}.", messages.SUCCESS)
        for problem in refused:
            self.message_user(request, f"Not changed: {problem}", messages.WARNING)

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

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for correction in formset.save(commit=False):
                if correction.pk is None:
                    correction.created_by = request.user
                correction.save()
            for correction in formset.deleted_objects:
                correction.delete()
            return
        super().save_formset(request, form, formset, change)

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
        return article.State(article.state).label

    @admin.display(description="authors")
    def byline(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all())
