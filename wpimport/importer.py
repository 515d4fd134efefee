"""The Importer: the maps kept between passes over an export, the passes, a transaction an item."""

import contextlib
from collections import defaultdict
from pathlib import Path

from django.db import transaction

from . import wxr
from .authors_terms import AuthorsAndTerms
from .batch import PostBatches
from .bookkeeping import Bookkeeping
from .content import Converter, uploads_path
from .media import Media, PhotoMaker
from .models import ImportedObject
from .posts import PostsAndPages
from .report import Report
from .rules import Skip

DEFAULT_SECTION = "News"


class Importer(Bookkeeping, AuthorsAndTerms, Media, PostsAndPages, PostBatches):
    """One import: the steps for each kind of item come from the classes it is made of.

    The file is read three times as a stream (check and count; terms and attachments; posts and
    pages), so memory does not grow with its size; what is kept between passes is the small maps
    from WordPress ids to ours (authors, terms, photos). Posts are written a batch at a time
    (batch.py); a batch is let go once written.
    """

    def __init__(
        self,
        summary,
        *,
        media_dir,
        dry_run,
        default_section,
        create_logins,
        progress,
        media_workers=None,
    ):
        self.summary = summary
        self.site = summary.site[:200]
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.dry_run = dry_run
        self.default_section_name = default_section or DEFAULT_SECTION
        self.create_logins = create_logins
        self.progress = progress or (lambda phase, done, total: None)
        self.report = Report(dry_run=dry_run)
        self.report.site, self.report.title = self.site, summary.title
        self.report.default_section = self.default_section_name
        self.authors = {}  # login -> Author
        self.terms = {}  # category nicename -> (top-level nicename, is top level)
        self.sections = {}  # top-level category nicename -> Section
        self.tags = {}  # ("category" | "post_tag", nicename) -> Tag
        self.photos = {}  # attachment id -> photo id
        self.photo_paths = {}  # uploads path -> photo id
        self.attached = defaultdict(list)  # post id -> photo ids attached to it
        self.photo_redirects = []  # (old addresses, {"photo": photo}) not written yet
        self._default_section = None
        self._conversion_context = None  # made once the photos are all known (pass 2)
        self.photo_maker = PhotoMaker(self.item, workers=media_workers)
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
        categories, done, attachments = [], 0, []
        self.progress("terms and media", 0, total)
        try:
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
                        attachments.append(data)
                        if len(attachments) >= self.batch_size:
                            self.attachments(attachments)
                            attachments = []
                    done += 1
                    self.progress("terms and media", done, total)
            self.attachments(attachments)
        except BaseException:
            self.photo_maker.abandon()
            raise
        # Photos still being made in worker processes: the posts need them.
        self.photo_maker.finish(self.progress)
        self.write_photo_redirects()
        if categories:
            self.categories(categories)
        done, batch = 0, []
        self.progress("posts and pages", 0, total)
        for kind, data in wxr.read(path):
            if kind != "item":
                continue
            post_type = (data.get("wp:post_type") or "post").strip()
            if post_type == "post":
                prepared = self.prepare_post(data)
                if prepared is not None:
                    batch.append(prepared)
            elif post_type == "page":
                self.page(data)
            elif post_type != "attachment":
                self.report.skip("other items", f"{post_type} (not imported)", data.get("title"))
            done += 1
            if len(batch) >= self.batch_size:
                self.write_posts(batch)
                batch = []
                self.progress("posts and pages", done, total)
            elif post_type != "post":
                self.progress("posts and pages", done, total)
        self.write_posts(batch)
        self.progress("posts and pages", done, total)

    @contextlib.contextmanager
    def item(self, kind, label, *, atomic=True):
        """One item, one transaction: a Skip or an error is reported and the item left out.

        atomic=False for work that writes nothing of its own (or makes its own transactions).
        """
        try:
            with transaction.atomic() if atomic else contextlib.nullcontext():
                yield
        except Skip as skip:
            self.report.skip(kind, str(skip), label)
        except Exception as error:
            message = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
            self.report.skip(kind, f"error: {type(error).__name__}: {message}", label)
