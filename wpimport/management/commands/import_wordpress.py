import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from wpimport.importer import DEFAULT_SECTION
from wpimport.services import wordpress_import
from wpimport.wxr import NotWXR


class Progress:
    """How far the import is: a tqdm bar per phase on a terminal (items/s, time left), or else a
    plain line at every tenth of a phase and at its end, for logs."""

    STEPS = 10

    def __init__(self, stream, *, terminal):
        self.stream = stream
        self.terminal = terminal
        self.phase = None
        self.bar = None
        self.step = 0
        self.started = 0.0

    def __call__(self, phase, done, total):
        if phase != self.phase:
            self.finish()
            self.phase, self.step, self.started = phase, 0, time.monotonic()
            if self.terminal:
                self.bar = tqdm(
                    total=total, desc=phase, unit=" items", file=self.stream, leave=True
                )
        if self.bar is not None:
            self.bar.update(done - self.bar.n)
            return
        step = self.STEPS * done // total if total else self.STEPS
        if step > self.step or (done == total and self.step < self.STEPS):
            self.step = max(step, self.step + 1) if done == total else step
            elapsed = time.monotonic() - self.started
            rate = ", " + _("%s items/s") % f"{done / elapsed:,.0f}" if elapsed > 0 else ""
            line = _("%(phase)s: %(done)s of %(total)s items") % {
                "phase": phase,
                "done": f"{done:,}",
                "total": f"{total:,}",
            }
            self.stream.write(line + rate + "\n")
            self.stream.flush()

    def finish(self):
        if self.bar is not None:
            self.bar.close()
            self.bar = None


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
            "--media-workers",
            type=int,
            default=None,
            help="Processes making photos and their renditions side by side "
            "(default: one a processor, at most 8; 1 makes them one by one).",
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
        if opts["media_workers"] is not None and opts["media_workers"] < 1:
            raise CommandError(_("--media-workers must be 1 or more."))
        path = Path(export)
        if not path.is_file():
            raise CommandError(f"{export}: no such file.")
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"--media-dir {media_dir}: no such folder.")
        # The bar where people look (a terminal); plain lines on stderr, out of the report's way.
        stream = getattr(self.stdout, "_out", sys.stdout)
        bar = None
        if opts["verbosity"] > 0:
            if stream.isatty():
                bar = Progress(stream, terminal=True)
            else:
                bar = Progress(getattr(self.stderr, "_out", sys.stderr), terminal=False)
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
                media_workers=opts["media_workers"],
            )
        except NotWXR as error:
            raise CommandError(str(error)) from error
        except KeyboardInterrupt:
            if bar:
                bar.finish()
            raise CommandError(
                _(
                    "Interrupted. What was written so far is complete (posts a batch at a time): "
                    "run the same import again to finish it."
                )
            ) from None
        finally:
            if bar:
                bar.finish()
        if opts["verbosity"] > 0:
            for line in report.lines():
                self.stdout.write(line)
            self.stdout.write(f"\nDone in {time.monotonic() - started:.1f} s.")
