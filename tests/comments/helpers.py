"""What the comment tests share: a valid submission and the address it is posted to."""

from django.urls import reverse


def valid_data(**overrides):
    """What a reader fills in, field by field; override any of them."""
    data = {
        "body": "A fair and thoughtful point about the bridge.",
        "name": "Ana Ruiz",
        "email": "ana.ruiz@example.org",
        "url": "",
    }
    data.update(overrides)
    return data


def post_url(article_or_id):
    """The address a comment on this article (or this raw article id) is posted to."""
    article_id = getattr(article_or_id, "pk", article_or_id)
    return reverse("comments:post", kwargs={"article_id": article_id})
