import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from comments.personal_data import personal_data_export


class Command(BaseCommand):
    help = (
        "Print, as JSON, everything stored about a commenter's email address: comments, bans "
        "and the moderation log about their comments. Recorded in the moderation log."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        try:
            validate_email(email.strip())
        except ValidationError:
            raise CommandError(f"Not an email address: {email!r}") from None
        data = personal_data_export(email=email, moderator=None)
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
