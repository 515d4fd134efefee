"""Writing posts a batch at a time: a few queries per batch, however many posts it holds.

A batch of prepared posts (posts.py) is written in one transaction: what exists is looked up in
one query per kind (the ImportedObject keys and hashes, the articles, the slugs of their days,
the comments, the old addresses), new rows go in with bulk_create and changed ones with
bulk_update; an unchanged post costs a hash comparison and no write. Its source_hash (the
WordPress item and what its conversion reads) spares it the body's conversion too. A crash
leaves every batch before it complete, and the next run carries on (it finds them unchanged).

Bulk writes skip save() and the model signals, so what they would do is done here once per
batch: body_html made by Article.render_body_html() (what save() calls), a saved version of each
article in its history (django-reversion's rows, written in bulk), and one page-cache
invalidation for the batch's articles. The search vector is made by a database trigger.

If a batch fails, it is written again post by post, so one bad post is reported and skipped and
the rest imported; a post whose comments cannot be written is imported without them.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from reversion.models import Revision, Version
from reversion.revisions import _get_options
from taggit.models import TaggedItem

import pagecache
from articles import (
    invalidation,
    revisions,  # noqa: F401 (registers Article with reversion)
)
from articles.models import Article, Byline
from comments.models import Comment
from comments.threads import MAX_DEPTH

from . import rules
from .bookkeeping import digest
from .convert import comment_values, thread
from .models import ImportedObject
from .report import Report
from .rules import Skip

Kind = ImportedObject.Kind
BATCH_SIZE = 250
NOT_IMPORTED = "its post was not imported"
ARTICLE_FIELDS = (
    "headline",
    "slug",
    "dek",
    "body",
    "status",
    "published_at",
    "section_id",
    "lead_photo_id",
    "comment_policy",
)
COMMENT_FIELDS = (
    "name",
    "email",
    "email_key",
    "url",
    "body",
    "status",
    "moderation_reason",
    "created_at",
    "parent",
    "depth",
    "article",
)


def error_reason(error):
    message = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
    return f"error: {type(error).__name__}: {message}"


class PostBatches:
    """The batch writer, for the Importer (its site, report, other_sites, redirects_many)."""

    batch_size = BATCH_SIZE

    def write_posts(self, prepared):
        """Write a batch of PreparedPosts; if that fails, again one by one."""
        if not prepared:
            return
        error = self._attempt(prepared, with_comments=True)
        if error is None:
            return
        if len(prepared) > 1:
            for post in prepared:
                self.write_posts([post])
            return
        # One post that would not go in with its comments: without them, if it can.
        (post,) = prepared
        again = self._attempt(prepared, with_comments=False)
        count = len(post.comments)
        if again is None:
            if count:
                self.report.skip("comments", error_reason(error), post.label, count=count)
            return
        self.report.skip("articles", error_reason(again), post.label)
        if count:
            self.report.skip("comments", NOT_IMPORTED, post.label, count=count)

    def _attempt(self, prepared, *, with_comments):
        """One transaction, None if it committed, or the error; the report hears only of commits."""
        main = self.report
        self.report = Report(dry_run=main.dry_run)
        try:
            with transaction.atomic():
                self._write_posts(prepared, with_comments=with_comments)
        except Exception as error:  # whatever it is, the posts are tried one by one
            return error
        else:
            main.merge(self.report)
            return None
        finally:
            self.report = main

    def _write_posts(self, prepared, *, with_comments):
        now = timezone.now()
        mappings = self._post_mappings(prepared)
        articles = Article.objects.in_bulk(
            [m.article_id for m in mappings.values() if m.article_id is not None]
        )
        taken = self._slugs_taken(prepared)
        new, changed, kept = [], [], []  # kept: (post, article, outcome), all imported
        restamped = []  # unchanged, but what they were made from is now told differently
        for post in prepared:
            mapping = mappings.get(post.wp_id)
            article = articles.get(mapping.article_id) if mapping else None
            if article is not None and mapping.source_hash == post.source_hash:
                # The same in WordPress and nothing its conversion reads changed: not converted.
                self.report.record("articles", "unchanged")
                self.report.state("articles", article.state)
                kept.append((post, article, "unchanged"))
                continue
            values = dict(post.values)
            values["body"] = self.convert_body(post)
            values["slug"] = self._free_slug(taken, values, article)
            if values["slug"] != post.values["slug"]:
                self.report.note("articles", "slug already used that day: suffixed", post.label)
            content_hash = digest(
                {
                    **values,
                    "authors": [post.author.pk],
                    "tags": sorted(tag.pk for tag in post.tags),
                }
            )
            try:
                outcome = self.outcome(mapping, "article", content_hash)
                if outcome != "unchanged":
                    article = self._article(article, values, now)
            except (Skip, ValidationError) as error:
                reason = str(error) if isinstance(error, Skip) else error_reason(error)
                self.report.skip("articles", reason, post.label)
                if count := len(post.comments):
                    self.report.skip("comments", NOT_IMPORTED, post.label, count=count)
                continue
            if outcome == "created":
                new.append((post, article, content_hash))
            elif outcome == "updated":
                changed.append((post, article, mapping, content_hash))
            else:
                mapping.source_hash = post.source_hash
                restamped.append(mapping)
            self.report.record("articles", outcome)
            self.report.state("articles", article.state)
            kept.append((post, article, outcome))

        Article.objects.bulk_create([article for _post, article, _hash in new])
        if changed:
            Article.objects.bulk_update(
                [article for _post, article, _mapping, _hash in changed],
                [*ARTICLE_FIELDS, "body_html", "updated_at"],
            )
        written = [(post, article) for post, article, _hash in new]
        written += [(post, article) for post, article, _mapping, _hash in changed]
        self._bylines_and_tags(written, replace=[article.pk for _p, article, _m, _h in changed])
        self._versions(written, created={article.pk for _post, article, _hash in new}, now=now)
        ImportedObject.objects.bulk_create(
            [
                ImportedObject(
                    site=self.site,
                    kind=Kind.POST,
                    wp_id=post.wp_id,
                    guid=post.guid[:500],
                    content_hash=content_hash,
                    source_hash=post.source_hash,
                    article=article,
                )
                for post, article, content_hash in new
            ]
        )
        if changed:
            for post, _article, mapping, content_hash in changed:
                mapping.guid, mapping.content_hash = post.guid[:500], content_hash
                mapping.source_hash, mapping.imported_at = post.source_hash, now
            ImportedObject.objects.bulk_update(
                [mapping for _post, _article, mapping, _hash in changed],
                ["guid", "content_hash", "source_hash", "imported_at"],
            )
        if restamped:
            ImportedObject.objects.bulk_update(restamped, ["source_hash"])
        self.redirects_many([(post.redirect_keys, {"article": a}) for post, a, _outcome in kept])
        # The pages to drop, once for the batch: what the signals bulk writes skip would drop for
        # each article (articles/invalidation.py) and each comment (comments/apps.py).
        tags = [tag for _post, a in written for tag in invalidation.article_changed(a, None)]
        if with_comments:
            tags += pagecache.article_tags(sorted(self._comments(kept)))
        if tags:
            pagecache.changed(*tags)

    # Articles

    def _post_mappings(self, prepared):
        ids = [post.wp_id for post in prepared]
        found = {
            m.wp_id: m
            for m in ImportedObject.objects.filter(site=self.site, kind=Kind.POST, wp_id__in=ids)
        }
        guids = {p.guid: p.wp_id for p in prepared if p.wp_id not in found and p.guid}
        if guids and self.other_sites:
            # The same items exported from the site under an earlier address (GUIDs stay).
            others = (
                ImportedObject.objects.filter(kind=Kind.POST, guid__in=list(guids))
                .exclude(site=self.site)
                .order_by("pk")
            )
            for mapping in others:
                found.setdefault(guids[mapping.guid], mapping)
        return found

    def _slugs_taken(self, prepared):
        """{day: {slug: article id}} of the articles published on the batch's days."""
        days = {
            timezone.localtime(post.values["published_at"]).date()
            for post in prepared
            if post.values["published_at"] is not None
        }
        taken = {day: {} for day in days}
        if days:
            rows = Article.objects.filter(published_at__date__in=days).values_list(
                "pk", "slug", "published_at"
            )
            for pk, slug, published_at in rows:
                taken[timezone.localtime(published_at).date()][slug] = pk
        return taken

    def _free_slug(self, taken, values, article):
        """The slug, suffixed -2, -3, … if another article published that day has it."""
        slug, published_at = values["slug"], values["published_at"]
        if published_at is None:
            return slug
        day = taken[timezone.localtime(published_at).date()]
        own = article.pk if article is not None else None
        number, free = 2, slug
        while free in day and (own is None or day[free] != own):
            free = rules.suffixed(slug, number, 200)
            number += 1
        # Taken from now on for the rest of the batch (a new article's id is not known yet).
        day[free] = own if own is not None else object()
        return free

    def _article(self, article, values, now):
        if article is None:
            article = Article(**values)
        else:
            for name, value in values.items():
                setattr(article, name, value)
            article.updated_at = now  # auto_now: bulk_update does not set it
        article.full_clean(
            exclude=["section", "lead_photo", "tags"],
            validate_unique=False,
            validate_constraints=False,
        )
        article.render_body_html()  # what save() does, which bulk writes skip
        return article

    def _bylines_and_tags(self, written, *, replace):
        content_type = ContentType.objects.get_for_model(Article)
        if replace:
            Byline.objects.filter(article_id__in=replace)._raw_delete(Byline.objects.db)
            TaggedItem.objects.filter(content_type=content_type, object_id__in=replace)._raw_delete(
                TaggedItem.objects.db
            )
        bylines = Byline.objects.bulk_create(
            [Byline(article=article, author=post.author, position=0) for post, article in written]
        )
        links = TaggedItem.objects.bulk_create(
            [
                TaggedItem(content_type=content_type, object_id=article.pk, tag=tag)
                for post, article in written
                for tag in post.tags
            ]
        )
        by_article = {article.pk: ([], []) for _post, article in written}
        for byline in bylines:
            by_article[byline.article_id][0].append(byline)
        for link in links:
            by_article[link.object_id][1].append(link)
        for _post, article in written:
            # What the version follows, already in hand: saves reading it all back.
            article_bylines, article_links = by_article[article.pk]
            for link in article_links:
                link.content_object = article
            article._prefetched_objects_cache = {
                "bylines": article_bylines,
                "tagged_items": article_links,
            }

    def _versions(self, written, *, created, now):
        """A version of each written article in its history, as reversion would save it."""
        if not written:
            return
        made = Revision.objects.bulk_create(
            [
                Revision(
                    date_created=now,
                    comment=(
                        "Imported from WordPress"
                        if article.pk in created
                        else "Updated from WordPress"
                    ),
                )
                for _post, article in written
            ]
        )
        versions = []
        for revision, (_post, article) in zip(made, written, strict=True):
            objects = [article, *article.bylines.all(), *article.tagged_items.all()]
            versions += [(obj, revision) for obj in objects]
        Version.objects.bulk_create(_versions_of(versions))

    # Comments

    def _comments(self, kept):
        """The batch's comments, threads kept; returns the ids of articles whose comments changed.

        Parents are found among the post's own comments and written a level before their replies.
        """
        parsed = {}  # post wp id -> {comment wp id: values}
        depths = {}
        for post, article, _outcome in kept:
            rows = {}
            for row in post.comments:
                wp_id = (row.get("wp:comment_id") or "").strip()
                label = f"{post.label} #{wp_id}"
                try:
                    rules.comment_kind(row.get("wp:comment_type"))
                    status = rules.comment_status(row.get("wp:comment_approved"))
                    if not wp_id:
                        raise Skip("no comment id")
                except Skip as skip:
                    self.report.skip("comments", str(skip), label)
                    continue
                rows[wp_id] = comment_values(row, status, article, label, self.report)
            if rows:
                parsed[post.wp_id] = rows
                depths[post.wp_id] = thread(rows, post.label, self.report)
        # An article made just now has no comments yet: only the others' are looked up.
        looked_up = [
            wp_id
            for post, _article, outcome in kept
            if outcome != "created" and post.wp_id in parsed
            for wp_id in parsed[post.wp_id]
        ]
        existing = {}
        if looked_up:
            existing = {
                m.wp_id: m
                for m in ImportedObject.objects.filter(
                    site=self.site, kind=Kind.COMMENT, wp_id__in=looked_up
                ).select_related("comment")
            }
        articles = {post.wp_id: (post, article) for post, article, _outcome in kept}
        made = {}  # (post wp id, comment wp id) -> Comment
        created, updated, new_mappings, touched = [], [], [], set()
        for level in range(1, MAX_DEPTH + 1):
            creating = []
            for post_id, rows in parsed.items():
                post, article = articles[post_id]
                for wp_id, values in rows.items():
                    if depths[post_id][wp_id] != level:
                        continue
                    label = f"{post.label} #{wp_id}"
                    # A parent left out (deleted here since an earlier import): top-level.
                    parent = made.get((post_id, values.pop("parent_wp", None)))
                    values.update(
                        parent=parent, depth=parent.depth + 1 if parent else 1, article=article
                    )
                    content_hash = digest(
                        {k: (v.pk if hasattr(v, "pk") else v) for k, v in values.items()}
                    )
                    mapping = existing.get(wp_id)
                    try:
                        outcome = self.outcome(mapping, "comment", content_hash)
                    except Skip as skip:
                        self.report.skip("comments", str(skip), label)
                        continue
                    if outcome == "created":
                        comment = Comment(**values)
                        creating.append(comment)
                        new_mappings.append((wp_id, content_hash, comment))
                    elif outcome == "updated":
                        comment = mapping.comment
                        for name, value in values.items():
                            setattr(comment, name, value)
                        mapping.content_hash = content_hash
                        updated.append((comment, mapping))
                    else:
                        comment = mapping.comment
                    if outcome != "unchanged":
                        touched.add(article.pk)
                    made[(post_id, wp_id)] = comment
                    self.report.record("comments", outcome)
                    self.report.state("comments", values["status"])
            if creating:
                times = [comment.created_at for comment in creating]
                Comment.objects.bulk_create(creating)
                # created_at is set on insert (auto_now_add): WordPress's dates go back below.
                for comment, created_at in zip(creating, times, strict=True):
                    comment.created_at = created_at
                created += creating
        if created:
            _keep_dates(created)
        if updated:
            Comment.objects.bulk_update([comment for comment, _m in updated], COMMENT_FIELDS)
            now = timezone.now()
            for _comment, mapping in updated:
                mapping.imported_at = now
            ImportedObject.objects.bulk_update(
                [mapping for _c, mapping in updated], ["content_hash", "imported_at"]
            )
        ImportedObject.objects.bulk_create(
            [
                ImportedObject(
                    site=self.site,
                    kind=Kind.COMMENT,
                    wp_id=wp_id,
                    content_hash=content_hash,
                    comment=comment,
                )
                for wp_id, content_hash, comment in new_mappings
            ]
        )
        return touched


def _keep_dates(comments):
    """Give comments just inserted their WordPress dates back (auto_now_add set them to now)."""
    if connection.vendor != "postgresql":
        Comment.objects.bulk_update(comments, ["created_at"])
        return
    # One statement for all, without bulk_update's CASE over every row for every row.
    table = Comment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET created_at = v.created_at "  # noqa: S608 (our table's name)
            "FROM unnest(%s::bigint[], %s::timestamptz[]) AS v(id, created_at) "
            f"WHERE {table}.id = v.id",
            [[c.pk for c in comments], [c.created_at for c in comments]],
        )


def _versions_of(pairs):
    """reversion Versions of (object, revision) pairs, as reversion.add_to_revision() makes them.

    Serialised a model at a time (one serializer run, not one per object); each version's data is
    what serializers.serialize("json", [obj]) gives, which reversion reads back.
    """
    by_model = {}
    for obj, revision in pairs:
        by_model.setdefault(type(obj), []).append((obj, revision))
    versions = []
    for model, rows in by_model.items():
        options = _get_options(model)
        if options.format != "json":
            data = [
                serializers.serialize(options.format, (obj,), fields=options.fields)
                for obj, _ in rows
            ]
        else:
            dumped = serializers.serialize(
                "python",
                [obj for obj, _revision in rows],
                fields=options.fields,
                use_natural_foreign_keys=options.use_natural_foreign_keys,
            )
            data = [f"[{json.dumps(d, cls=DjangoJSONEncoder)}]" for d in dumped]
        content_type = ContentType.objects.get_for_model(
            model, for_concrete_model=options.for_concrete_model
        )
        for (obj, revision), serialized in zip(rows, data, strict=True):
            versions.append(
                Version(
                    revision=revision,
                    content_type=content_type,
                    object_id=force_str(getattr(obj, options.object_id_field)),
                    db=obj._state.db or "default",
                    format=options.format,
                    serialized_data=serialized,
                    object_repr=force_str(obj),
                )
            )
    return versions
