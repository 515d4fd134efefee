"""watch(): drop pages when rows of a model are saved or deleted, whoever writes them.

Apps declare in their AppConfig.ready() which of their models pages show, and with what tags
(see the package docstring). A model signal is the one hook that sees every write path: our
services, but also the admin's forms and bulk deletes and taggit's tagging, which call no
service of ours. Writes made with QuerySet.update() send no signal: their services call
changed() themselves (comments/services.py, comments/personal_data.py).
"""

from django.db.models.signals import post_delete, post_save

from .tags import changed


def watch(model, tags=("site",)):
    """On every save and delete of `model`, call changed() with `tags`.

    `tags` is a tuple of tags, or a function of (instance, created) giving them; created is
    None on a delete.
    """

    def dropped(sender, instance, created=None, **kwargs):
        changed(*(tags(instance, created) if callable(tags) else tags))

    uid = f"pagecache-{model._meta.label_lower}"
    post_save.connect(dropped, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(dropped, sender=model, weak=False, dispatch_uid=uid)
