from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from comments.models import Comment


def default_days():
    return getattr(settings, "NEWSROOM_COMMENT_RETENTION_DAYS", 30)


class Command(BaseCommand):
    help = (
        "Erase the IP address and browser (user agent) of comments older than N days. "
        "Safe to run daily from cron: rows already erased are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep them this many days (default: NEWSROOM_COMMENT_RETENTION_DAYS, 30).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased; change nothing."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = default_days() if days is None else days
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        cutoff = timezone.now() - timedelta(days=days)
        expired = Comment.objects.filter(created_at__lt=cutoff).filter(
            Q(ip_address__isnull=False) | ~Q(user_agent="")
        )
        if dry_run:
            self.stdout.write(
                f"Dry run: would erase the IP address and browser of {expired.count()} "
                f"comment(s) older than {days} day(s). Nothing was changed."
            )
            return
        # One UPDATE statement: one transaction, and a second run finds nothing left to do.
        count = expired.update(ip_address=None, user_agent="")
        self.stdout.write(
            f"Erased the IP address and browser of {count} comment(s) older than {days} day(s)."
        )
