"""Moving a WordPress site in: wordpress_import() reads an export and writes what it holds.

Not one transaction for the whole file, unlike our other services: each item (author, term,
attachment, post with its redirects, its comments) is its own transaction, so one bad item is
reported and skipped and never aborts the rest nor is half-saved. A dry run wraps everything in
one transaction that is rolled back, and writes no file.

The file is read three times as a stream (check and count; terms and attachments; posts and
pages), so memory does not grow with its size; what is kept between passes is the small maps
from WordPress ids to ours (authors, terms, photos).
"""

import contextlib
import hashlib
import json
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

import reversion
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from articles import revisions  # noqa: F401 (registers Article with reversion)
from articles.models import Article, Byline, Section
from authors.models import Author
from comments.models import Comment
from comments.privacy import email_key
from comments.threads import MAX_DEPTH
from pages.models import Page
from photos.services import photo_create, photo_update

from . import rules, wxr
from .content import Converter, plain_text, uploads_path
from .models import ImportedObject, LegacyRedirect
from .report import Report
from .rules import Skip

Kind = ImportedObject.Kind
DEFAULT_SECTION = "News"
REDIRECT_TARGETS = ("article", "page", "section", "tag", "author", "photo")


def digest(values):
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def clean_login(login):
    # Real exports have "<dc:creator>>name</dc:creator>": stray brackets are not part of it.
    return (login or "").strip().strip("<>").strip()


def wordpress_import(
    *,
    path,
    media_dir=None,
    dry_run=False,
    default_section=DEFAULT_SECTION,
    create_logins=False,
    progress=None,
    label=None,
):
    """Import a WXR file; return the Report. Raises wxr.NotWXR, with nothing written."""
    summary = wxr.scan(path, label)
    importer = Importer(
        summary,
        media_dir=media_dir,
        dry_run=dry_run,
        default_section=default_section,
        create_logins=create_logins,
        progress=progress,
    )
    if dry_run:
        with transaction.atomic():
            importer.run(path)
            transaction.set_rollback(True)
    else:
        importer.run(path)
        if any(c["created"] or c["updated"] for c in importer.report.counts.values()):
            forget_cached_pages()
    return importer.report


def forget_cached_pages():
    """Readers' cached pages are out of date: rows were written in bulk, without signals."""
    try:
        from newsroom import pagecache
    except ImportError:  # no page cache in this version
        return
    pagecache.invalidate_everything()


class Importer:
    def __init__(self, summary, *, media_dir, dry_run, default_section, create_logins, progress):
        self.summary = summary
        self.site = summary.site[:200]
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.dry_run = dry_run
        self.default_section_name = default_section or DEFAULT_SECTION
        self.create_logins = create_logins
        self.progress = progress or (lambda phase, done, total: None)
        self.report = Report(dry_run=dry_run)
        self._fresh_article = False
        self.report.site, self.report.title = self.site, summary.title
        self.report.default_section = self.default_section_name
        self.authors = {}  # login -> Author
        self.terms = {}  # category nicename -> (top-level nicename, is top level)
        self.sections = {}  # top-level category nicename -> Section
        self.tags = {}  # ("category" | "post_tag", nicename) -> Tag
        self.photos = {}  # attachment id -> photo id
        self.photo_paths = {}  # uploads path -> photo id
        self.attached = defaultdict(list)  # post id -> photo ids attached to it
        self._default_section = None
        # GUIDs are looked up only when another site's items were imported here before.
        self.other_sites = ImportedObject.objects.exclude(site=self.site).exists()
        self.converter = Converter(
            photo_for_id=lambda wp_id: self.photos.get(str(wp_id).strip()),
            photo_for_url=lambda url: self.photo_paths.get(uploads_path(url)),
            gallery_for=lambda post_id: self.attached.get(post_id, []),
        )

    # The passes

    def run(self, path):
        total = self.summary.items
        categories, done = [], 0
        for kind, data in wxr.read(path):
            if kind == "wp:author":
                self.author(data)
            elif kind == "wp:category":
                categories.append(data)
            elif kind == "wp:tag":
                self.tag(data)
            elif kind == "item":
                if categories is not None:
                    self.categories(categories)
                    categories = None
                if data.get("wp:post_type") == "attachment":
                    self.attachment(data)
                done += 1
                self.progress("terms and media", done, total)
        if categories:
            self.categories(categories)
        done = 0
        for kind, data in wxr.read(path):
            if kind != "item":
                continue
            post_type = (data.get("wp:post_type") or "post").strip()
            if post_type == "post":
                self.post(data)
            elif post_type == "page":
                self.page(data)
            elif post_type != "attachment":
                self.report.skip("other items", f"{post_type} (not imported)", data.get("title"))
            done += 1
            self.progress("posts and pages", done, total)

    @contextlib.contextmanager
    def item(self, kind, label):
        """One item, one transaction: a Skip or an error is reported and the item left out."""
        try:
            with transaction.atomic():
                yield
        except Skip as skip:
            self.report.skip(kind, str(skip), label)
        except Exception as error:
            message = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
            self.report.skip(kind, f"error: {type(error).__name__}: {message}", label)

    # Shared steps

    def mapping(self, kind, wp_id, guid=""):
        found = ImportedObject.objects.filter(site=self.site, kind=kind, wp_id=wp_id).first()
        if found is None and guid and self.other_sites:
            # The same item exported from the site under an earlier address (GUIDs stay).
            found = (
                ImportedObject.objects.filter(kind=kind, guid=guid).exclude(site=self.site).first()
            )
        return found

    def outcome(self, mapping, target_field, content_hash):
        """'created', 'updated' or 'unchanged'; Skip when the object was deleted here."""
        if mapping is None:
            return "created"
        if getattr(mapping, f"{target_field}_id") is None:
            raise Skip("deleted here after an earlier import (not brought back)")
        return "unchanged" if mapping.content_hash == content_hash else "updated"

    def remember(self, mapping, kind, wp_id, guid, content_hash, **target):
        if mapping is None:
            mapping = ImportedObject(site=self.site, kind=kind, wp_id=wp_id)
        mapping.guid = (guid or "")[:500]
        mapping.content_hash = content_hash
        for name, value in target.items():
            setattr(mapping, name, value)
        mapping.save()
        return mapping

    def redirects(self, keys, **target):
        """Old addresses (keys from rules.old_path) answering 301 to target, kept up to date."""
        keys = {key[:500] for key in keys if key}
        if not keys:
            return
        ((name, obj),) = target.items()
        existing = {r.old_path: r for r in LegacyRedirect.objects.filter(old_path__in=keys)}
        new = []
        for key in sorted(keys):
            redirect = existing.get(key)
            if redirect is None:
                new.append(LegacyRedirect(old_path=key, **{name: obj}))
                self.report.record("redirects", "created")
            elif all(
                getattr(redirect, f"{field}_id") == (obj.pk if field == name else None)
                for field in REDIRECT_TARGETS
            ):
                self.report.record("redirects", "unchanged")
            else:
                for field in REDIRECT_TARGETS:
                    setattr(redirect, field, obj if field == name else None)
                redirect.save()
                self.report.record("redirects", "updated")
        LegacyRedirect.objects.bulk_create(new)

    # Authors

    def author(self, data):
        login = clean_login(data.get("wp:author_login"))
        with self.item("authors", login):
            self._author(login, data)

    def _author(self, login, data):
        if not login:
            raise Skip("no login")
        first = plain_text(data.get("wp:author_first_name"))
        last = plain_text(data.get("wp:author_last_name"))
        display = plain_text(data.get("wp:author_display_name")) or f"{first} {last}".strip()
        name, _ = rules.truncate(display or login, 120)
        bio, cut = rules.truncate(plain_text(data.get("wp:author_description")), 1000)
        if cut:
            self.report.note("authors", "biography shortened to 1,000 characters", login)
        content_hash = digest({"name": name, "bio": bio})
        mapping = self.mapping(Kind.AUTHOR, login)
        outcome = self.outcome(mapping, "author", content_hash)
        author = mapping.author if mapping else None
        if outcome == "created":
            slug = rules.make_slug(login, name, fallback=f"author-{login}", max_length=120)
            author = Author.objects.filter(slug=slug).first()
            if author is not None:
                outcome = "unchanged"
                self.report.note("authors", "matched an existing author by slug", login)
            else:
                author = Author.objects.create(name=name, slug=slug, bio=bio)
        elif outcome == "updated":
            author.name, author.bio = name, bio
            author.save(update_fields=["name", "bio", "updated_at"])
        if self.create_logins and author.user_id is None:
            self._login(author, login, data, first, last)
        if outcome != "unchanged" or mapping is None:
            self.remember(mapping, Kind.AUTHOR, login, "", content_hash, author=author)
        self.report.record("authors", outcome)
        self.authors[login] = author
        author_id = (data.get("wp:author_id") or "").strip()
        self.redirects(
            [rules.normalise_path(f"/author/{login}/"), author_id and f"?author={author_id}"],
            author=author,
        )
        return author

    def _login(self, author, login, data, first, last):
        """A login with no password set and no staff rights: an admin gives those."""
        User = get_user_model()
        username = login[:150]
        if User.objects.filter(username=username).exists():
            self.report.note("authors", "login not made: the username is taken", login)
            return
        user = User(username=username, first_name=first[:150], last_name=last[:150])
        email = (data.get("wp:author_email") or "").strip()
        with contextlib.suppress(ValidationError):
            validate_email(email)
            user.email = email
        user.set_unusable_password()
        user.save()
        author.user = user
        author.save(update_fields=["user", "updated_at"])
        self.report.note("authors", "login made (no password, not staff)", login)

    def author_for(self, login):
        login = clean_login(login)
        if login in self.authors:
            return self.authors[login]
        if not login:
            raise Skip("no author")
        # A creator the export does not list among its authors.
        return self._author(login, {"wp:author_login": login})

    # Categories and tags

    def categories(self, rows):
        by_name = {}
        for row in rows:
            nicename = (row.get("wp:category_nicename") or "").strip().lower()
            if nicename:
                by_name[nicename] = row
        for nicename, row in by_name.items():
            chain, current = [nicename], by_name[nicename]
            while (parent := (current.get("wp:category_parent") or "").strip().lower()) and (
                parent in by_name and parent not in chain
            ):
                chain.append(parent)
                current = by_name[parent]
            self.terms[nicename] = (chain[-1], len(chain) == 1)
            row["path"] = "/".join(reversed(chain))
        for nicename, row in by_name.items():
            label = row.get("wp:cat_name") or nicename
            if self.terms[nicename][1]:
                with self.item("sections", label):
                    self.section(nicename, row)
            else:
                with self.item("tags", label):
                    self.tag_from_term(
                        "category", nicename, row.get("wp:cat_name"), row.get("wp:term_id")
                    )
                    self.category_redirects(row, tag=self.tags[("category", nicename)])

    def category_redirects(self, row, **target):
        nicename = (row.get("wp:category_nicename") or "").strip().lower()
        term_id = (row.get("wp:term_id") or "").strip()
        self.redirects(
            [
                term_id and f"?cat={term_id}",
                rules.normalise_path(f"/category/{row.get('path') or nicename}/"),
                rules.normalise_path(f"/category/{nicename}/"),
            ],
            **target,
        )

    def section(self, nicename, row):
        name, _ = rules.truncate(plain_text(row.get("wp:cat_name")) or nicename, 80)
        description = plain_text(row.get("wp:category_description"))
        content_hash = digest({"name": name, "description": description})
        mapping = self.mapping(Kind.CATEGORY, row.get("wp:term_id") or nicename)
        outcome = self.outcome(mapping, "section", content_hash)
        section = mapping.section if mapping else None
        if outcome == "created":
            slug = rules.make_slug(nicename, name, fallback=f"section-{nicename}", max_length=80)
            section = (
                Section.objects.filter(slug=slug).first()
                or Section.objects.filter(name__iexact=name).first()
            )
            if section is not None:
                outcome = "unchanged"
                self.report.note("sections", "matched an existing section", name)
            else:
                section = Section.objects.create(name=name, slug=slug, description=description)
        elif outcome == "updated":
            if not Section.objects.filter(name__iexact=name).exclude(pk=section.pk).exists():
                section.name = name
            section.description = description
            section.save()
        if outcome != "unchanged" or mapping is None:
            wp_id = row.get("wp:term_id") or nicename
            self.remember(mapping, Kind.CATEGORY, wp_id, "", content_hash, section=section)
        self.report.record("sections", outcome)
        self.sections[nicename] = section
        self.category_redirects(row, section=section)
        return section

    def tag(self, data):
        slug = (data.get("wp:tag_slug") or "").strip().lower()
        with self.item("tags", data.get("wp:tag_name") or slug):
            tag = self.tag_from_term(
                "post_tag", slug, data.get("wp:tag_name"), data.get("wp:term_id")
            )
            self.redirects(
                [f"?tag={slug}", rules.normalise_path(f"/tag/{slug}/")],
                tag=tag,
            )

    def tag_from_term(self, domain, nicename, name, term_id=None):
        """The Tag for a WordPress tag or nested category, made or found by slug or name."""
        if not nicename:
            raise Skip("no slug")
        name = plain_text(name) or nicename
        name, _ = rules.truncate(name, 100)
        kind = Kind.TAG if domain == "post_tag" else Kind.CATEGORY
        wp_id = (term_id or "").strip() or nicename
        mapping = self.mapping(kind, wp_id)
        content_hash = digest({"name": name})
        outcome = self.outcome(mapping, "tag", content_hash)
        tag = mapping.tag if mapping else None
        if outcome == "created":
            slug = slugify(unquote(nicename), allow_unicode=True)[:100] or f"tag-{wp_id}"[:100]
            tag = (
                Tag.objects.filter(slug=slug).first()
                or Tag.objects.filter(name__iexact=name).first()
            )
            if tag is not None:
                outcome = "unchanged"
                self.report.note("tags", "matched an existing tag", name)
            else:
                tag = Tag.objects.create(name=name, slug=slug)
        elif (
            outcome == "updated"
            and not Tag.objects.filter(name__iexact=name).exclude(pk=tag.pk).exists()
        ):
            tag.name = name
            tag.save(update_fields=["name"])
        if outcome != "unchanged" or mapping is None:
            self.remember(mapping, kind, wp_id, "", content_hash, tag=tag)
        self.report.record("tags", outcome)
        self.tags[(domain, nicename)] = tag
        return tag

    def post_tag(self, domain, category):
        """The Tag for one of a post's <category> elements, made if the export did not list it."""
        nicename = (category["nicename"] or slugify(category["name"])).strip().lower()
        key = (domain, nicename)
        if key not in self.tags:
            with self.item("tags", category["name"] or nicename):
                self.tag_from_term(domain, nicename, category["name"])
        if key not in self.tags:
            raise Skip(f"its tag “{category['name']}” could not be made")
        return self.tags[key]

    def post_section(self, nicename, categories):
        if nicename is None:
            return self.default_section()
        if nicename not in self.sections:
            # A category the export did not list at the top: a section of its own.
            name = next((c["name"] for c in categories if c["nicename"].lower() == nicename), "")
            with self.item("sections", name or nicename):
                self.section(nicename, {"wp:category_nicename": nicename, "wp:cat_name": name})
        if nicename not in self.sections:
            raise Skip("its section could not be made")
        return self.sections[nicename]

    def default_section(self):
        if self._default_section is None:
            name = self.default_section_name[:80]
            section = (
                Section.objects.filter(name__iexact=name).first()
                or Section.objects.filter(slug=slugify(name)).first()
            )
            if section is None:
                section = Section.objects.create(name=name, slug=slugify(name)[:80] or "news")
                self.report.record("sections", "created")
                self.report.note("sections", "made for posts without a category", name)
            self._default_section = section
        return self._default_section

    # Attachments

    def locate(self, item):
        """The attachment's file under --media-dir, its path there, or (None, path)."""
        url = item.get("wp:attachment_url") or item.get("guid") or ""
        candidates = [item["postmeta"].get("_wp_attached_file", "")]
        path = unquote(urlsplit(url).path)
        if "/wp-content/uploads/" in path:
            candidates.append(path.split("/wp-content/uploads/", 1)[1])
        candidates.append(path.lstrip("/"))
        candidates = [c.strip().lstrip("/") for c in candidates if c and c.strip()]
        shown = candidates[0] if candidates else url
        if self.media_dir is None:
            return None, shown
        for candidate in candidates:
            found = (self.media_dir / candidate).resolve()
            # A hostile export must not read files outside the media folder.
            if found.is_relative_to(self.media_dir) and found.is_file():
                return found, candidate
        return None, shown

    def attachment(self, item):
        wp_id = (item.get("wp:post_id") or "").strip()
        title = plain_text(item.get("title"))
        label = f"{wp_id} “{title}”"
        with self.item("attachments", label):
            self._attachment(wp_id, title, item, label)

    def _attachment(self, wp_id, title, item, label):
        url = item.get("wp:attachment_url") or item.get("guid") or ""
        file, relative = self.locate(item)
        mapping = self.mapping(Kind.ATTACHMENT, wp_id, item.get("guid", ""))
        if file is None:
            self.report.missing_media.append(relative)
            why = "file not found under --media-dir" if self.media_dir else "no --media-dir given"
            raise Skip(f"{why} (listed below)")
        alt = plain_text(item["postmeta"].get("_wp_attachment_image_alt"))
        alt_from_title = not alt
        if alt_from_title:
            alt = title or Path(relative).stem
        alt, _ = rules.truncate(alt, 300)
        caption, _ = rules.truncate(plain_text(item.get("excerpt:encoded")), 1000)
        data = file.read_bytes()
        file_hash = hashlib.sha256(data).hexdigest()
        content_hash = digest({"file": file_hash, "alt": alt, "caption": caption})
        outcome = self.outcome(mapping, "photo", content_hash)
        photo = mapping.photo if mapping else None
        try:
            if outcome != "unchanged" and self.dry_run:
                pass  # no file is written in a dry run
            elif outcome == "created":
                image = ContentFile(data, name=file.name)
                photo = photo_create(image_file=image, alt_text=alt, caption=caption)
            elif outcome == "updated":
                photo_update(
                    photo=photo,
                    image_file=ContentFile(data, name=file.name),
                    alt_text=alt,
                    caption=caption,
                )
        except ValidationError as error:
            raise Skip(f"not imported: {' '.join(error.messages)}") from error
        if alt_from_title:
            self.report.note("attachments", "no alt text: the title was used", label)
        if outcome != "unchanged" and not self.dry_run:
            self.remember(
                mapping, Kind.ATTACHMENT, wp_id, item.get("guid"), content_hash, photo=photo
            )
        self.report.record("attachments", outcome)
        photo_id = photo.pk if photo else None
        if photo_id is None:
            return
        self.photos[wp_id] = photo_id
        self.photo_paths[uploads_path(url)] = photo_id
        parent = (item.get("wp:post_parent") or "0").strip()
        if parent != "0":
            self.attached[parent].append(photo_id)
        keys = [f"?attachment_id={wp_id}", rules.old_path(item.get("link"), self.site)]
        if "/wp-content/uploads/" in url:
            keys.append(rules.old_path(url.split("?")[0]))
        self.redirects(keys, photo=photo)

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
            parsed[wp_id] = self.comment_values(row, status, article, f"{label} #{wp_id}")
        depth = self.thread(parsed, label)
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

    def comment_values(self, row, status, article, label):
        name, _ = rules.truncate(plain_text(row.get("wp:comment_author")) or "Anonymous", 100)
        email = (row.get("wp:comment_author_email") or "").strip()[:254]
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.report.note("comments", "invalid email left out", label)
                email = ""
        url = (row.get("wp:comment_author_url") or "").strip()
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
                if len(url) > 200:
                    raise ValidationError("too long")
            except ValidationError:
                self.report.note(
                    "comments", "website address left out (invalid or too long)", label
                )
                url = ""
        created_at = rules.wp_datetime(row.get("wp:comment_date_gmt"), row.get("wp:comment_date"))
        parent = (row.get("wp:comment_parent") or "0").strip()
        return {
            "name": name,
            "email": email,
            "email_key": email_key(email) if email else "",
            "url": url,
            "body": plain_text(row.get("wp:comment_content"), keep_lines=True),
            "status": status,
            "moderation_reason": "Imported from WordPress",
            "created_at": created_at or article.published_at or timezone.now(),
            "parent_wp": parent if parent != "0" else None,
        }

    def thread(self, parsed, label):
        """Each comment's depth (1 = top level), its parent re-pointed where it must be.

        A reply to a comment not imported becomes top-level; one nested deeper than we show
        (threads.MAX_DEPTH) is attached at the deepest level, under its ancestor there.
        """
        depth = {}
        for wp_id, values in parsed.items():
            chain, current = [wp_id], values.get("parent_wp")
            while current is not None and current in parsed and current not in chain:
                chain.append(current)
                current = parsed[current].get("parent_wp")
            if current is not None:
                if current in chain:
                    self.report.note("comments", "reply loop broken: top-level", label)
                else:
                    self.report.note(
                        "comments", "reply to a comment not imported: top-level", label
                    )
                # Cut the chain at the first missing or looping link.
                parsed[chain[-1]]["parent_wp"] = None
            level = len(chain)
            if level > MAX_DEPTH:
                self.report.note("comments", f"nested deeper than {MAX_DEPTH}: moved up", label)
                # chain: self, parent, grandparent, …; keep the ancestor at MAX_DEPTH - 1.
                values["parent_wp"] = chain[level - MAX_DEPTH + 1]
                level = MAX_DEPTH
            depth[wp_id] = level
        return depth

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
