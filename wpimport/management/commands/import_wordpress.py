import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wpimport.importer import DEFAULT_SECTION
from wpimport.services import wordpress_import
from wpimport.wxr import NotWXR


class ProgressBar:
    """A one-line bar redrawn in place; only used when the output is a terminal."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.last = 0.0
        self.phase = None

    def __call__(self, phase, done, total):
        now = time.monotonic()
        if phase == self.phase and done < total and now - self.last < 0.1:
            return
        if phase != self.phase and self.phase is not None:
            self.stream.write("\n")
        self.phase, self.last = phase, now
        filled = int(self.WIDTH * done / total) if total else self.WIDTH
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r{phase:16} [{bar}] {done}/{total}")
        self.stream.flush()

    def finish(self):
        if self.phase is not None:
            self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR file): authors, categories, tags, posts, pages, "
        "comments, media and old addresses. Safe to run again: it updates what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .xml file from WordPress's Tools → Export.")
        parser.add_argument(
            "--media-dir",
            help="WordPress's wp-content/uploads folder, copied from the old server.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )
        parser.add_argument(
            "--default-section",
            default=DEFAULT_SECTION,
            help=f"Section for posts without a category (default “{DEFAULT_SECTION}”).",
        )
        parser.add_argument(
            "--create-logins",
            action="store_true",
            help="Make a login for each author (no password, not staff) linked to the profile.",
        )

    def handle(self, *args, export, media_dir, dry_run, default_section, create_logins, **opts):
        path = Path(export)
        if not path.is_file():
            raise CommandError(f"{export}: no such file.")
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"--media-dir {media_dir}: no such folder.")
        stream = getattr(self.stdout, "_out", sys.stdout)
        bar = ProgressBar(stream) if stream.isatty() and opts["verbosity"] > 0 else None
        started = time.monotonic()
        try:
            report = wordpress_import(
                path=path,
                media_dir=media_dir,
                dry_run=dry_run,
                default_section=default_section,
                create_logins=create_logins,
                progress=bar,
                label=str(export),
            )
        except NotWXR as error:
            raise CommandError(str(error)) from error
        finally:
            if bar:
                bar.finish()
        if opts["verbosity"] > 0:
            for line in report.lines():
                self.stdout.write(line)
            self.stdout.write(f"\nDone in {time.monotonic() - started:.1f} s.")
