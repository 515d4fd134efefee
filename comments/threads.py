"""Comment threads under an article: top-level comments a page at a time, with their replies.

A fixed number of queries whatever the number of comments or their nesting: one when a story's
comments fit in two pages' worth, else the page of top-level comments, then every reply under
them (threads are at most 3 deep), put together here.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Q, Window

from pagecache import fragments

from .models import Comment, DiscussionSettings

# DiscussionSettings.thread_depth is at most 3 (a database constraint).
MAX_DEPTH = 3
# What a thread shows of each comment: never the email, address or anything else private.
SHOWN_FIELDS = ("id", "article_id", "parent_id", "depth", "name", "url", "body", "created_at")


def discussion_settings():
    """The discussion settings for reading: the stored row, or the defaults (nothing written)."""
    return DiscussionSettings.objects.filter(pk=1).first() or DiscussionSettings(pk=1)


def discussion_fragment():
    """The discussion settings as a fragment (a value, changed with "site" like every save)."""
    return fragments.Fragment("discussion", "", ("site",), discussion_values, raw=True)


def discussion_values():
    settings = discussion_settings()
    return {field.attname: getattr(settings, field.attname) for field in settings._meta.fields}


def cached_discussion_settings(values=None):
    """The discussion settings for reading pages, from the cache (values: the fragment's)."""
    if values is None:
        values = fragments.render(discussion_fragment())["discussion"]
    return DiscussionSettings(**values)


def approved_top_level(article):
    return (
        Comment.objects.approved().filter(article=article, parent=None).order_by("created_at", "id")
    )


def thread_page(article, *, number, per_page):
    """The page of top-level approved comments, each with `.children` (and theirs) attached,
    and the number of approved comments: (page, count).

    Most stories' comments fit in two pages' worth: the first query reads up to that many,
    with the counts, and they are put together here. A longer thread is read a page of
    top-level comments at a time, then their replies (two more queries). A reply is shown
    only under an approved parent: one whose parent was rejected later would be out of
    context.
    """
    approved = Comment.objects.approved().filter(article=article).only(*SHOWN_FIELDS)
    first = list(
        approved.annotate(
            total=Window(Count("pk")), top_level=Window(Count("pk", filter=Q(parent=None)))
        ).order_by("depth", "created_at", "id")[: 2 * per_page]
    )
    total, top_level = (first[0].total, first[0].top_level) if first else (0, 0)
    if len(first) == total:  # Every approved comment is here.
        paginator = Paginator([c for c in first if c.parent_id is None], per_page)
        replies = [c for c in first if c.parent_id is not None]
    else:
        paginator = Paginator(approved_top_level(article).only(*SHOWN_FIELDS), per_page)
        paginator.count = top_level
        replies = None
    try:
        page = paginator.page(number)
    except (EmptyPage, PageNotAnInteger):
        page = paginator.page(paginator.num_pages if str(number).isdigit() else 1)
    roots = list(page.object_list)
    page.object_list = roots
    by_id = {}
    for root in roots:
        root.children = []
        by_id[root.pk] = root
    if roots and replies is None:
        ids = list(by_id)
        descendants = Q(parent_id__in=ids)
        for level in range(2, MAX_DEPTH):
            descendants |= Q(**{"__".join(["parent"] * level) + "_id__in": ids})
        replies = approved.filter(descendants).order_by("depth", "created_at", "id")
    # Shallower first, so a reply's parent is in place before the reply arrives.
    for reply in replies or ():
        parent = by_id.get(reply.parent_id)
        if parent is not None:
            reply.children = []
            parent.children.append(reply)
            by_id[reply.pk] = reply
    return page, total


def page_number_of(comment, *, per_page):
    """The comments page (1, 2, …) a comment appears on; needs its ancestors loaded."""
    root = comment
    while root.parent_id is not None:
        root = root.parent
    before = (
        approved_top_level(root.article_id)
        .filter(Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, id__lt=root.pk))
        .count()
    )
    return before // per_page + 1
