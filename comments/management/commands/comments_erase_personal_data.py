from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils.translation import ngettext

from comments.personal_data import EraseMode, comments_of, erase_summary, personal_data_erase


class Command(BaseCommand):
    help = (
        "Erase what is stored about a commenter's email address: keep their comments as "
        "“Anonymous” (--mode anonymise) or delete them (--mode delete), and remove bans naming "
        "the address. One transaction; recorded in the moderation log."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--mode", required=True, choices=[EraseMode.ANONYMISE, EraseMode.DELETE]
        )
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, email, mode, yes=False, **options):
        try:
            validate_email(email.strip())
        except ValidationError:
            raise CommandError(f"Not an email address: {email!r}") from None
        if not yes:
            count = comments_of(email).count()
            if mode == EraseMode.DELETE:
                question = ngettext(
                    "Delete %(count)d comment of %(email)s? Type 'yes': ",
                    "Delete %(count)d comments of %(email)s? Type 'yes': ",
                    count,
                )
            else:
                question = ngettext(
                    "Anonymise %(count)d comment of %(email)s? Type 'yes': ",
                    "Anonymise %(count)d comments of %(email)s? Type 'yes': ",
                    count,
                )
            answer = input(question % {"count": count, "email": email})
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was erased.")
        counts = personal_data_erase(email=email, mode=mode, moderator=None)
        self.stdout.write(erase_summary(counts))
