"""The article admin: its list, its views and its workflow.

The change form is in form.py, its autosave in autosaving.py.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.forms.widgets import Script
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, ngettext
from js_asset.media import Media
from reversion.admin import VersionAdmin
from reversion.models import Version

from security.admin import NonceMediaAdminMixin

from .. import autosave, previews, revisions
from ..models import Article, Byline, Correction, Section
from ..permissions import may_correct, may_edit_article, may_publish
from ..services import (
    article_publish,
    article_submit_for_review,
    article_unpublish,
)
from ..times import admin_datetime
from .autosaving import AutosaveAdminMixin
from .form import ACTION_FIELD, ACTION_LABELS, ArticleAdminForm, form_actions


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ArticlePartInline(admin.TabularInline):
    """An inline whose rows belong to the article: seeing it follows the article's own rights."""

    def _article_admin(self):
        return self.admin_site.get_model_admin(self.parent_model)

    def has_view_permission(self, request, obj=None):
        return self._article_admin().has_view_permission(request, obj)


class BylineFormSet(forms.BaseInlineFormSet):
    """New byline rows are numbered in order (0, 1, 2…), not all at the model's default 0.

    After an edit conflict the article form decides (ArticleAdminForm._merge()): "theirs" keeps
    the byline as stored, this inline neither checked nor saved; "mine" saves the rows posted as
    the whole new byline (ArticleAdmin.save_formset() removes the stored rows first).
    """

    def _merge(self):
        return getattr(self.instance, "bylines_merge", None)

    def full_clean(self):
        if self._merge() == "mine" and "forms" not in self.__dict__:
            # The rows posted are all new: the stored ones they were opened with may be gone.
            data = self.data.copy()
            data[f"{self.prefix}-INITIAL_FORMS"] = "0"
            for index in range(self.total_form_count()):
                data.pop(f"{self.prefix}-{index}-id", None)
            self.data = data
        if self._merge() == "theirs":
            self._errors, self._non_form_errors = [], self.error_class()
            return
        super().full_clean()

    def is_valid(self):
        return True if self._merge() == "theirs" else super().is_valid()

    def save(self, commit=True):
        if self._merge() == "theirs":
            self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
            return []
        return super().save(commit)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if i >= self.initial_form_count() and "position" not in (kwargs.get("initial") or {}):
            # Also the comparison value: a row left blank stays unchanged and is not saved.
            form.initial["position"] = i
        if self._merge() == "mine":
            # Checked against the rows posted, not the stored ones they replace.
            form.validate_unique = lambda: None
        return form


class BylineInline(ArticlePartInline):
    model = Byline
    formset = BylineFormSet
    extra = 1
    min_num = 1
    autocomplete_fields = ["author"]
    verbose_name = gettext_lazy("author")
    verbose_name_plural = gettext_lazy("byline (in order)")

    # A byline is part of its article: whoever may edit the article may edit its byline. Without
    # this the inline would ask for Byline permissions, which no role has, and vanish for editors.
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


class CorrectionInline(ArticlePartInline):
    """Corrections printed under the article: editors add them, everyone else reads them."""

    model = Correction
    extra = 0
    fields = ["text", "published_at"]
    verbose_name_plural = gettext_lazy("corrections (shown to readers at the end of the article)")
    formfield_overrides = {
        # Plain text for readers; a short box keeps the inline compact.
        Correction._meta.get_field("text").__class__: {"widget": forms.Textarea(attrs={"rows": 2})}
    }

    def has_add_permission(self, request, obj):
        return obj is not None and may_correct(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return obj is not None and may_correct(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class StateFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Article.State.choices

    def queryset(self, request, queryset):
        if self.value() in Article.State.values:
            return queryset.in_state(self.value())
        return queryset


class MyDraftsFilter(admin.SimpleListFilter):
    """The signed-in user's own work in progress: drafts and stories in review they created or
    are bylined on (the admin home's "My drafts" links here)."""

    title = gettext_lazy("mine")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("drafts", gettext_lazy("My drafts"))]

    def queryset(self, request, queryset):
        if self.value() != "drafts":
            return queryset
        Status = Article.Status
        bylined = Byline.objects.filter(author__user=request.user).values("article")
        return queryset.filter(status__in=[Status.DRAFT, Status.IN_REVIEW]).filter(
            Q(created_by=request.user) | Q(pk__in=bylined)
        )


class ArticleChangeList(ChangeList):
    """The article list: unless a column is chosen, the user's own drafts come first."""

    def get_ordering(self, request, queryset):
        ordering = super().get_ordering(request, queryset)
        if ORDER_VAR in self.params:
            return ordering
        return ["-own_draft", *ordering]


@admin.register(Article)
class ArticleAdmin(AutosaveAdminMixin, NonceMediaAdminMixin, VersionAdmin):
    form = ArticleAdminForm
    # VersionAdmin brings its own templates; ours extend them (see templates/admin/articles/).
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    history_latest_first = True
    inlines = [BylineInline, CorrectionInline]
    list_display = [
        "headline", "status_label", "section", "byline", "published_at", "updated_at",
        "comments",
    ]  # fmt: skip
    ordering = ["-updated_at", "-id"]  # last changed first; own drafts before (ArticleChangeList)
    list_filter = [MyDraftsFilter, StateFilter, "status", "section", "comment_policy"]
    actions = ["publish_now", "unpublish", "submit_for_review"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "slug", "bylines__author__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_photo"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "dateline", "lead_photo", "body"]}),
        (gettext_lazy("Filing"), {"fields": ["section", "tags"]}),
        (
            gettext_lazy("Publishing"),
            {
                "fields": [
                    "status",
                    "published_at",
                    ("comment_policy", "comments_close_after_hours"),
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        # The signed-in user's own drafts (created or bylined) come first in the list; the
        # annotation is one subquery in the list's single query, whatever the number of rows.
        user = request.user
        mine = Q(created_by_id=user.pk) | Exists(
            Byline.objects.filter(article=OuterRef("pk"), author__user_id=user.pk)
        )
        own_draft = Case(
            When(Q(status=Article.Status.DRAFT) & mine, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        queryset = super().get_queryset(request).annotate(own_draft=own_draft)
        return queryset.prefetch_related("bylines__author")

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def _render_with_actions(self, request, context, add, change, form_url, obj):
        # The buttons of submit_line.html: only those this user may press on this article.
        actions = form_actions(request.user, obj)
        if change and obj is not None and not self.has_change_permission(request, obj):
            actions = []
        context["article_actions"] = (
            [(name, ACTION_LABELS[name], name == actions[0]) for name in actions] if actions else []
        )
        context["action_field"] = ACTION_FIELD
        if "schedule" in actions:
            hint = gettext("Choose the date and time, then press “Schedule…” again.")
            script = Script("js/article-schedule.js", defer=True, **{"data-text-hint": hint})
            context["media"] = context["media"] + Media(js=[script])
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=gettext_lazy("comments"), ordering="comment_policy")
    def comments(self, article):
        """The article's comment policy, in a word or two."""
        Policy = Article.CommentPolicy
        if article.comment_policy == Policy.CLOSE_AFTER:
            hours = article.comments_close_after_hours
            if hours is None:
                return gettext("Open")
            return gettext("Close after %(hours)s h") % {"hours": hours}
        return {Policy.PREMODERATED: gettext("Pre-moderated")}.get(
            article.comment_policy, article.get_comment_policy_display()
        )

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
            name, options = fieldsets[0]
            hidden = ["loaded_updated_at", "loaded_fields"]
            fieldsets[0] = (name, {**options, "fields": [*options["fields"], *hidden]})
            fieldsets.append((gettext("Share preview link"), {"fields": ["share_preview_link"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.has_change_permission(request, obj):
            readonly.append("share_preview_link")
        return readonly

    @admin.display(description=gettext_lazy("link"))
    def share_preview_link(self, article):
        url = getattr(article, "share_preview_url", "")
        if not url:
            return "-"
        days = max(1, round(previews.max_age() / 86400))
        help_text = ngettext(
            "Anyone with this link can read the article as it stands, without logging in, "
            "for %(days)d day. Search engines are told not to index it.",
            "Anyone with this link can read the article as it stands, without logging in, "
            "for %(days)d days. Search engines are told not to index it.",
            days,
        ) % {"days": days}
        return format_html(
            '<input type="text" readonly value="{}" size="80" aria-label="{}" '
            'data-select-on-focus><div class="help">{}</div>',
            url,
            gettext("Preview link"),
            help_text,
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

    # History: VersionAdmin lists and restores versions; we add the comparison of two. Both go
    # only to those who may change the article as it stands now.

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="articles_article_compare",
        )
        return [compare, *self.autosave_urls(), *super().get_urls()]

    def _article_to_change(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(gettext("No such article."))
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def compare_view(self, request, object_id):
        article = self._article_to_change(request, object_id)
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        try:
            old = versions.get(pk=request.GET["from"])
            new = versions.get(pk=request.GET["to"])
        except (KeyError, ValueError, Version.DoesNotExist):
            raise Http404(gettext("Choose two versions of this article to compare.")) from None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": gettext("Compare versions of “%(article)s”") % {"article": article},
            "old": old,
            "new": new,
            "rows": revisions.compare(old, new),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        article = self.get_object(request, unquote(object_id))
        if article is None or not hasattr(response, "context_data"):
            return response
        may_compare = self.has_change_permission(request, article)
        ids = dict(Version.objects.get_for_object(article).values_list("revision_id", "pk"))
        earlier = sorted(ids.values())
        for action in response.context_data.get("action_list", []):
            version_id = ids.get(action["revision"].pk)
            position = earlier.index(version_id) if version_id in earlier else 0
            action["version_id"] = version_id
            action["previous_id"] = earlier[position - 1] if position > 0 else None
        response.context_data["may_compare"] = may_compare
        return response

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Restoring replaces the current article: a reporter cannot restore over an article
        # that is published now, nor over anyone else's. The form then applies its own rules
        # to the restored values (a reporter cannot save a published version either).
        self._article_to_change(request, object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    # Actions. Django offers an action only to users passing its has_<name>_permission check,
    # and refuses a hand-made POST naming any other; the services check again.

    def has_publish_permission(self, request):
        return may_publish(request.user)

    def has_submit_permission(self, request):
        return self.has_change_permission(request)

    @admin.action(description=gettext_lazy("Publish now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        done, refused = 0, []
        for article in queryset.exclude(pk__in=Article.objects.published().values("pk")):
            try:
                article_publish(article=article, by=request.user)
            except ValidationError as error:
                refused.append(
                    gettext("“%(article)s”: %(problem)s")
                    % {"article": article, "problem": " ".join(error.messages)}
                )
            else:
                done += 1
        self._report(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", done),
            done,
            refused,
        )

    @admin.action(description=gettext_lazy("Unpublish"), permissions=["publish"])
    def unpublish(self, request, queryset):
        done = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article_unpublish(article=article, by=request.user)
            done += 1
        self._report(
            request,
            ngettext("%(count)d article unpublished.", "%(count)d articles unpublished.", done),
            done,
            [],
        )

    @admin.action(description=gettext_lazy("Submit for review"), permissions=["submit"])
    def submit_for_review(self, request, queryset):
        done, refused = 0, []
        for article in queryset:
            try:
                article_submit_for_review(article=article, by=request.user)
            except PermissionDenied:
                refused.append(
                    gettext("“%(article)s” is not a draft you may edit.") % {"article": article}
                )
            else:
                done += 1
        self._report(
            request,
            ngettext(
                "%(count)d article submitted for review.",
                "%(count)d articles submitted for review.",
                done,
            ),
            done,
            refused,
        )

    def _report(self, request, message, done, refused):
        """message: the plural-correct sentence for `done` articles (ngettext)."""
        self.message_user(request, message % {"count": done}, messages.SUCCESS)
        for problem in refused:
            self.message_user(
                request,
                gettext("Not changed: %(problem)s") % {"problem": problem},
                messages.WARNING,
            )

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
        if formset.model is Byline and form.bylines_merge == "mine":
            form.instance.bylines.all().delete()
        super().save_formset(request, form, formset, change)
        if formset.model is Byline:
            # Positions as typed may repeat or skip (two rows at 0): store them as 0, 1, 2…
            bylines = list(form.instance.bylines.order_by("position", "id"))
            for position, byline in enumerate(bylines):
                byline.position = position
            Byline.objects.bulk_update(bylines, ["position"])

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        author = getattr(request.user, "author", None)
        adding = isinstance(inline, BylineInline) and obj.pk is None
        if adding and request.method == "GET" and author is not None:
            # The add form starts with the signed-in user's own byline.
            kwargs["initial"] = [{"author": author.pk, "position": 0}]
        return kwargs

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["error_summary"] = self._error_summary(context)
        self._add_autosave(request, context, obj)
        return self._render_with_actions(request, context, add, change, form_url, obj)

    @staticmethod
    def _error_summary(context):
        """Each error of the form and its inlines, with a link to its field (change_form.html)."""
        summary = []
        form = context["adminform"].form
        for name, errors in form.errors.items():
            if name == "__all__" or name not in form.fields:
                continue
            summary += [(f"#{form[name].id_for_label}", form[name].label, e) for e in errors]
        for inline in context.get("inline_admin_formsets", []):
            formset = inline.formset
            title = capfirst(inline.opts.verbose_name_plural)
            for error in formset.non_form_errors():
                summary.append((f"#{formset.prefix}-group", title, error))
            for row in formset.forms:
                for name, errors in row.errors.items():
                    if name in row.fields:
                        href, label = f"#{row[name].id_for_label}", f"{title}: {row[name].label}"
                    else:
                        href, label = f"#{formset.prefix}-group", title
                    summary += [(href, label, error) for error in errors]
        return summary

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        # Saved for real: the user's autosave of it (of a new article, if this was one) is done.
        autosave.autosave_discard(user=request.user, article=obj if change else None)
        if form.merged_fields:
            self.message_user(
                request,
                gettext(
                    "Someone else saved this article while you edited it; both changes are "
                    "kept. Their version of %(fields)s was kept, your changes to the rest."
                )
                % {"fields": ", ".join(str(label) for label in form.merged_fields)},
                messages.INFO,
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A reporter's own new article carries their byline if they forgot to add it.
        article = form.instance
        author = getattr(request.user, "author", None)
        if author and not article.bylines.exists():
            Byline.objects.create(article=article, author=author, position=0)

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, article):
        if article.is_scheduled:
            return gettext("Scheduled for %(when)s") % {
                "when": admin_datetime(article.published_at)
            }
        return article.State(article.state).label

    @admin.display(description=gettext_lazy("authors"))
    def byline(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all())

    # Autosave (static/js/autosave.js, articles/autosave.py): the form's values are kept per user
    # apart from the article, offered back when the form is next opened, and the text is kept
    # in the browser when the session has expired. Also the word count and spelling check.

    class Media:
        css = {"all": ["css/admin-autosave.css"]}
