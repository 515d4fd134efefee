from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext

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
                gettext(
                    "Dry run: would erase the IP address and browser of %(comments)s older than "
                    "%(days)s. Nothing was changed."
                )
                % {"comments": comments_text(expired.count()), "days": days_text(days)}
            )
            return
        # One UPDATE statement: one transaction, and a second run finds nothing left to do.
        count = expired.update(ip_address=None, user_agent="")
        self.stdout.write(
            gettext("Erased the IP address and browser of %(comments)s older than %(days)s.")
            % {"comments": comments_text(count), "days": days_text(days)}
        )


# Two numbers, two plurals: each agrees with its own number.
def comments_text(count):
    return ngettext("%(count)d comment", "%(count)d comments", count) % {"count": count}


def days_text(days):
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
