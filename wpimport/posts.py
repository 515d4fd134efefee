"""Importing posts as articles (byline, tags, a version in the history) with comments; and pages."""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import TaggedItem

from articles import revisions  # noqa: F401 (registers Article with reversion)
from articles.models import Article, Byline
from comments.models import Comment
from comments.threads import MAX_DEPTH
from pages.models import Page

from . import rules
from .bookkeeping import digest
from .content import plain_text
from .convert import comment_values, thread
from .models import ImportedObject
from .rules import Skip

Kind = ImportedObject.Kind


class PostsAndPages:
    # Posts

    def post(self, item):
        wp_id = (item.get("wp:post_id") or "").strip()
        title = plain_text(item.get("title"))
        label = f"{wp_id} “{title or item.get('wp:post_name', '')}”"
        article = None
        with self.item("articles", label):
            article = self._post(wp_id, title, item, label)
        comments = item["comments"]
        if article is None:
            if comments:
                self.report.skip(
                    "comments", "its post was not imported", label, count=len(comments)
                )
            return
        with self.item("comments", label):
            self.comments(article, comments, label, fresh=self._fresh_article)

    def _post(self, wp_id, title, item, label):
        if not wp_id:
            raise Skip("no post id")
        status, keep_date, note = rules.article_status(
            (item.get("wp:status") or "").strip(), password=(item.get("wp:post_password") or "")
        )
        if note:
            self.report.note("articles", note, label)
        published_at = None
        if keep_date:
            published_at = rules.wp_datetime(
                item.get("wp:post_date_gmt"), item.get("wp:post_date"), item.get("pubDate")
            )
            if published_at is None and status == Article.Status.PUBLISHED:
                raise Skip("published post without a date")
        if not title:
            self.report.note("articles", "no title: “(no title)” used", label)
        headline, cut = rules.truncate(title or "(no title)", 200)
        if cut:
            self.report.note("articles", "headline shortened to 200 characters", label)
        slug = rules.make_slug(
            item.get("wp:post_name"), title, fallback=f"post-{wp_id}", max_length=200
        )
        dek, cut = rules.truncate(plain_text(item.get("excerpt:encoded")), 500)
        if cut:
            self.report.note("articles", "excerpt shortened to 500 characters", label)
        body = self.converter.body(item.get("content:encoded"), post_id=wp_id)
        categories = [c for c in item["categories"] if c["domain"] == "category"]
        section_key, tag_keys = rules.split_categories(
            [(c["nicename"] or slugify(c["name"])).lower() for c in categories], self.terms
        )
        section = self.post_section(section_key, categories)
        by_name = {(c["nicename"] or slugify(c["name"])).lower(): c for c in categories}
        tags = []
        for key in tag_keys:
            if ("category", key) not in self.tags and key in self.sections:
                # Another top-level category of the post: kept as a tag of the same name.
                category = {"nicename": key, "name": self.sections[key].name}
            else:
                category = by_name.get(key, {"nicename": key, "name": key})
            tags.append(self.post_tag("category", category))
        for category in item["categories"]:
            if category["domain"] == "post_tag":
                tags.append(self.post_tag("post_tag", category))
        tags = list({tag.pk: tag for tag in tags}.values())
        author = self.author_for(item.get("dc:creator"))
        thumbnail = (item["postmeta"].get("_thumbnail_id") or "").strip()
        lead_photo_id = self.photos.get(thumbnail) if thumbnail else None
        if thumbnail and lead_photo_id is None:
            self.report.note("articles", "featured image not imported (see media)", label)
        policy = Article.CommentPolicy.OPEN
        if (item.get("wp:comment_status") or "").strip() == "closed":
            policy = Article.CommentPolicy.CLOSED

        mapping = self.mapping(Kind.POST, wp_id, (item.get("guid") or "").strip())
        self._fresh_article = mapping is None
        article = mapping.article if mapping else None
        if mapping is not None and article is None:
            raise Skip("deleted here after an earlier import (not brought back)")
        free = self.free_slug(slug, published_at, exclude=article.pk if article else None)
        if free != slug:
            self.report.note("articles", "slug already used that day: suffixed", label)
        values = {
            "headline": headline,
            "slug": free,
            "dek": dek,
            "body": body,
            "status": status,
            "published_at": published_at,
            "section_id": section.pk,
            "lead_photo_id": lead_photo_id,
            "comment_policy": policy,
        }
        content_hash = digest(
            {**values, "authors": [author.pk], "tags": sorted(tag.pk for tag in tags)}
        )
        outcome = self.outcome(mapping, "article", content_hash)
        if outcome != "unchanged":
            article = self.save_article(article, values, author, tags, created=outcome == "created")
            self.remember(
                mapping,
                Kind.POST,
                wp_id,
                (item.get("guid") or "").strip(),
                content_hash,
                article=article,
            )
        self.report.record("articles", outcome)
        self.report.state("articles", article.state)
        self.redirects(
            [f"?p={wp_id}", rules.old_path(item.get("link"), self.site)], article=article
        )
        return article

    def save_article(self, article, values, author, tags, *, created):
        """Write the article, its byline and tag links, then keep it as a version in its history.

        Bylines and tag links are written in bulk and the version made once at the end: the
        per-row signals (history, cache) would otherwise cost a dozen queries per article.
        """
        if article is None:
            article = Article(**values)
        else:
            for field, value in values.items():
                setattr(article, field, value)
        article.full_clean(
            exclude=["section", "lead_photo", "tags"],
            validate_unique=False,
            validate_constraints=False,
        )
        article.save()
        content_type = ContentType.objects.get_for_model(Article)
        if not created:
            article.bylines.all()._raw_delete(article.bylines.db)
            TaggedItem.objects.filter(content_type=content_type, object_id=article.pk)._raw_delete(
                TaggedItem.objects.db
            )
        bylines = Byline.objects.bulk_create([Byline(article=article, author=author, position=0)])
        links = TaggedItem.objects.bulk_create(
            [TaggedItem(content_type=content_type, object_id=article.pk, tag=tag) for tag in tags]
        )
        for link in links:
            link.content_object = article
        # What the version follows, already in hand: saves reading it all back.
        article._prefetched_objects_cache = {"bylines": bylines, "tagged_items": links}
        with reversion.create_revision(manage_manually=True):
            reversion.add_to_revision(article)
            reversion.set_comment(
                "Imported from WordPress" if created else "Updated from WordPress"
            )
        return article

    def free_slug(self, slug, published_at, *, exclude):
        """The slug, suffixed -2, -3, … if another article published that day has it."""
        if published_at is None:
            return slug
        day = timezone.localtime(published_at).date()
        taken = set(
            Article.objects.filter(published_at__date=day, slug__startswith=slug)
            .exclude(pk=exclude)
            .values_list("slug", flat=True)
        )
        number, free = 2, slug
        while free in taken:
            free = rules.suffixed(slug, number, 200)
            number += 1
        return free

    # Comments

    def comments(self, article, rows, label, *, fresh=False):
        """A post's comments, threads kept: parents are found among the post's own comments."""
        parsed = {}
        for row in rows:
            wp_id = (row.get("wp:comment_id") or "").strip()
            try:
                rules.comment_kind(row.get("wp:comment_type"))
                status = rules.comment_status(row.get("wp:comment_approved"))
                if not wp_id:
                    raise Skip("no comment id")
            except Skip as skip:
                self.report.skip("comments", str(skip), f"{label} #{wp_id}")
                continue
            parsed[wp_id] = comment_values(row, status, article, f"{label} #{wp_id}", self.report)
        depth = thread(parsed, label, self.report)
        existing = {}
        if parsed and not fresh:  # an article made just now has no comments yet
            existing = {
                m.wp_id: m
                for m in ImportedObject.objects.filter(
                    site=self.site, kind=Kind.COMMENT, wp_id__in=list(parsed)
                ).select_related("comment")
            }
        created = []
        made = {}  # wp id -> Comment
        new_mappings = []
        for level in range(1, MAX_DEPTH + 1):
            creating = []
            for wp_id, values in parsed.items():
                if depth[wp_id] != level:
                    continue
                # A parent left out (deleted here since an earlier import): top-level.
                parent = made.get(values.pop("parent_wp", None))
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
                    self.report.skip("comments", str(skip), f"{label} #{wp_id}")
                    continue
                if outcome == "created":
                    comment = Comment(**values)
                    creating.append(comment)
                    new_mappings.append((wp_id, content_hash, comment))
                elif outcome == "updated":
                    comment = mapping.comment
                    for field, value in values.items():
                        setattr(comment, field, value)
                    comment.save()
                    mapping.content_hash = content_hash
                    mapping.save(update_fields=["content_hash", "imported_at"])
                else:
                    comment = mapping.comment
                made[wp_id] = comment
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
            Comment.objects.bulk_update(created, ["created_at"])
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

    # Pages

    def page(self, item):
        wp_id = (item.get("wp:post_id") or "").strip()
        title = plain_text(item.get("title"))
        label = f"{wp_id} “{title}”"
        with self.item("pages", label):
            self._page(wp_id, title, item, label)
        comments = [
            row
            for row in item["comments"]
            if (row.get("wp:comment_type") or "comment").strip() in ("", "comment")
        ]
        for row in item["comments"]:
            if row not in comments:
                self.report.skip("comments", (row.get("wp:comment_type") or "").strip(), label)
        if comments:
            self.report.skip(
                "comments", "on a page (pages have no comments)", label, count=len(comments)
            )

    def _page(self, wp_id, title, item, label):
        status = (item.get("wp:status") or "").strip()
        if status != "publish":
            raise Skip(f"page not published ({status}): pages here have no drafts")
        if (item.get("wp:post_password") or "").strip():
            raise Skip("password-protected page")
        if not title:
            self.report.note("pages", "no title: “(no title)” used", label)
        title_, _ = rules.truncate(title or "(no title)", 120)
        slug = rules.make_slug(
            item.get("wp:post_name"), title, fallback=f"page-{wp_id}", max_length=80
        )
        summary, _ = rules.truncate(plain_text(item.get("excerpt:encoded")), 300)
        body = self.converter.body(item.get("content:encoded"), post_id=wp_id)
        mapping = self.mapping(Kind.PAGE, wp_id, (item.get("guid") or "").strip())
        page = mapping.page if mapping else None
        if mapping is not None and page is None:
            raise Skip("deleted here after an earlier import (not brought back)")
        taken = set(
            Page.objects.filter(slug__startswith=slug)
            .exclude(pk=page.pk if page else None)
            .values_list("slug", flat=True)
        )
        free, number = slug, 2
        while free in taken:
            free = rules.suffixed(slug, number, 80)
            number += 1
        if free != slug:
            self.report.note("pages", "address taken by another page: suffixed", label)
        values = {"title": title_, "slug": free, "summary": summary, "body": body}
        content_hash = digest(values)
        outcome = self.outcome(mapping, "page", content_hash)
        if outcome == "created":
            page = Page.objects.create(in_footer=False, **values)
        elif outcome == "updated":
            for field, value in values.items():
                setattr(page, field, value)
            page.save()
        if outcome != "unchanged":
            self.remember(
                mapping, Kind.PAGE, wp_id, (item.get("guid") or "").strip(), content_hash, page=page
            )
        self.report.record("pages", outcome)
        self.redirects(
            [f"?page_id={wp_id}", f"?p={wp_id}", rules.old_path(item.get("link"), self.site)],
            page=page,
        )
