"""Who may do what to an article. Pure rules: given a user and an article, answer yes or no."""

from .models import Article


def may_publish(user):
    return user.is_active and user.has_perm("articles.publish_article")


def is_own_article(user, article):
    if user.pk is None:
        return False
    if article.created_by_id == user.pk:
        return True
    if not article.pk:
        return False
    return article.bylines.filter(author__user=user).exists()


def may_edit_article(user, article):
    """Editors edit anything; reporters only their own articles, and only until published."""
    if not user.has_perm("articles.change_article"):
        return False
    if may_publish(user):
        return True
    return article.status != Article.Status.PUBLISHED and is_own_article(user, article)


def may_submit_for_review(user, article):
    """Whoever may edit a draft may hand it to the editors; nothing else goes to review."""
    return article.status == Article.Status.DRAFT and may_edit_article(user, article)


def may_correct(user, article):
    """Corrections are an editor's call: they are printed on published articles."""
    return may_publish(user) and may_edit_article(user, article)
