from django import template

from ..models import Comment
from ..privacy import mask_email

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_comment_count(context):
    """How many comments wait for a moderator: for moderators only, else None (no query)."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.has_perm("comments.moderate_comment"):
        return None
    return Comment.objects.in_moderation().count()


@register.filter
def masked_email(email):
    """j***@example.org: for moderators' pages; the full address needs the reveal permission."""
    return mask_email(email)
