"""Imported commenters' emails are as private as any: on no page, only their names shown."""

import hashlib

import pytest
from django.test import Client

from wpimport.models import ImportedObject
from wpimport.services import wordpress_import

from .conftest import RIVERSIDE

pytestmark = pytest.mark.django_db

EMAILS = [
    "jo.private@readers.example.net",
    "sam.secret@readers.example.net",
    "ali.hidden@readers.example.net",
    "deep.diver@readers.example.net",
    "wanda.waits@readers.example.net",
    "pills@spam.example",
    "ron.removed@readers.example.net",
    "mara.okafor@ledger.example.org",
    "pete.lund@ledger.example.org",
]


def test_the_article_page_shows_approved_comments_and_no_email_nor_its_hash():
    wordpress_import(path=RIVERSIDE)
    story = ImportedObject.objects.get(kind="post", wp_id="10").article
    client = Client()
    html = client.get(story.get_absolute_url()).content.decode()
    for name in ("Sam Quay", "Jo Reader", "Ali Bank", "Deep Diver"):
        assert name in html
    for name in ("Waiting Wanda", "Cheap Pills", "Removed Ron"):
        assert name not in html
    pages = [html]
    for url in ("/", "/feed/", "/author/mara/", "/section/local/", "/sitemap.xml"):
        pages.append(client.get(url).content.decode())
    for page in pages:
        for email in EMAILS:
            assert email not in page
            assert email.split("@")[0] not in page
            for algorithm in ("md5", "sha256"):
                assert hashlib.new(algorithm, email.encode()).hexdigest() not in page
