"""Moving a WordPress site in: wordpress_import() reads an export and writes what it holds.

Not one transaction for the whole file, unlike our other services: each author, term, attachment
and page is its own transaction, and posts (with their comments and old addresses) are written
250 at a time, a transaction a batch (batch.py), so one bad item is reported and skipped and never
aborts the rest nor is half-saved, and an interrupted import keeps its finished batches. A dry run
wraps everything in one transaction that is rolled back, and writes no file.
"""

from django.db import transaction

import pagecache

from . import wxr
from .importer import DEFAULT_SECTION, Importer


def wordpress_import(
    *,
    path,
    media_dir=None,
    dry_run=False,
    default_section=DEFAULT_SECTION,
    create_logins=False,
    progress=None,
    label=None,
    media_workers=None,
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
        media_workers=media_workers,
    )
    if dry_run:
        with transaction.atomic():
            importer.run(path)
            transaction.set_rollback(True)
    else:
        importer.run(path)
        if any(c["created"] or c["updated"] for c in importer.report.counts.values()):
            # Readers' cached pages are out of date: rows were written in bulk, without signals.
            pagecache.changed("site")
    return importer.report
