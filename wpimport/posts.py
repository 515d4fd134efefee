"""Posts made ready to import as articles (batch.py writes them, with comments); and pages."""

from dataclasses import dataclass, field

from django.utils.text import slugify

from articles.models import Article
from pages.models import Page

from . import rules
from .bookkeeping import digest
from .content import plain_text
from .models import ImportedObject
from .rules import Skip

Kind = ImportedObject.Kind


@dataclass
class PreparedPost:
    """A post's values worked out from the export alone; what exists here is looked up later."""

    wp_id: str
    label: str
    guid: str
    values: dict  # all but the body, converted only if the post changed (convert_body)
    content: str  # the body as WordPress has it
    source_hash: str
    author: object
    tags: list
    redirect_keys: list
    comments: list = field(default_factory=list)


# Bump when Converter.body() changes what it makes: posts imported before are converted again.
CONVERSION_VERSION = 1


class PostsAndPages:
    # Posts: prepared one by one here, written a batch at a time (batch.py).

    def conversion_context(self):
        """A digest of what a body's conversion reads besides the post: the photo maps."""
        if self._conversion_context is None:
            self._conversion_context = digest(
                {
                    "version": CONVERSION_VERSION,
                    "photos": sorted(self.photos.items()),
                    "paths": sorted(self.photo_paths.items()),
                    "attached": sorted(self.attached.items()),
                }
            )
        return self._conversion_context

    def convert_body(self, post):
        return self.converter.body(post.content, post_id=post.wp_id)

    def prepare_post(self, item):
        """A PreparedPost, or None when the post is skipped (reported, with its comments)."""
        wp_id = (item.get("wp:post_id") or "").strip()
        title = plain_text(item.get("title"))
        label = f"{wp_id} “{title or item.get('wp:post_name', '')}”"
        prepared = None
        with self.item("articles", label, atomic=False):
            prepared = self._prepare_post(wp_id, title, item, label)
        if prepared is None and item["comments"]:
            self.report.skip(
                "comments", "its post was not imported", label, count=len(item["comments"])
            )
        return prepared

    def _prepare_post(self, wp_id, title, item, label):
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
        values = {
            "headline": headline,
            "slug": slug,  # made free among that day's articles when written
            "dek": dek,
            "status": status,
            "published_at": published_at,
            "section_id": section.pk,
            "lead_photo_id": lead_photo_id,
            "comment_policy": policy,
        }
        content = item.get("content:encoded") or ""
        source = {k: v for k, v in item.items() if k != "comments"}
        return PreparedPost(
            wp_id=wp_id,
            label=label,
            guid=(item.get("guid") or "").strip(),
            values=values,
            content=content,
            source_hash=digest(
                {
                    "item": source,
                    "values": values,
                    "authors": [author.pk],
                    "tags": sorted(tag.pk for tag in tags),
                    "conversion": self.conversion_context(),
                }
            ),
            author=author,
            tags=tags,
            redirect_keys=[f"?p={wp_id}", rules.old_path(item.get("link"), self.site)],
            comments=item["comments"],
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
