"""{% desk %}: the widgets above the admin home's list of apps, each for the roles it concerns.

Each widget costs one query whatever the numbers: its first few rows, each carrying how many
there are in all (a window count, computed before the LIMIT).
"""

from django import template
from django.db.models import Count, Q, Window
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Byline
from articles.permissions import may_publish
from comments.models import Comment

register = template.Library()

SHOWN = 5


def _changelist(name, **query):
    url = reverse(f"admin:{name}_changelist")
    return f"{url}?{urlencode(query)}" if query else url


def _widget(key, title, queryset, link, empty):
    items = list(queryset.annotate(total=Window(Count("pk")))[:SHOWN])
    return {
        "key": key,
        "title": title,
        "items": items,
        "count": items[0].total if items else 0,
        "link": link,
        "empty": empty,
    }


def my_drafts(user):
    Status = Article.Status
    bylined = Byline.objects.filter(author__user=user).values("article")
    articles = (
        Article.objects.filter(status__in=[Status.DRAFT, Status.IN_REVIEW])
        .filter(Q(created_by=user) | Q(pk__in=bylined))
        .only("pk", "headline", "status", "updated_at")
        .order_by("-updated_at", "-id")
    )
    # The list's "mine" filter is the same rule: created by this user or bylined on.
    link = _changelist("articles_article", mine="drafts")
    return _widget("drafts", _("My drafts"), articles, link, _("No drafts of yours."))


def awaiting_review(user):
    articles = (
        Article.objects.in_state(Article.State.IN_REVIEW)
        .only("pk", "headline", "status", "updated_at")
        .order_by("updated_at", "id")
    )
    link = _changelist("articles_article", state=Article.State.IN_REVIEW)
    return _widget("review", _("Awaiting review"), articles, link, _("Nothing to review."))


def scheduled(user):
    articles = (
        Article.objects.scheduled()
        .only("pk", "headline", "status", "published_at")
        .order_by("published_at", "id")
    )
    link = _changelist("articles_article", state=Article.State.SCHEDULED)
    return _widget("scheduled", _("Scheduled"), articles, link, _("Nothing scheduled."))


def comments_waiting(user):
    comments = (
        Comment.objects.in_moderation()
        .select_related("article")
        .only("pk", "name", "body", "created_at", "article__headline")
        .order_by("-created_at", "-id")
    )
    link = _changelist("comments_comment", status__exact=Comment.Status.PENDING)
    return _widget("comments", _("Comments waiting"), comments, link, _("No comment waits."))


def widgets_for(user):
    """The widgets this user may see, in the order they appear."""
    widgets = []
    if user.has_perm("articles.add_article"):
        widgets.append(my_drafts(user))
    if may_publish(user):
        widgets += [awaiting_review(user), scheduled(user)]
    if user.has_perm("comments.moderate_comment"):
        widgets.append(comments_waiting(user))
    return widgets


@register.inclusion_tag("desk/widgets.html", takes_context=True)
def desk(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_active or not user.is_staff:
        return {"widgets": []}
    return {"widgets": widgets_for(user)}
