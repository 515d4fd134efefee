"""Article workflow: each change of state is one function, one transaction, one permission check."""

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import revisions  # noqa: F401 (registers Article with reversion)
from .models import Article
from .permissions import may_publish, may_submit_for_review
from .times import admin_datetime

PUBLISH_REFUSED = _(
    "Only editors can publish, schedule or change a published article. "
    "Save it as a draft or submit it for review."
)
REVIEW_REFUSED = _("Only a draft you may edit can be submitted for review.")


def _locked(article):
    """The article's current row, locked until the transaction ends."""
    return Article.objects.select_for_update().get(pk=article.pk)


def _save(article, fresh, fields, *, by, comment):
    """Store the changed fields, as a version in the article's history."""
    for field in fields:
        setattr(article, field, getattr(fresh, field))
    with reversion.create_revision():
        fresh.save(update_fields=[*fields, "updated_at"])
        reversion.set_user(by)
        reversion.set_comment(comment)
    article.updated_at = fresh.updated_at


@transaction.atomic
def article_publish(*, article, by, at=None):
    """Publish the article at `at` (a future time schedules it), or now.

    Without `at`, an article that was published before and then unpublished keeps its old
    publication time, so it comes back at the address readers and search engines knew.
    Raises ValidationError when another article published that day already has the slug.
    """
    if not may_publish(by):
        raise PermissionDenied(PUBLISH_REFUSED)
    fresh = _locked(article)
    now = timezone.now()
    if at is None:
        at = fresh.published_at if fresh.published_at and fresh.published_at <= now else now
    fresh.status = Article.Status.PUBLISHED
    fresh.published_at = at
    # Checked before writing: a unique violation would break the surrounding transaction.
    fresh.validate_constraints()
    comment = "Published" if at <= now else f"Scheduled for {admin_datetime(at)}"
    _save(article, fresh, ["status", "published_at"], by=by, comment=comment)
    return article


@transaction.atomic
def article_unpublish(*, article, by):
    """Take a published or scheduled article off the site, back to a draft.

    The publication time is kept (the article then shows as "Unpublished" in the admin), so
    publishing it again restores the same address.
    """
    if not may_publish(by):
        raise PermissionDenied(PUBLISH_REFUSED)
    fresh = _locked(article)
    fresh.status = Article.Status.DRAFT
    _save(article, fresh, ["status"], by=by, comment="Unpublished")
    return article


@transaction.atomic
def article_submit_for_review(*, article, by):
    """Hand a draft to the editors."""
    fresh = _locked(article)
    if not may_submit_for_review(by, fresh):
        raise PermissionDenied(REVIEW_REFUSED)
    fresh.status = Article.Status.IN_REVIEW
    _save(article, fresh, ["status"], by=by, comment="Submitted for review")
    return article
