"""`manage.py backup`: the database and the media files in one timestamped archive."""

import os

from django.core.management.base import BaseCommand, CommandError

from ops import backups

HIGHLIGHTS = ["articles.Article", "comments.Comment", "photos.Photo", "authors.Author"]


def size(number):
    for unit in ("bytes", "KB", "MB", "GB"):
        if number < 1024 or unit == "GB":
            return f"{number:,.0f} {unit}" if unit == "bytes" else f"{number:,.1f} {unit}"
        number /= 1024
    return ""


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database and the uploaded media into one archive, "
        "newsroom-<UTC time>.tar.gz, in --output-dir (default: $BACKUP_DIR or backups/). "
        "Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=os.environ.get("BACKUP_DIR") or "backups",
            help="Folder for the archive (created if missing).",
        )

    def handle(self, *args, output_dir, **options):
        try:
            path, manifest = backups.backup(output_dir)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        counts = manifest["counts"]
        database = manifest["database"]
        media = manifest["media"]
        self.stdout.write(f"Backup written: {path} ({size(path.stat().st_size)})")
        self.stdout.write(
            f"  database: {database['vendor']}, {sum(counts.values()):,} rows in "
            f"{len(counts)} tables; "
            + ", ".join(
                f"{label.split('.')[1].lower()}s {counts.get(label, 0):,}" for label in HIGHLIGHTS
            )
        )
        if media["included"]:
            self.stdout.write(f"  media: {media['files']:,} files ({size(media['bytes'])})")
        else:
            self.stdout.write("  media: on object storage, not in this archive (back it up there)")
        self.stdout.write(f"Keep a copy off this machine. Restore with: make restore FILE={path}")
