from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Author(models.Model):
    """A person who writes for the outlet; wire services and contributors need no login."""

    name = models.CharField(
        _("name"), max_length=120, help_text=_("As printed in the byline, e.g. “Ana Ruiz”.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Used in the author page address: /author/<slug>/."),
    )
    job_title = models.CharField(
        _("job title"),
        max_length=120,
        blank=True,
        help_text=_("For example “Health reporter” or “Wire service”."),
    )
    bio = models.TextField(
        _("bio"),
        blank=True,
        max_length=1000,
        help_text=_("Two or three sentences shown on the author page."),
    )
    photo = models.ForeignKey(
        "photos.Photo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("A head shot from the photo library, cropped square around its focal point."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        verbose_name=_("user"),
        help_text=_("The login this profile belongs to, if any. Leave empty for contributors."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("authors:detail", kwargs={"slug": self.slug})
