"""Importing attachments: each file found under --media-dir becomes a photo in the library.

Photos (and their renditions) are made in worker processes, several at a time (PhotoMaker).
"""

import functools
import hashlib
import multiprocessing
import os
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connections, transaction

from photos.models import Photo
from photos.services import photo_create, photo_update

from . import rules
from .bookkeeping import digest
from .content import plain_text, uploads_path
from .convert import locate
from .models import ImportedObject
from .rules import Skip

Kind = ImportedObject.Kind
LOOK_UP = object()  # attachment(): the mapping not looked up yet


class Media:
    # Attachments

    def attachments(self, items):
        """A batch of attachments, what they became here looked up in one query."""
        ids = [(item.get("wp:post_id") or "").strip() for item in items]
        found = {
            m.wp_id: m
            for m in ImportedObject.objects.filter(
                site=self.site, kind=Kind.ATTACHMENT, wp_id__in=ids
            )
        }
        for item, wp_id in zip(items, ids, strict=True):
            mapping = found.get(wp_id)
            if mapping is None and self.other_sites:
                mapping = self.mapping(Kind.ATTACHMENT, wp_id, item.get("guid", ""))
            self.attachment(item, mapping=mapping)

    def attachment(self, item, *, mapping=LOOK_UP):
        wp_id = (item.get("wp:post_id") or "").strip()
        title = plain_text(item.get("title"))
        label = f"{wp_id} “{title}”"
        # No transaction of its own: what it writes is the photo with its ImportedObject row, in
        # one (make_photo, here or in a worker), and old addresses, a batch at a time.
        with self.item("attachments", label, atomic=False):
            if mapping is LOOK_UP:
                mapping = self.mapping(Kind.ATTACHMENT, wp_id, item.get("guid", ""))
            self._attachment(wp_id, title, item, label, mapping)

    def _attachment(self, wp_id, title, item, label, mapping):
        file, relative = locate(item, self.media_dir)
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
        file_hash = hashlib.sha256(file.read_bytes()).hexdigest()
        content_hash = digest({"file": file_hash, "alt": alt, "caption": caption})
        outcome = self.outcome(mapping, "photo", content_hash)
        photo_id = mapping.photo_id if mapping else None
        done = functools.partial(self._photo_made, wp_id, item, label, outcome, alt_from_title)
        if outcome == "unchanged" or self.dry_run:
            # Nothing to make (no file is written in a dry run).
            done(photo_id)
            return
        job = PhotoJob(
            site=self.site,
            wp_id=wp_id,
            guid=(item.get("guid") or "")[:500],
            file=str(file),
            alt=alt,
            caption=caption,
            content_hash=content_hash,
            mapping_id=mapping.pk if mapping else None,
            photo_id=photo_id,
        )
        self.photo_maker.submit(job, done, kind="attachments", label=label)

    def _photo_made(self, wp_id, item, label, outcome, alt_from_title, photo_id):
        """The rest of an attachment once its photo is made (or found): the maps, old URLs."""
        if alt_from_title:
            self.report.note("attachments", "no alt text: the title was used", label)
        self.report.record("attachments", outcome)
        if photo_id is None:
            return
        url = item.get("wp:attachment_url") or item.get("guid") or ""
        self.photos[wp_id] = photo_id
        self.photo_paths[uploads_path(url)] = photo_id
        parent = (item.get("wp:post_parent") or "0").strip()
        if parent != "0":
            self.attached[parent].append(photo_id)
        keys = [f"?attachment_id={wp_id}", rules.old_path(item.get("link"), self.site)]
        if "/wp-content/uploads/" in url:
            keys.append(rules.old_path(url.split("?")[0]))
        # Written a batch at a time; those of a run cut short are written by the next one.
        self.photo_redirects.append((keys, {"photo": Photo(pk=photo_id)}))
        if len(self.photo_redirects) >= self.batch_size:
            self.write_photo_redirects()

    def write_photo_redirects(self):
        pairs, self.photo_redirects = self.photo_redirects, []
        try:
            with transaction.atomic():
                self.redirects_many(pairs)
        except Exception:  # one at a time, so that one that fails is the only one left out
            for keys, target in pairs:
                with self.item("attachments", f"old addresses {', '.join(k for k in keys if k)}"):
                    self.redirects_many([(keys, target)])


@dataclass(frozen=True)
class PhotoJob:
    """One attachment's photo to make or remake: everything a worker process needs."""

    site: str
    wp_id: str
    guid: str
    file: str
    alt: str
    caption: str
    content_hash: str
    mapping_id: int | None
    photo_id: int | None


def make_photo(job):
    """Make (or remake) a job's photo with its renditions, and record it; returns the photo id.

    Runs in a worker process, or in this one: the photo and its ImportedObject row are one
    transaction, so an interrupted import leaves no photo that the next run would not find.
    """
    path = Path(job.file)
    image = ContentFile(path.read_bytes(), name=path.name)
    try:
        with transaction.atomic():
            if job.photo_id is None:
                photo = photo_create(image_file=image, alt_text=job.alt, caption=job.caption)
            else:
                photo = photo_update(
                    photo=Photo.objects.get(pk=job.photo_id),
                    image_file=image,
                    alt_text=job.alt,
                    caption=job.caption,
                )
            mapping = (
                ImportedObject.objects.get(pk=job.mapping_id)
                if job.mapping_id
                else ImportedObject(site=job.site, kind=Kind.ATTACHMENT, wp_id=job.wp_id)
            )
            mapping.guid, mapping.content_hash, mapping.photo = job.guid, job.content_hash, photo
            mapping.save()
    except ValidationError as error:
        raise Skip(f"not imported: {' '.join(error.messages)}") from error
    return photo.pk


def _worker_start():
    # Forked with no database connection open (see PhotoMaker): each worker opens its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle


class PhotoMaker:
    """Runs make_photo() for each attachment: in worker processes when it can, else here.

    Renditions are the slow part of an import with media (resizing, encoding): the workers make
    them side by side while the main process reads on. Results are taken in the order the jobs
    were given, so the report reads the same either way. Inside a transaction (a dry run, a
    test) the work stays in this process, in that transaction.
    """

    def __init__(self, report_item, *, workers=None):
        self.report_item = report_item
        self.workers = workers if workers is not None else min(os.cpu_count() or 1, 8)
        self.pool = None
        self.pending = deque()

    def parallel(self):
        return self.workers > 1 and not transaction.get_connection().in_atomic_block

    def submit(self, job, done, *, kind, label):
        if not self.parallel():
            done(make_photo(job))  # in the caller's item(), which reports a failure
            return
        if self.pool is None:
            # Forked children must not share this process's database connections: closed
            # first, all the workers started now (fork starts them at the first submit).
            connections.close_all()
            self.pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_worker_start,
            )
        self.pending.append((self.pool.submit(make_photo, job), done, kind, label))
        while len(self.pending) > 4 * self.workers:
            self._take()

    def _take(self):
        future, done, kind, label = self.pending.popleft()
        with self.report_item(kind, label):
            done(future.result())

    def finish(self, progress=None):
        """Wait for every photo still being made; then the workers go."""
        total, taken = len(self.pending), 0
        try:
            while self.pending:
                self._take()
                taken += 1
                if progress:
                    progress("photos", taken, total)
        finally:
            self.abandon()

    def abandon(self):
        """Stop the workers; photos not started are not made (the next run makes them)."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        self.pending.clear()
