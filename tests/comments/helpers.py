"""What the comment tests share: a valid submission and the address it is posted to."""

import time

from django.urls import reverse

from comments.forms import form_token


def issued(seconds_ago=60):
    """The form's signed timestamp, as if the page had been served that long ago."""
    return form_token(time.time() - seconds_ago)


def valid_data(**overrides):
    """What a reader fills in, field by field; override any of them."""
    data = {
        "body": "A fair and thoughtful point about the bridge.",
        "name": "Ana Ruiz",
        "email": "ana.ruiz@example.org",
        "url": "",
        # The hidden fields the page carries: a form served a minute ago, the trap left empty.
        "issued": issued(),
        "homepage": "",
    }
    data.update(overrides)
    return data


def post_url(article_or_id):
    """The address a comment on this article (or this raw article id) is posted to."""
    article_id = getattr(article_or_id, "pk", article_or_id)
    return reverse("comments:post", kwargs={"article_id": article_id})
