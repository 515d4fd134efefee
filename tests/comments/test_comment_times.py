"""A comment's time, written as Django's date filter writes it, in every language."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation
from django.utils.dateformat import format as django_format

from comments.templatetags.comments import SHOWN_FORMAT, date_formatter

FORMATS = [
    "j F Y \\a\\t H:i",
    "j \\d\\e F \\d\\e Y \\a \\l\\a\\s H:i",
    "D, d M Y H:i:s O",
    "\\\\Y jS N E P a A",
    "l L W z t U",
    "Y-m-d\\TH:i:sO",
    "no codes, only text?",
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("date_format", FORMATS)
def test_the_quick_formatter_writes_what_django_writes(language, date_format):
    moments = random.Random(date_format).sample(range(30_000_000), 200)
    with translation.override(language):
        formatted = date_formatter(date_format)
        for minutes in moments:
            value = datetime(1990, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
            assert formatted(value) == django_format(value, date_format)


def test_each_language_writes_a_comments_time_its_own_way():
    value = datetime(2026, 12, 7, 8, 52, tzinfo=UTC)
    with translation.override("en"):
        assert date_formatter(str(SHOWN_FORMAT))(value) == "7 December 2026 at 08:52"
    with translation.override("es"):
        assert date_formatter(str(SHOWN_FORMAT))(value) == "7 de diciembre de 2026 a las 08:52"
