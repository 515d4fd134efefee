"""`manage.py restore FILE`: bring a backup back into an empty database and the media folder."""

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from ops import backups


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup` into the site's database, which must be "
        "empty (nothing is ever overwritten), and its media folder. Row counts are checked "
        "against the archive's manifest afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="The archive, e.g. backups/newsroom-20260101T020000Z.tar.gz"
        )

    def handle(self, *args, file, **options):
        try:
            report = backups.restore(file)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        manifest = report["manifest"]
        if report["count_differences"]:
            lines = "\n".join(
                f"  {label}: {expected} in the backup, {found} restored"
                for label, (expected, found) in report["count_differences"].items()
            )
            raise CommandError(f"The restored database does not match the backup:\n{lines}")
        # Pages cached from whatever ran on this cache before would hide the restored site.
        cache.clear()
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: "
            f"{sum(report['counts'].values()):,} rows in {len(report['counts'])} tables, all "
            f"matching the manifest; {report['media_files']:,} media files. Cache cleared."
        )
        if report["migrations"]:
            self.stdout.write(self.style.WARNING(report["migrations"]))
